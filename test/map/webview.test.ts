// The map webview's page run in jsdom: strict CSP, the server's map rendered on message, header counts and the
// screen-reader sentence, click and Enter on a node or outline item post "open file:line", hover shows the findings.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { webviewHtml } from '../../client/src/map-html';
import { buildExposureMap } from '../../server/src/map/build';
import { layoutMap } from '../../server/src/map/layout';
import { pathParts } from '../../server/src/map/load';
import { renderOutline } from '../../server/src/map/outline';
import { renderSvg, summary } from '../../server/src/map/render-svg';

const ROOT = resolve(__dirname, '..', '..', '..');

interface Win {
  document: { getElementById(id: string): { textContent: string | null; hidden: boolean; innerHTML: string } | null; querySelector(s: string): Elem | null; body: { getAttribute(n: string): string | null } };
  postMessage(data: unknown, origin: string): void;
  MouseEvent: new (type: string, init: object) => unknown;
  KeyboardEvent: new (type: string, init: object) => unknown;
}
interface Elem {
  dispatchEvent(event: unknown): boolean;
  getAttribute(name: string): string | null;
}

async function page(): Promise<{ window: Win; posted: unknown[] }> {
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: object) => { window: Win & Record<string, unknown> } };
  const posted: unknown[] = [];
  const dom = new JSDOM(webviewHtml('n0nce'), {
    runScripts: 'dangerously',
    beforeParse(window: Record<string, unknown>) {
      window.acquireVsCodeApi = () => ({ postMessage: (message: unknown) => posted.push(message) });
    },
  });
  return { window: dom.window, posted };
}

/** Objects from the jsdom realm compared by value. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
const tick = () => new Promise((done) => setTimeout(done, 20));

test('webview page: nothing but nonce\'d style and script, no remote URL', () => {
  const html = webviewHtml('n0nce');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce'; img-src data:;">/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="n0nce">/);
  assert.match(html, /<style nonce="n0nce">/);
  assert.ok(!/(src|href)=["']?https?:/.test(html), 'no remote resources');
  assert.ok(!/@import|url\(http/.test(html), 'no remote fonts or styles');
});

test('webview page: shows the map, counts and sentence; click and Enter open the line; hover shows findings', async () => {
  const file = join(ROOT, 'examples/exposed-web-app.yaml');
  const laid = await layoutMap(buildExposureMap(pathParts([file])));
  const { window, posted } = await page();
  assert.deepEqual(plain(posted), [{ type: 'ready' }]);
  window.postMessage({ type: 'map', title: 'exposed-web-app.yaml', svg: renderSvg(laid), outline: renderOutline(laid.map, { interactive: true }), summary: summary(laid) }, '*');
  await tick();
  const doc = window.document;
  assert.equal(doc.getElementById('title')!.textContent, 'Exposure map: exposed-web-app.yaml');
  assert.equal(doc.getElementById('summary')!.textContent, '6 resources · 3 exposure paths from the internet');
  assert.match(doc.getElementById('status')!.textContent!, /^6 resources; 3 exposure paths from the internet: AdminHost \(world-open-admin-port/);
  assert.equal(doc.body.getAttribute('data-state'), 'map');

  const node = doc.querySelector('#picture [data-node="AdminHost"] > rect')!;
  node.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
  assert.deepEqual(plain(posted.at(-1)), { type: 'open', file, line: 156, character: 2 });
  const item = doc.querySelector('#outline button[data-node="Database"]')!;
  item.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  assert.deepEqual(plain(posted.at(-1)), { type: 'open', file, line: 219, character: 2 });

  const db = doc.querySelector('#picture [data-node="Database"] > path.shape')!;
  db.dispatchEvent(new window.MouseEvent('mousemove', { bubbles: true, clientX: 10, clientY: 10 }));
  const hover = doc.getElementById('hover')!;
  assert.equal(hover.hidden, false);
  assert.match(hover.textContent!, /^Database\nRDS instance \(\+1 subnet\) — subnets: PublicA, PublicB\n/);
  assert.match(hover.textContent!, /error public-database: DbSg admits tcp 3306 from 0\.0\.0\.0\/0/);

  // A redraw (the map follows edits) keeps the keyboard focus on the same item.
  (item as unknown as { focus(): void }).focus();
  window.postMessage({ type: 'map', title: 'exposed-web-app.yaml', svg: renderSvg(laid), outline: renderOutline(laid.map, { interactive: true }), summary: summary(laid) }, '*');
  await tick();
  const active = (doc as unknown as { activeElement: Elem | null }).activeElement;
  assert.notEqual(active, item, 'the outline was drawn anew');
  assert.equal(active?.getAttribute('data-node'), 'Database');

  // A document that is not a template: the message instead of a map.
  window.postMessage({ type: 'map', title: 'notes.yaml', message: 'notes.yaml is not a CloudFormation template' }, '*');
  await tick();
  assert.equal(doc.getElementById('message')!.hidden, false);
  assert.equal(doc.getElementById('picture')!.innerHTML, '');
  assert.equal(doc.body.getAttribute('data-state'), 'message');
});
