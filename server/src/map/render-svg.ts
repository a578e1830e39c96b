// Draws a laid-out map as SVG: boxes for VPCs and subnets, nodes, flows, and exposure paths in red on top.
// Colours come from CSS variables with fallbacks, so the same SVG follows a VS Code theme inside the webview.
import { Box, EdgePath, FONT, LaidOutMap, PADDING, fitText } from './geometry';
import { MapCluster, MapEdge, MapFinding, MapNode } from './types';

export interface SvgOptions {
  /** Include the <style> element (standalone files); the webview brings its own stylesheet. */
  style?: boolean;
  title?: string;
}

/** The stylesheet shared by the standalone SVG/HTML and the webview: VS Code theme variables, with light fallbacks. */
export const MAP_CSS = `
.xmap { font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); font-size: ${FONT.size}px; }
.xmap .bg { fill: var(--vscode-editor-background, #ffffff); }
.xmap text { fill: var(--vscode-editor-foreground, #1f2328); }
.xmap text.detail, .xmap text.cond { font-size: ${FONT.small}px; fill: var(--vscode-descriptionForeground, #59636e); }
.xmap .cluster > rect { stroke: var(--vscode-panel-border, #8c959f); stroke-width: 1; }
.xmap .cluster.part > rect { fill: none; }
.xmap .cluster.vpc > rect { fill: var(--vscode-sideBar-background, #f6f8fa); }
.xmap .cluster.subnet.public > rect { fill: var(--vscode-inputValidation-errorBackground, #fdecea); stroke: var(--vscode-charts-red, #d1242f); }
.xmap .cluster.subnet.private > rect { fill: var(--vscode-diffEditor-insertedLineBackground, #e6f4ea); stroke: var(--vscode-charts-green, #1a7f37); }
.xmap .cluster.subnet.isolated > rect { fill: var(--vscode-editorWidget-background, #eef0f3); }
.xmap .cluster.subnet.unknown > rect { fill: var(--vscode-inputValidation-warningBackground, #fff8e1); stroke: var(--vscode-charts-yellow, #9a6700); }
.xmap .conditional > rect, .xmap .conditional > path.shape, .xmap .edge.conditional > path { stroke-dasharray: 6 4; }
.xmap .node > rect, .xmap .node > path.shape { fill: var(--vscode-editor-background, #ffffff); stroke: var(--vscode-foreground, #57606a); stroke-width: 1.2; }
.xmap .node.internet > rect { fill: var(--vscode-textLink-foreground, #0969da); stroke: none; }
.xmap .node.internet > text, .xmap .node.internet > text.detail { fill: var(--vscode-button-foreground, #ffffff); }
.xmap .node.has-finding > rect, .xmap .node.has-finding > path.shape { stroke: var(--vscode-charts-orange, #bc4c00); stroke-width: 2; }
.xmap .node.exposed > rect, .xmap .node.exposed > path.shape, .xmap .node.has-error > rect, .xmap .node.has-error > path.shape { stroke: var(--vscode-errorForeground, #d1242f); stroke-width: 2.5; }
.xmap .badge { fill: var(--vscode-errorForeground, #d1242f); }
.xmap .badge-text { fill: #ffffff; font-size: 9px; font-weight: 700; }
.xmap .edge > path { fill: none; stroke: var(--vscode-foreground, #6e7781); stroke-width: 1.3; opacity: 0.75; }
.xmap .edge.egress > path { stroke-dasharray: 2 3; }
.xmap .edge.exposure > path { stroke: var(--vscode-errorForeground, #d1242f); stroke-width: 2.6; opacity: 1; }
.xmap .edge.exposure.muted > path { opacity: 0.35; }
.xmap .edge-label { font-size: ${FONT.small}px; }
.xmap .edge.exposure .edge-label { fill: var(--vscode-errorForeground, #d1242f); font-weight: 600; }
.xmap .label-bg { fill: var(--vscode-editor-background, #ffffff); opacity: 0.85; }
.xmap marker path { fill: var(--vscode-foreground, #6e7781); }
.xmap marker#xm-arrow-exposure path { fill: var(--vscode-errorForeground, #d1242f); }
.xmap [data-line] { cursor: pointer; }
.xmap [data-line]:focus { outline: none; }
.xmap [data-line]:focus > rect, .xmap [data-line]:focus > path.shape { stroke: var(--vscode-focusBorder, #0969da); stroke-width: 3; }
`;

