// Compares layout libraries for the exposure map on generated templates (50 / 500 / 2,000 resources): elkjs (layered),
// Graphviz dot in WebAssembly (@hpcc-js/wasm-graphviz) and dagre, by layout time and bundled size. How the map's library was chosen;
// run with `node out/test/bench/layout-compare.js` after a build. Environment: LAYOUT_SIZES=50,500,2000.
import { buildSync } from 'esbuild';
import { layoutMap } from '../../server/src/map/layout';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../server/src/engine/types';
import { buildExposureMap } from '../../server/src/map/build';
import { cloudFormationParts } from '../../server/src/map/load';
import { layoutWithElk } from './layout-elk';
import { nodeSize } from '../../server/src/map/geometry';
import { ExposureMap } from '../../server/src/map/types';
import { generateTemplate, toYaml } from './generate';

const SIZES = (process.env.LAYOUT_SIZES ?? '50,500,2000').split(',').map(Number);
const BUDGET_MS = Number(process.env.LAYOUT_BUDGET_MS ?? 60000);

async function graphvizLayout(map: ExposureMap): Promise<number> {
  return (await layoutMap(map)).nodes.size;
}

async function dagreLayout(map: ExposureMap): Promise<number> {
  const dagre = await import('@dagrejs/dagre');
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const cluster of map.clusters) g.setNode(cluster.id, { label: cluster.label });
  for (const node of map.nodes) g.setNode(node.id, { ...nodeSize(node) });
  for (const cluster of map.clusters) if (cluster.parent) g.setParent(cluster.id, cluster.parent);
  for (const node of map.nodes) if (node.parent) g.setParent(node.id, node.parent);
  for (const edge of map.edges) g.setEdge(edge.from, edge.to, { label: edge.label, width: edge.label.length * 6, height: 14 });
  dagre.layout(g);
  return g.nodeCount();
}

async function elkLayout(map: ExposureMap): Promise<number> {
  return (await layoutWithElk(map)).nodes.size;
}

function bundleBytes(entry: string): number {
  const result = buildSync({ stdin: { contents: entry, resolveDir: process.cwd() }, bundle: true, platform: 'node', format: 'cjs', minify: true, write: false, logLevel: 'silent' });
  return result.outputFiles[0].contents.length;
}

async function time(layout: (map: ExposureMap) => Promise<number>, map: ExposureMap, runs: number): Promise<number> {
  await layout(map); // warm-up (loads the wasm, JITs the Java-to-JS code)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await layout(map);
    const ms = performance.now() - start;
    times.push(ms);
    if (ms > BUDGET_MS) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const libraries = {
    elkjs: { layout: elkLayout, bytes: bundleBytes("module.exports = require('elkjs/lib/elk.bundled.js');") },
    'graphviz-wasm': { layout: graphvizLayout, bytes: bundleBytes("module.exports = require('@hpcc-js/wasm-graphviz');") },
    dagre: { layout: dagreLayout, bytes: bundleBytes("module.exports = require('@dagrejs/dagre');") },
  };
  const rows: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    const text = toYaml(generateTemplate(size));
    const map = buildExposureMap(cloudFormationParts('bench.yaml', text, defaultConfig()));
    const row: Record<string, unknown> = { resources: size, nodes: map.nodes.length, boxes: map.clusters.length, edges: map.edges.length };
    for (const [name, lib] of Object.entries(libraries)) {
      try {
        row[`${name} ms`] = Math.round(await time(lib.layout, map, size >= 2000 ? 3 : 7));
      } catch (error) {
        row[`${name} ms`] = `failed: ${(error as Error).message.slice(0, 60)}`;
      }
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log(JSON.stringify(Object.fromEntries(Object.entries(libraries).map(([name, lib]) => [`${name} bundled KB`, Math.round(lib.bytes / 1024)]))));
}

void main();
