// A standalone HTML page: the SVG map beside its text outline, styles inline, no scripts and nothing remote.
import { LaidOutMap } from './geometry';
import { OUTLINE_CSS, renderOutline } from './outline';
import { MAP_CSS, esc, renderSvg } from './render-svg';

export function renderHtml(laid: LaidOutMap, title = 'Exposure map'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { margin: 0; display: flex; gap: 16px; align-items: flex-start; background: #ffffff; color: #1f2328; }
main { flex: 1 1 auto; overflow: auto; padding: 12px; }
main svg { max-width: 100%; height: auto; }
aside { flex: 0 0 360px; max-height: 100vh; overflow: auto; padding: 12px; border-left: 1px solid #d0d7de; }
h1 { font: 600 16px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 0 8px; }
${MAP_CSS}
${OUTLINE_CSS}
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${renderSvg(laid, { title })}
</main>
<aside>
${renderOutline(laid.map)}
</aside>
</body>
</html>
`;
}