export function renderSvg(laid: LaidOutMap, options: SvgOptions = {}): string {
  const { map } = laid;
  const margin = 8;
  const width = Math.ceil(laid.width + 2 * margin);
  const height = Math.ceil(laid.height + 2 * margin);
  const out: string[] = [];
  const title = options.title ?? 'Exposure map';
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="xmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="xm-title xm-desc">`);
  out.push(`<title id="xm-title">${esc(title)}</title>`);
  out.push(`<desc id="xm-desc">${esc(summary(laid))}</desc>`);
  if (options.style) out.push(`<style>${MAP_CSS}</style>`);
  out.push('<defs>');
  for (const kind of ['flow', 'exposure']) {
    out.push(`<marker id="xm-arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push(`<g transform="translate(${margin},${margin})">`);
  // Outer boxes first so inner ones draw over them.
  const depth = new Map<string, number>();
  const depthOf = (cluster: MapCluster): number => {
    if (depth.has(cluster.id)) return depth.get(cluster.id)!;
    const parent = cluster.parent ? map.clusters.find((c) => c.id === cluster.parent) : undefined;
    const d = parent ? depthOf(parent) + 1 : 0;
    depth.set(cluster.id, d);
    return d;
  };
  for (const cluster of [...map.clusters].sort((a, b) => depthOf(a) - depthOf(b))) {
    const box = laid.clusters.get(cluster.id);
    if (box) out.push(clusterSvg(cluster, box));
  }
  const ordered = [...map.edges].sort((a, b) => rank(a) - rank(b));
  for (const edge of ordered) {
    const path = laid.edges.get(edge.id);
    if (path && edge.kind !== 'exposure') out.push(edgeSvg(edge, path, !!map.diff));
  }
  for (const node of map.nodes) {
    const box = laid.nodes.get(node.id);
    if (box) out.push(nodeSvg(node, box));
  }
  // Exposure paths above the nodes, so the red line is never hidden.
  for (const edge of ordered) {
    const path = laid.edges.get(edge.id);
    if (path && edge.kind === 'exposure') out.push(edgeSvg(edge, path, !!map.diff));
  }
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}

function rank(edge: MapEdge): number {
  return edge.kind === 'exposure' ? 2 : edge.kind === 'egress' ? 0 : 1;
}

/** One sentence for screen readers: how many exposure paths end where. */
export function summary(laid: LaidOutMap): string {
  const exposures = laid.map.edges.filter((e) => e.kind === 'exposure');
  const names = (id: string) => laid.map.nodes.find((n) => n.id === id)?.label ?? id;
  if (!exposures.length) return `${laid.map.nodes.length - 1} resources; no exposure path from the internet.`;
  return `${laid.map.nodes.length - 1} resources; ${exposures.length} exposure ${exposures.length === 1 ? 'path' : 'paths'} from the internet: ${exposures.map((e) => `${names(e.to)} (${e.ruleIds.join(', ')})`).join('; ')}.`;
}

function sourceAttrs(item: { source?: { file: string; line: number; character: number } }): string {
  if (!item.source) return '';
  return ` data-file="${esc(item.source.file)}" data-line="${item.source.line}" data-character="${item.source.character}" tabindex="0"`;
}

function tooltip(label: string, detail: string | undefined, conditional: string | undefined, findings: MapFinding[]): string {
  const lines = [label, detail, conditional ? `(${conditional})` : undefined, ...findings.map((f) => `${f.severity} ${f.ruleId}${f.introduced ? ' (introduced)' : ''}: ${f.message}`)];
  return `<title>${esc(lines.filter(Boolean).join('\n'))}</title>`;
}

function clusterSvg(cluster: MapCluster, box: Box): string {
  const classes = ['cluster', cluster.kind, cluster.cls, cluster.conditional ? 'conditional' : undefined, cluster.findings.length ? 'has-finding' : undefined].filter(Boolean).join(' ');
  const x = box.x + PADDING;
  const parts = [
    `<g class="${classes}" data-cluster="${esc(cluster.id)}"${sourceAttrs(cluster)}>`,
    tooltip(cluster.label, cluster.detail, cluster.conditional, cluster.findings),
    `<rect x="${f(box.x)}" y="${f(box.y)}" width="${f(box.width)}" height="${f(box.height)}" rx="6"/>`,
    `<text x="${f(x)}" y="${f(box.y + 16)}" font-weight="600">${esc(fitText(cluster.label, box.width, false))}</text>`,
  ];
  const second = [cluster.detail, cluster.conditional].filter(Boolean).join(' · ');
  if (second) parts.push(`<text class="detail" x="${f(x)}" y="${f(box.y + 29)}">${esc(fitText(second, box.width))}</text>`);
  if (cluster.findings.length) parts.push(badge(box.x + box.width - 12, box.y + 12, cluster.findings.length));
  parts.push('</g>');
  return parts.join('');
}

function nodeSvg(node: MapNode, box: Box): string {
  const errors = node.findings.some((x) => x.severity === 'error');
  const classes = ['node', node.kind, node.exposed ? 'exposed' : undefined, errors ? 'has-error' : node.findings.length ? 'has-finding' : undefined, node.conditional ? 'conditional' : undefined].filter(Boolean).join(' ');
  const aria = [node.label, node.detail, node.exposed ? 'exposed to the internet' : undefined, node.findings.length ? `${node.findings.length} findings` : undefined].filter(Boolean).join(', ');
  const cx = box.x + box.width / 2;
  const shape =
    node.kind === 'data-store'
      ? `<path class="shape" d="M${f(box.x)},${f(box.y + 6)} a${f(box.width / 2)},6 0 0,0 ${f(box.width)},0 a${f(box.width / 2)},6 0 0,0 ${f(-box.width)},0 v${f(box.height - 12)} a${f(box.width / 2)},6 0 0,0 ${f(box.width)},0 v${f(-(box.height - 12))}"/>`
      : `<rect x="${f(box.x)}" y="${f(box.y)}" width="${f(box.width)}" height="${f(box.height)}" rx="${node.kind === 'internet' || node.kind === 'internet-gateway' ? 20 : 4}"/>`;
  const parts = [
    `<g class="${classes}" data-node="${esc(node.id)}"${sourceAttrs(node)} role="${node.source ? 'button' : 'img'}" aria-label="${esc(aria)}">`,
    tooltip(node.label, node.subnets ? `${node.detail} — subnets: ${node.subnets.join(', ')}` : node.detail, node.conditional, node.findings),
    shape,
    `<text x="${f(cx)}" y="${f(box.y + 18)}" text-anchor="middle" font-weight="600">${esc(fitText(node.label, box.width, false))}</text>`,
  ];
  const second = node.conditional ? `${node.detail ?? ''} (conditional)` : node.detail;
  if (second) parts.push(`<text class="detail" x="${f(cx)}" y="${f(box.y + 32)}" text-anchor="middle">${esc(fitText(second, box.width))}</text>`);
  if (node.findings.length) parts.push(badge(box.x + box.width - 2, box.y + 2, node.findings.length));
  parts.push('</g>');
  return parts.join('');
}

function badge(x: number, y: number, count: number): string {
  return `<circle class="badge" cx="${f(x)}" cy="${f(y)}" r="8"/><text class="badge-text" x="${f(x)}" y="${f(y + 3)}" text-anchor="middle">${count > 99 ? '99+' : count}</text>`;
}

function edgeSvg(edge: MapEdge, path: EdgePath, diff: boolean): string {
  const muted = diff && edge.kind === 'exposure' && !edge.introduced;
  const classes = ['edge', edge.kind, edge.conditional ? 'conditional' : undefined, muted ? 'muted' : undefined, edge.introduced ? 'introduced' : undefined].filter(Boolean).join(' ');
  const marker = edge.kind === 'exposure' ? 'exposure' : 'flow';
  const parts = [`<g class="${classes}" data-edge="${esc(edge.id)}" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}">`];
  const title = [edge.label, edge.ruleIds.length > 1 ? `rules: ${edge.ruleIds.join(', ')}` : undefined, edge.conditional ? `(${edge.conditional})` : undefined].filter(Boolean).join('\n');
  if (title) parts.push(`<title>${esc(title)}</title>`);
  parts.push(`<path d="${pathData(path)}" marker-end="url(#xm-arrow-${marker})"/>`);
  if (edge.label && path.label) {
    const w = edge.label.length * FONT.smallCharWidth + 6;
    parts.push(`<rect class="label-bg" x="${f(path.label.x - w / 2)}" y="${f(path.label.y - 8)}" width="${f(w)}" height="14" rx="2"/>`);
    parts.push(`<text class="edge-label" x="${f(path.label.x)}" y="${f(path.label.y + 3)}" text-anchor="middle">${esc(edge.label)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function pathData(path: EdgePath): string {
  const pts = path.points;
  if (!pts.length) return '';
  if (!path.bezier) return pts.map((p, i) => `${i ? 'L' : 'M'}${f(p.x)},${f(p.y)}`).join(' ');
  const curve = path.hasEnd ? pts.slice(0, -1) : pts;
  let d = `M${f(curve[0].x)},${f(curve[0].y)}`;
  for (let i = 1; i + 2 < curve.length; i += 3) d += ` C${f(curve[i].x)},${f(curve[i].y)} ${f(curve[i + 1].x)},${f(curve[i + 1].y)} ${f(curve[i + 2].x)},${f(curve[i + 2].y)}`;
  if (path.hasEnd) d += ` L${f(pts[pts.length - 1].x)},${f(pts[pts.length - 1].y)}`;
  return d;
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
