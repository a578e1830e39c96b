// Renders the map as a Mermaid flowchart (GitHub renders it in Markdown): subgraphs for VPCs and subnets, red exposure links.
import { ExposureMap, MapCluster, MapNode } from './types';

export function renderMermaid(map: ExposureMap): string {
  const ids = new MermaidIds();
  const lines = ['flowchart TB'];
  const known = new Set(map.clusters.map((c) => c.id));
  const clustersIn = new Map<string | undefined, MapCluster[]>();
  const nodesIn = new Map<string | undefined, MapNode[]>();
  for (const cluster of map.clusters) push(clustersIn, cluster.parent && known.has(cluster.parent) ? cluster.parent : undefined, cluster);
  for (const node of map.nodes) push(nodesIn, node.parent && known.has(node.parent) ? node.parent : undefined, node);
  const styles: string[] = [];
  const emit = (parent: string | undefined, indent: string) => {
    for (const cluster of clustersIn.get(parent) ?? []) {
      const id = ids.of(`c:${cluster.id}`);
      lines.push(`${indent}subgraph ${id}["${text([cluster.label, cluster.detail, cluster.conditional && `(${cluster.conditional})`])}"]`);
      emit(cluster.id, `${indent}  `);
      lines.push(`${indent}end`);
      const fill = cluster.kind === 'subnet' ? { public: '#fdecea', private: '#e6f4ea', isolated: '#eef0f3', unknown: '#fff8e1' }[cluster.cls ?? 'unknown'] : undefined;
      const style = [fill ? `fill:${fill}` : undefined, cluster.conditional ? 'stroke-dasharray:5 5' : undefined].filter(Boolean).join(',');
      if (style) styles.push(`style ${id} ${style}`);
    }
    for (const node of nodesIn.get(parent) ?? []) lines.push(`${indent}${ids.of(node.id)}${shape(node)}`);
  };
  emit(undefined, '  ');
  const exposureLinks: number[] = [];
  const mutedLinks: number[] = [];
  map.edges.forEach((edge, i) => {
    const arrow = edge.kind === 'exposure' ? '==>' : edge.kind === 'egress' || edge.conditional ? '-.->' : '-->';
    const label = edge.label ? `|"${text([edge.label + (edge.conditional ? ` (${edge.conditional})` : '')])}"|` : '';
    lines.push(`  ${ids.of(edge.from)} ${arrow}${label} ${ids.of(edge.to)}`);
    if (edge.kind === 'exposure') (map.diff && !edge.introduced ? mutedLinks : exposureLinks).push(i);
  });
  lines.push('  classDef exposed stroke:#d1242f,stroke-width:3px');
  lines.push('  classDef finding stroke:#bc4c00,stroke-width:2px');
  lines.push('  classDef internet fill:#0969da,color:#ffffff,stroke:#0969da');
  const exposed = map.nodes.filter((n) => n.exposed || n.findings.some((f) => f.severity === 'error')).map((n) => ids.of(n.id));
  const finding = map.nodes.filter((n) => !n.exposed && n.findings.length && !n.findings.some((f) => f.severity === 'error')).map((n) => ids.of(n.id));
  if (exposed.length) lines.push(`  class ${exposed.join(',')} exposed`);
  if (finding.length) lines.push(`  class ${finding.join(',')} finding`);
  lines.push(`  class ${ids.of('internet')} internet`);
  for (const style of styles) lines.push(`  ${style}`);
  if (exposureLinks.length) lines.push(`  linkStyle ${exposureLinks.join(',')} stroke:#d1242f,stroke-width:3px,color:#d1242f`);
  if (mutedLinks.length) lines.push(`  linkStyle ${mutedLinks.join(',')} stroke:#e6a0a0,stroke-width:2px`);
  return lines.join('\n') + '\n';
}

function shape(node: MapNode): string {
  const label = text([node.label, node.detail, node.conditional && `(${node.conditional})`]);
  if (node.kind === 'internet') return `(("${label}"))`;
  if (node.kind === 'data-store') return `[("${label}")]`;
  if (node.kind === 'internet-gateway') return `{{"${label}"}}`;
  return `["${label}"]`;
}

/** Lines joined with <br/>; quotes and the characters Mermaid reads as markup become entity codes. */
function text(lines: (string | undefined | false)[]): string {
  return lines
    .filter((line): line is string => !!line)
    .map((line) => line.replace(/[#"<>&|`\\[\]{}]/g, (c) => `#${c.charCodeAt(0)};`))
    .join('<br/>');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Map ids (any characters) to Mermaid ids (letters, digits, underscores), readable and unique. */
class MermaidIds {
  private readonly ids = new Map<string, string>();
  private readonly used = new Set<string>();

  of(key: string): string {
    let id = this.ids.get(key);
    if (id) return id;
    const base = (key.startsWith('c:') ? 'c_' : 'n_') + key.replace(/^c:/, '').replace(/[^A-Za-z0-9_]/g, '_');
    id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    this.ids.set(key, id);
    return id;
  }
}
