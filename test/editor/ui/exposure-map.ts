// UI test in code-server through Chromium: "exposure-lint: Show exposure map" on the exposed example opens a webview beside
// it with the nodes and the red paths; clicking a node (and Enter on an outline item) puts the editor on that resource's line.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { createSandbox, deadline, installExtension, launchChromium, PROJECT_ROOT, startCodeServer } from '../code-server';

const VSIX = resolve(process.argv[2] ?? '');
const OUT = resolve(process.env.EXPOSURE_LINT_EDITOR_OUT ?? join(PROJECT_ROOT, 'test-results/editor'));
const FILE = 'exposed-web-app.yaml';

function step(started: number, what: string): void {
  console.log(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The webview's inner frame (code-server nests it in two iframes) once it shows an SVG. */
async function mapFrame(page: Page): Promise<Frame> {
  return deadline((async () => {
    for (;;) {
      for (const frame of page.frames()) {
        if (await frame.locator('#picture svg').count().catch(() => 0)) return frame;
      }
      await page.waitForTimeout(250);
    }
  })(), 60_000, 'the exposure map webview to show its SVG');
}

async function cursorAt(page: Page, line: number): Promise<void> {
  await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) }).first().waitFor({ timeout: 15_000 });
}

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = createSandbox({ 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false, 'window.commandCenter': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' });
  copyFileSync(join(PROJECT_ROOT, 'examples', FILE), join(sandbox.workspace, FILE));
  installExtension(sandbox, VSIX);
  step(started, `installed ${VSIX}`);
  const server = await startCodeServer(sandbox);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1700, height: 950 } });
  page.setDefaultTimeout(30_000);
  mkdirSync(OUT, { recursive: true });
  try {
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(sandbox.workspace)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    step(started, 'workbench loaded');
    // From the explorer (quick open waits for the file search index, which is slow on a busy machine).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'AWSTemplateFormatVersion' }).first().waitFor();
    // Wait for the server (diagnostics in the status bar) before asking it for the map.
    await page.locator('.statusbar-item', { hasText: /exposure-lint: \d+/ }).first().waitFor({ timeout: 60_000 });

    await page.keyboard.press('Control+B'); // hide the side bar: room for the template and its map
    await runCommand(page, 'exposure-lint: Show exposure map');
    const frame = await mapFrame(page);
    await frame.locator('#picture [data-node="AdminHost"]').waitFor();
    step(started, 'map shown');

    const nodes = await frame.locator('#picture [data-node]').evaluateAll((els) => els.map((el) => el.getAttribute('data-node')));
    assert.deepEqual([...nodes].sort(), ['AdminHost', 'Alb', 'AppGroup', 'Database', 'Igw', 'Nat', 'internet']);
    const exposures = await frame.locator('.edge.exposure').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-from')} -> ${el.getAttribute('data-to')}`));
    assert.deepEqual(exposures, ['Igw -> AdminHost', 'Igw -> AppGroup', 'Igw -> Database']);
    // Red in the theme: the stroke comes from the theme's error colour through the CSS variable.
    const stroke = await frame.locator('.edge.exposure[data-to="AdminHost"] > path').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(el).stroke);
    const [r, g, b] = (/rgb\((\d+), (\d+), (\d+)\)/.exec(stroke) ?? []).slice(1).map(Number);
    assert.ok(r > 150 && g < 120 && b < 120, `exposure path is red (got ${stroke})`);
    const flowStroke = await frame.locator('.edge.flow[data-to="Alb"] > path').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(el).stroke);
    assert.notEqual(flowStroke, stroke);
    const label = await frame.locator('.edge.exposure[data-to="AdminHost"] .edge-label').textContent();
    assert.equal(label, 'tcp 22 · world-open-admin-port +2');
    const outline = await frame.locator('#outline li.exposure').allInnerTexts();
    assert.equal(outline.length, 3);
    assert.match(outline[0], /^Igw → AdminHost: world-open-admin-port, public-ip-on-backend, backend-in-public-subnet \(tcp 22\)/);
    assert.match((await frame.locator('#summary').textContent()) ?? '', /3 exposure paths from the internet/);
    // The webview's CSP: nothing but its own nonce'd style and script.
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'; style-src 'nonce-[A-Za-z0-9]+'; script-src 'nonce-[A-Za-z0-9]+'; img-src data:;$/);
    await page.screenshot({ path: join(OUT, 'exposure-map.png') });
    // Hovering a node shows its findings.
    await frame.locator('#picture [data-node="Database"] > path.shape').hover();
    await frame.locator('#hover:not([hidden])').waitFor();
    assert.match((await frame.locator('#hover').textContent()) ?? '', /error public-database: DbSg admits tcp 3306 from 0\.0\.0\.0\/0/);
    await page.screenshot({ path: join(OUT, 'exposure-map-hover.png') });
    step(started, 'nodes, red paths, outline, CSP and hover checked');

    // Click a node: the editor beside it jumps to the resource's line (AdminHost: line 157).
    await frame.locator('#picture [data-node="AdminHost"] > rect').click();
    await cursorAt(page, 157);
    step(started, 'clicked AdminHost: editor at line 157');
    // Keyboard: Enter on the outline's Database item jumps to line 220.
    const database = (await mapFrame(page)).locator('#outline button[data-node="Database"]').first();
    await database.focus();
    await database.press('Enter');
    await cursorAt(page, 220);
    step(started, 'Enter on the outline item: editor at line 220');

    // Live: close AdminSg's world-open SSH in the editor (unsaved); the map redraws without that rule.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('119:19');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('10.1.0.0/16');
    await page.locator('.monaco-editor .view-lines', { hasText: 'CidrIp: 10.1.0.0/16' }).first().waitFor();
    const redrawn = await mapFrame(page);
    await redrawn.locator('#picture .edge.exposure[data-to="AdminHost"] .edge-label', { hasText: /^public-ip-on-backend \+1$/ }).waitFor({ timeout: 30_000 });
    assert.equal(await redrawn.locator('#picture .edge-label', { hasText: 'world-open-admin-port' }).count(), 0);
    step(started, 'edited without saving: the map dropped the SSH exposure');
    console.log(`UI test (exposure map): PASS in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshot ${join(OUT, 'exposure-map.png')})`);
  } catch (error) {
    await page.screenshot({ path: join(OUT, 'exposure-map-failure.png') }).catch(() => undefined);
    console.error(`UI test (exposure map): FAIL (screenshot ${join(OUT, 'exposure-map-failure.png')})`);
    console.error(server.output());
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    sandbox.dispose();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
