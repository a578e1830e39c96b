// Lays the map out with elkjs's layered (Sugiyama) algorithm: VPCs and subnets as nested boxes, internet at the top.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { Box, CLUSTER_HEADER, EdgePath, LaidOutMap, PADDING, clusterHeaderWidth, edgeLabelWidth, nodeSize } from '../../server/src/map/geometry';
import { ExposureMap } from '../../server/src/map/types';

let elk: InstanceType<typeof ELK> | undefined;

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.nodeNode': '24',
  'elk.spacing.edgeLabel': '2',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '3',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

export async function layoutWithElk(map: ExposureMap): Promise<LaidOutMap> {
  elk ??= new ELK();
  const graph = toElk(map);
  const laid = await elk.layout(graph);
  return fromElk(map, laid);
}

function toElk(map: ExposureMap): ElkNode {
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const cluster of map.clusters) {
    byId.set(cluster.id, {
      id: cluster.id,
      children: [],
      layoutOptions: {
        'elk.padding': `[top=${CLUSTER_HEADER + 6},left=${PADDING},bottom=${PADDING},right=${PADDING}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${clusterHeaderWidth(cluster)}, ${CLUSTER_HEADER + 30})`,
      },
    });
  }
  for (const cluster of map.clusters) (cluster.parent ? byId.get(cluster.parent) ?? root : root).children!.push(byId.get(cluster.id)!);
  for (const node of map.nodes) {
    const size = nodeSize(node);
    (node.parent ? byId.get(node.parent) ?? root : root).children!.push({ id: node.id, ...size });
  }
  root.edges = map.edges.map((edge): ElkExtendedEdge => ({
    id: edge.id,
    sources: [edge.from],
    targets: [edge.to],
    labels: edge.label ? [{ id: `${edge.id}#label`, text: edge.label, width: edgeLabelWidth(edge.label), height: 14 }] : [],
  }));
  return root;
}

function fromElk(map: ExposureMap, root: ElkNode): LaidOutMap {
  const clusterIds = new Set(map.clusters.map((c) => c.id));
  const clusters = new Map<string, Box>();
  const nodes = new Map<string, Box>();
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const box = { id: child.id, x: dx + (child.x ?? 0), y: dy + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 };
      (clusterIds.has(child.id) ? clusters : nodes).set(child.id, box);
      walk(child, box.x, box.y);
    }
  };
  walk(root, 0, 0);
  const edges = new Map<string, EdgePath>();
  const collect = (node: ElkNode, dx: number, dy: number) => {
    for (const edge of (node.edges ?? []) as ElkExtendedEdge[]) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x + dx, y: p.y + dy }));
      const label = edge.labels?.[0];
      edges.set(edge.id, { id: edge.id, points, label: label && label.x !== undefined ? { x: dx + label.x + (label.width ?? 0) / 2, y: dy + (label.y ?? 0) + (label.height ?? 0) / 2 } : undefined });
    }
    for (const child of node.children ?? []) {
      const box = clusters.get(child.id);
      if (box) collect(child, box.x, box.y);
    }
  };
  collect(root, 0, 0);
  return { map, width: Math.ceil(root.width ?? 0), height: Math.ceil(root.height ?? 0), clusters, nodes, edges };
}
