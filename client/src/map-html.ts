// The exposure map webview's page: the server's SVG and outline go in; clicks and Enter come out as "open file:line".
// No vscode import here, so tests can run the page in jsdom.
import { MAP_CSS } from '../../server/src/map/render-svg';
import { OUTLINE_CSS } from '../../server/src/map/outline';

/** The webview page: no remote anything; styles and the one script carry a nonce (CSP allows nothing else). */
export function webviewHtml(nonceValue: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonceValue}'; script-src 'nonce-${nonceValue}'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Exposure map</title>
<style nonce="${nonceValue}">
body { margin: 0; padding: 0; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; padding: 8px 12px; border-bottom: 1px solid var(--vscode-panel-border); position: sticky; top: 0; background: var(--vscode-editor-background); z-index: 1; }
header h1 { font-size: 13px; margin: 0; font-weight: 600; }
#summary { color: var(--vscode-descriptionForeground); flex: 1 1 300px; font-size: 12px; }
header button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; font: inherit; }
header button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.layout { display: flex; align-items: flex-start; }
#picture { flex: 1 1 auto; overflow: auto; padding: 8px; }
#picture svg { display: block; }
#outline { flex: 0 0 320px; max-height: calc(100vh - 44px); overflow: auto; padding: 0 12px 12px; border-left: 1px solid var(--vscode-panel-border); position: sticky; top: 44px; }
#message { padding: 16px; color: var(--vscode-descriptionForeground); }
#hover { position: fixed; max-width: 420px; white-space: pre-wrap; padding: 6px 8px; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground); border: 1px solid var(--vscode-editorHoverWidget-border); font-size: 12px; pointer-events: none; z-index: 2; }
.narrow .layout { flex-direction: column; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.narrow #outline { position: static; max-height: none; border-left: none; flex-basis: auto; }
${MAP_CSS}
${OUTLINE_CSS}
</style>
</head>
<body>
<header>
<h1 id="title">Exposure map</h1>
<span id="summary" aria-hidden="true"></span>
<span id="status" class="sr-only" role="status" aria-live="polite"></span>
<button type="button" id="zoom-out" aria-label="Zoom out">−</button>
<button type="button" id="zoom-fit" aria-label="Fit to width">Fit</button>
<button type="button" id="zoom-in" aria-label="Zoom in">+</button>
</header>
<div id="message" hidden></div>
<div class="layout">
<main id="picture" aria-label="Exposure map picture (the outline beside it has the same content as text)"></main>
<aside id="outline" aria-label="Exposure map outline"></aside>
</div>
<div id="hover" role="tooltip" hidden></div>
<script nonce="${nonceValue}">
(function () {
  const vscode = acquireVsCodeApi();
  const picture = document.getElementById('picture');
  const outline = document.getElementById('outline');
  const hover = document.getElementById('hover');
  const message = document.getElementById('message');
  let zoom = 1;
  // Fit to the panel's width at first (never larger than life); + and − switch to a fixed zoom.
  let fit = true;

  function applyZoom() {
    const svg = picture.querySelector('svg');
    if (!svg) return;
    const w = Number(svg.getAttribute('data-width') || svg.getAttribute('width'));
    const h = Number(svg.getAttribute('data-height') || svg.getAttribute('height'));
    svg.setAttribute('data-width', String(w));
    svg.setAttribute('data-height', String(h));
    const scale = fit ? Math.max(0.45, Math.min(1, (picture.clientWidth - 16) / w)) : zoom;
    if (fit) zoom = scale;
    svg.setAttribute('width', String(Math.round(w * scale)));
    svg.setAttribute('height', String(Math.round(h * scale)));
  }

  function openSource(el) {
    vscode.postMessage({ type: 'open', file: el.getAttribute('data-file'), line: Number(el.getAttribute('data-line')), character: Number(el.getAttribute('data-character') || 0) });
  }

  function target(event) {
    return event.target && event.target.closest ? event.target.closest('[data-line]') : null;
  }

  function showHover(el, x, y) {
    const title = el.querySelector(':scope > title');
    if (!title) return;
    hover.textContent = title.textContent;
    hover.hidden = false;
    hover.style.left = Math.min(x + 12, window.innerWidth - 440) + 'px';
    hover.style.top = (y + 16) + 'px';
  }

  document.addEventListener('click', (event) => {
    const el = target(event);
    if (el) openSource(el);
  });
  document.addEventListener('keydown', (event) => {
    const el = target(event);
    if (el && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      openSource(el);
    }
  });
  picture.addEventListener('mousemove', (event) => {
    const el = event.target && event.target.closest ? event.target.closest('[data-node], [data-cluster], [data-edge]') : null;
    if (el) showHover(el, event.clientX, event.clientY);
    else hover.hidden = true;
  });
  picture.addEventListener('mouseleave', () => { hover.hidden = true; });
  picture.addEventListener('focusin', (event) => {
    const el = target(event);
    if (!el) return;
    const box = el.getBoundingClientRect();
    showHover(el, box.left, box.bottom - 12);
  });
  picture.addEventListener('focusout', () => { hover.hidden = true; });
  document.getElementById('zoom-in').addEventListener('click', () => { fit = false; zoom = Math.min(4, zoom * 1.25); applyZoom(); });
  document.getElementById('zoom-out').addEventListener('click', () => { fit = false; zoom = Math.max(0.2, zoom / 1.25); applyZoom(); });
  document.getElementById('zoom-fit').addEventListener('click', () => { fit = !fit; applyZoom(); });
  window.addEventListener('resize', () => { document.body.classList.toggle('narrow', window.innerWidth < 1100); if (fit) applyZoom(); });
  document.body.classList.toggle('narrow', window.innerWidth < 1100);

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'map') return;
    document.getElementById('title').textContent = 'Exposure map: ' + (data.title || '');
    // Counts in the header; the whole sentence (which paths, which rules) for screen readers.
    const counts = /^(\\d+ resources?); (.*?)(:|\\.)/.exec(data.summary || '');
    document.getElementById('summary').textContent = counts ? counts[1] + ' · ' + counts[2] : '';
    document.getElementById('status').textContent = data.summary || '';
    message.hidden = !data.message;
    message.textContent = data.message || '';
    // Keep keyboard focus on the same resource across a redraw (the map follows edits).
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest('[data-line]') : null;
    const key = focused ? [focused.closest('#outline') ? 'outline' : 'picture', focused.getAttribute('data-node') || focused.getAttribute('data-cluster') || '', focused.textContent] : null;
    // The SVG and outline come from the language server, built from escaped template text (no scripts in them).
    picture.innerHTML = data.svg || '';
    outline.innerHTML = data.outline || '';
    if (key) {
      const again = Array.from(document.querySelectorAll('#' + key[0] + ' [data-line]')).find((el) => (el.getAttribute('data-node') || el.getAttribute('data-cluster') || '') === key[1] && el.textContent === key[2]);
      if (again) again.focus();
    }
    document.body.setAttribute('data-state', data.svg ? 'map' : 'message');
    applyZoom();
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
