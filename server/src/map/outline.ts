// The map as a text outline (HTML lists): exposure paths first, then VPC > subnet > resource with findings.
// Screen readers and keyboards use it beside the picture; in the editor each item opens its source line.
import { esc } from './render-svg';
import { ExposureMap, MapCluster, MapFinding, MapNode, MapSource } from './types';

export const OUTLINE_CSS = `
.xoutline { font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); font-size: 13px; line-height: 1.45; }
.xoutline h2 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground, #59636e); }
.xoutline ul { margin: 0; padding-left: 16px; }
.xoutline li { margin: 2px 0; }
.xoutline .item { background: none; border: none; padding: 0; font: inherit; color: var(--vscode-textLink-foreground, #0969da); cursor: pointer; text-align: left; }
.xoutline .item:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); }
.xoutline .muted, .xoutline .detail { color: var(--vscode-descriptionForeground, #59636e); }
.xoutline .sev-error { color: var(--vscode-errorForeground, #d1242f); font-weight: 600; }
.xoutline .sev-warning { color: var(--vscode-editorWarning-foreground, #9a6700); font-weight: 600; }
.xoutline .sev-info { color: var(--vscode-editorInfo-foreground, #0969da); }
.xoutline .exposure { color: var(--vscode-errorForeground, #d1242f); }
`;

export interface OutlineOptions {
  /** Items with a source line become buttons (the webview opens the line); otherwise plain text. */
  interactive?: boolean;
}

export function renderOutline(map: ExposureMap, options: OutlineOptions = {}): string {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const out: string[] = ['<nav class="xoutline" aria-label="Exposure map as text">'];
  const exposures = map.edges.filter((e) => e.kind === 'exposure');
  out.push(`<h2 id="xo-exposures">Exposure paths (${exposures.length})</h2>`);
  if (!exposures.length) out.push('<p class="muted">No path from the internet reaches a backend.</p>');
  else {
    out.push('<ul aria-labelledby="xo-exposures">');
    for (const edge of exposures) {
      const to = nodes.get(edge.to);
      const from = nodes.get(edge.from);
      const state = map.diff ? (edge.introduced ? ' <strong>introduced</strong>' : ' <span class="muted">(already there)</span>') : '';
      const name = `${from?.label ?? edge.from} → ${to?.label ?? edge.to}`;
      out.push(`<li class="exposure">${item(name, to?.source, options, to?.id)}: ${esc(edge.ruleIds.join(', '))}${edge.label.includes(' · ') ? ` <span class="detail">(${esc(edge.label.split(' · ')[0])})</span>` : ''}${edge.conditional ? ` <span class="muted">(${esc(edge.conditional)})</span>` : ''}${state}</li>`);
    }
    out.push('</ul>');
  }
  out.push('<h2 id="xo-network">Network</h2>');
  const clustersIn = new Map<string | undefined, MapCluster[]>();
  const nodesIn = new Map<string | undefined, MapNode[]>();
  const known = new Set(map.clusters.map((c) => c.id));
  for (const c of map.clusters) push(clustersIn, c.parent && known.has(c.parent) ? c.parent : undefined, c);
  for (const n of map.nodes) push(nodesIn, n.parent && known.has(n.parent) ? n.parent : undefined, n);
  const list = (parent: string | undefined): string => {
    const items: string[] = [];
    for (const node of nodesIn.get(parent) ?? []) {
      const detail = [node.subnets ? `${node.detail?.replace(/ \(\+\d+ subnets?\)$/, '')} in ${node.subnets.join(', ')}` : node.detail, node.conditional && `(${node.conditional})`, node.exposed ? 'exposed' : undefined].filter(Boolean).join(', ');
      items.push(`<li>${item(node.label, node.source, options, node.id)}${detail ? ` <span class="detail">${esc(detail)}</span>` : ''}${findings(node.findings)}</li>`);
    }
    for (const cluster of clustersIn.get(parent) ?? []) {
      const kind = cluster.kind === 'subnet' ? 'Subnet' : cluster.kind === 'vpc' ? 'VPC' : 'Template';
      const detail = [cluster.detail, cluster.conditional && `(${cluster.conditional})`].filter(Boolean).join(' ');
      items.push(`<li>${esc(kind)} ${item(cluster.label, cluster.source, options)}${detail ? ` <span class="detail">${esc(detail)}</span>` : ''}${findings(cluster.findings)}${list(cluster.id)}</li>`);
    }
    return items.length ? `<ul>${items.join('')}</ul>` : '';
  };
  out.push(list(undefined));
  if (map.otherFindings.length) {
    out.push('<h2>Other findings</h2>');
    out.push(`<ul>${map.otherFindings.map((f) => `<li>${esc(f.resource || 'file')}${findings([f])}</li>`).join('')}</ul>`);
  }
  out.push('</nav>');
  return out.join('\n');
}

function item(label: string, source: MapSource | undefined, options: OutlineOptions, nodeId?: string): string {
  if (!options.interactive || !source) return `<span>${esc(label)}</span>`;
  const node = nodeId ? ` data-node="${esc(nodeId)}"` : '';
  return `<button class="item" type="button" data-file="${esc(source.file)}" data-line="${source.line}" data-character="${source.character}"${node} title="Open line ${source.line + 1}">${esc(label)}</button>`;
}

function findings(list: MapFinding[]): string {
  if (!list.length) return '';
  return `<ul>${list.map((f) => `<li><span class="sev-${f.severity}">${f.severity}</span> ${esc(f.ruleId)}${f.introduced ? ' <strong>(introduced)</strong>' : ''}: ${esc(f.message)}</li>`).join('')}</ul>`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
