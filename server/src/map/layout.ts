// Lays the map out with Graphviz dot compiled to WebAssembly (@hpcc-js/wasm-graphviz): chosen over elkjs and dagre
// for layout time and size (docs/map.md has the numbers). Boxes are sized by us; Graphviz only places them.
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { Box, EdgePath, LaidOutMap, nodeSize } from './geometry';
import { renderDot } from './render-dot';
import { ExposureMap } from './types';

let graphviz: Promise<Graphviz> | undefined;

/** Points per inch: Graphviz works in points (72 / inch), node sizes in inches. */
const PPI = 72;

interface GvObject {
  _gvid: number;
  name: string;
  bb?: string;
  pos?: string;
  width?: string;
  height?: string;
}

interface GvEdge {
  _gvid: number;
  id?: string;
  pos?: string;
  lp?: string;
}

interface GvJson {
  bb: string;
  objects?: GvObject[];
  edges?: GvEdge[];
}

export async function layoutMap(map: ExposureMap): Promise<LaidOutMap> {
  graphviz ??= Graphviz.load();
  const sizes = new Map(map.nodes.map((n) => [n.id, nodeSize(n)]));
  const dot = renderDot(map, { sizes, ids: true, forLayout: true });
  const json = JSON.parse((await graphviz).layout(dot, 'json', 'dot')) as GvJson;
  return fromGraphviz(map, json);
}

function fromGraphviz(map: ExposureMap, json: GvJson): LaidOutMap {
  const [, , width, height] = numbers(json.bb);
  const flipY = (y: number) => height - y;
  const clusterIds = new Set(map.clusters.map((c) => c.id));
  const nodeIds = new Set(map.nodes.map((n) => n.id));
  const clusters = new Map<string, Box>();
  const nodes = new Map<string, Box>();
  for (const object of json.objects ?? []) {
    if (object.bb && object.name.startsWith('cluster_')) {
      const id = object.name.slice('cluster_'.length);
      if (!clusterIds.has(id)) continue;
      const [x1, y1, x2, y2] = numbers(object.bb);
      clusters.set(id, { id, x: x1, y: flipY(y2), width: x2 - x1, height: y2 - y1 });
    } else if (object.pos && nodeIds.has(object.name)) {
      const [cx, cy] = numbers(object.pos);
      const w = Number(object.width) * PPI;
      const h = Number(object.height) * PPI;
      nodes.set(object.name, { id: object.name, x: cx - w / 2, y: flipY(cy) - h / 2, width: w, height: h });
    }
  }
  const edges = new Map<string, EdgePath>();
  for (const edge of json.edges ?? []) {
    if (!edge.id || !edge.pos) continue;
    const { points, end } = splinePoints(edge.pos);
    const path = points.map(([x, y]) => ({ x, y: flipY(y) }));
    if (end) path.push({ x: end[0], y: flipY(end[1]) });
    const lp = edge.lp ? numbers(edge.lp) : undefined;
    edges.set(edge.id, { id: edge.id, points: path, bezier: true, hasEnd: !!end, label: lp ? { x: lp[0], y: flipY(lp[1]) } : undefined });
  }
  return { map, width: Math.ceil(width), height: Math.ceil(height), clusters, nodes, edges };
}

/** Graphviz spline "e,x,y x1,y1 x2,y2 ...": cubic Bézier control points plus the arrow's end point. */
function splinePoints(pos: string): { points: [number, number][]; end?: [number, number] } {
  let end: [number, number] | undefined;
  const points: [number, number][] = [];
  for (const token of pos.split(/\s+/).filter(Boolean)) {
    if (token.startsWith('e,')) {
      const [x, y] = numbers(token.slice(2));
      end = [x, y];
    } else if (token.startsWith('s,')) continue;
    else {
      const [x, y] = numbers(token);
      points.push([x, y]);
    }
  }
  return { points, end };
}

function numbers(text: string): number[] {
  return text.split(/[ ,]+/).map(Number);
}
