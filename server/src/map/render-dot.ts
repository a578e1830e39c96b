// Renders the map as Graphviz DOT: VPCs and subnets as clusters, exposure paths in red with their rule ids.
import { ExposureMap, MapCluster, MapEdge, MapNode } from './types';

export interface DotOptions {
  /** Sizes in inches for every node (layout benchmarks pass the renderers' sizes). */
  sizes?: Map<string, { width: number; height: number }>;
  /** Give edges their map ids (the layout reads them back). */
  ids?: boolean;
  /** Input for the layout only: no colours. */
  forLayout?: boolean;
}

const FILL: Record<string, string> = { public: '#fdecea', private: '#e8f4ea', isolated: '#eef0f3', unknown: '#fff7e0' };

export function renderDot(map: ExposureMap, options: DotOptions = {}): string {
  const lines = ['digraph exposure {', '  graph [rankdir=TB, compound=true, fontname="Helvetica", fontsize=11, labeljust=l, nodesep=0.3, ranksep=0.45];', '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=11, color="#6b7280"];'];
  const children = new Map<string | undefined, { clusters: MapCluster[]; nodes: MapNode[] }>();
  const bucket = (parent: string | undefined) => {
    let entry = children.get(parent);
    if (!entry) children.set(parent, (entry = { clusters: [], nodes: [] }));
    return entry;
  };
  const known = new Set(map.clusters.map((c) => c.id));
  for (const cluster of map.clusters) bucket(cluster.parent && known.has(cluster.parent) ? cluster.parent : undefined).clusters.push(cluster);
  for (const node of map.nodes) bucket(node.parent && known.has(node.parent) ? node.parent : undefined).nodes.push(node);
  const emit = (parent: string | undefined, indent: string) => {
    const entry = children.get(parent);
    if (!entry) return;
    for (const cluster of entry.clusters) {
      lines.push(`${indent}subgraph ${quote(`cluster_${cluster.id}`)} {`);
      const label = [cluster.label, cluster.detail, cluster.conditional].filter(Boolean).join('\\n');
      const style = cluster.conditional ? 'rounded,dashed,filled' : 'rounded,filled';
      const fill = cluster.kind === 'subnet' ? FILL[cluster.cls ?? 'unknown'] : cluster.kind === 'vpc' ? '#f5f7fb' : '#ffffff';
      const color = cluster.findings.some((f) => f.severity === 'error') ? '#c62828' : '#9aa3b2';
      lines.push(`${indent}  label=${quote(label, true)}; style=${quote(style)}; fillcolor=${quote(fill)}; color=${quote(color)};`);
      emit(cluster.id, `${indent}  `);
      // Graphviz drops an empty cluster: an invisible node keeps the box (an empty subnet is worth seeing).
      if (!children.has(cluster.id)) lines.push(`${indent}  ${quote(`empty:${cluster.id}`)} [label="", shape=box, style=invis, width=1, height=0.3];`);
      lines.push(`${indent}}`);
    }
    for (const node of entry.nodes) lines.push(`${indent}${nodeLine(node, options)}`);
  };
  emit(undefined, '  ');
  if (map.nodes.some((n) => n.id === 'internet')) lines.push('  { rank=min; "internet"; }');
  // The renderers draw labels in the editor's font, wider than Graphviz's Helvetica estimate: reserve room.
  if (options.forLayout) lines.push('  edge [fontsize=13];');
  for (const edge of map.edges) lines.push(`  ${edgeLine(edge, map, options)}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function nodeLine(node: MapNode, options: DotOptions): string {
  const attrs: Record<string, string> = { label: [node.label, node.detail, node.conditional].filter(Boolean).join('\\n') };
  if (node.kind === 'internet') Object.assign(attrs, { shape: 'ellipse', fillcolor: '#e3f2fd' });
  if (node.kind === 'data-store') attrs.shape = 'cylinder';
  if (node.exposed || node.findings.some((f) => f.severity === 'error')) Object.assign(attrs, { color: '#c62828', penwidth: '2' });
  if (node.conditional) attrs.style = 'rounded,dashed,filled';
  const size = options.sizes?.get(node.id);
  if (size) Object.assign(attrs, { width: (size.width / 72).toFixed(3), height: (size.height / 72).toFixed(3), fixedsize: 'true' });
  return `${quote(node.id)} [${attributes(attrs)}];`;
}

function edgeLine(edge: MapEdge, map: ExposureMap, options: DotOptions): string {
  const attrs: Record<string, string> = {};
  if (options.ids) attrs.id = edge.id;
  if (edge.label) attrs.label = edge.label;
  if (edge.kind === 'exposure') {
    const muted = map.diff && !edge.introduced;
    Object.assign(attrs, { color: muted ? '#e6a0a0' : '#d32f2f', fontcolor: muted ? '#b06060' : '#d32f2f', penwidth: muted ? '1.5' : '2.5' });
  }
  // Egress goes back up to the gateway: it must not pull the gateway below the VPC (the internet stays on top).
  if (edge.kind === 'egress') Object.assign(attrs, { style: 'dotted', constraint: 'false' });
  if (edge.conditional) attrs.style = 'dashed';
  return `${quote(edge.from)} -> ${quote(edge.to)}${Object.keys(attrs).length ? ` [${attributes(attrs)}]` : ''};`;
}

function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([key, value]) => `${key}=${quote(value, key === 'label')}`)
    .join(', ');
}

/** A DOT double-quoted string; `\n` sequences in labels are kept as line breaks. */
function quote(text: string, label = false): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ');
  return `"${label ? escaped.replace(/\\\\n/g, '\\n') : escaped}"`;
}
