// Code actions over stdio: quick fixes applied and re-linted, disable for line / resource, fix-all (eager and resolved).
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsFor, TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_JSON, AUTO_IP_YAML, rangeOf } from './templates';

const workspace = tempDir();
let client: TestClient;
let lazy: TestClient;
let counter = 0;

before(async () => {
  client = await TestClient.start({ folder: workspace.dir });
  lazy = await TestClient.start({ folder: workspace.dir, resolveSupport: true });
});

after(async () => {
  await client.stop();
  await lazy.stop();
  workspace.remove();
});

const RULE = 'public-subnet-auto-ip';
const REASON = 'TODO: why this exposure is acceptable';

/** Open a fresh document with `text` and wait for its first diagnostics. */
async function openDoc(c: TestClient, text: string, ext = 'yaml'): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = uriOf(join(workspace.dir, `doc-${++counter}.${ext}`));
  await c.open(uri, text, ext === 'json' ? 'json' : 'yaml');
  const published = await c.diagnostics(uri);
  return { uri, diagnostics: published.diagnostics };
}

/** Apply an action's edit to the document (as the editor would) and return the new text and diagnostics. */
async function apply(c: TestClient, uri: string, text: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  assert.ok(action.edit, `action "${action.title}" has an edit`);
  assert.deepEqual(Object.keys(action.edit.changes ?? {}), [uri]);
  const next = applyTextEdits(text, editsFor(action.edit, uri));
  const version = await c.change(uri, [{ text: next }]);
  const published = await c.diagnostics(uri, (p) => p.version === version);
  return { text: next, diagnostics: published.diagnostics };
}

test('quick fixes at a finding: its fix (preferred), disable for this line / resource, fix-all (in the quick fix menu too), disable for the file, then source fix-all', async () => {
  const { uri, diagnostics } = await openDoc(client, AUTO_IP_YAML);
  const publicA = diagnostics[0];
  const actions = await client.codeActions(uri, publicA.range, [publicA]);
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
    [
      ['Do not map public IPs on launch in PublicA', 'quickfix', true],
      [`Disable ${RULE} for this line`, 'quickfix', false],
      [`Disable ${RULE} for resource PublicA (Metadata)`, 'quickfix', false],
      ['Fix all auto-fixable exposure-lint problems', 'quickfix', false],
      [`Disable ${RULE} for this file`, 'quickfix', false],
      ['Fix all auto-fixable exposure-lint problems', 'source.fixAll.exposure-lint', false],
    ],
  );
  // Disable for this file: the directive on the first line; both subnets' findings go.
  const { text, diagnostics: left } = await apply(client, uri, AUTO_IP_YAML, actions[4]);
  assert.equal(text, `# exposure-lint-disable ${RULE}\n${AUTO_IP_YAML}`);
  assert.deepEqual(left, []);
  for (const action of actions.slice(0, 3)) assert.deepEqual(action.diagnostics, [publicA]);
  assert.deepEqual(editsFor(actions[0].edit, uri), [{ range: rangeOf(AUTO_IP_YAML, 'true', 'PublicA:'), newText: 'false' }]);
});

test('a quick fix applied to the text is re-linted clean', async () => {
  const { uri, diagnostics } = await openDoc(client, AUTO_IP_YAML);
  let text = AUTO_IP_YAML;
  let current = diagnostics;
  for (const subnet of ['PublicA', 'PublicB']) {
    const target = current.find((d) => (d.data as { resource: string }).resource === subnet)!;
    const [fix] = await client.codeActions(uri, target.range, [target], ['quickfix']);
    assert.equal(fix.title, `Do not map public IPs on launch in ${subnet}`);
    ({ text, diagnostics: current } = await apply(client, uri, text, fix));
    assert.match(text, new RegExp(`${subnet}:\\n    Type: AWS::EC2::Subnet\\n    Properties:\\n      VpcId: !Ref Vpc\\n      CidrBlock: 10\\.0\\.\\d\\.0/24\\n      MapPublicIpOnLaunch: false\\n`));
  }
  assert.deepEqual(current, []);
  assert.equal(text, AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false'));
  await client.close(uri);
});

test('disable for this line writes the comment above the line, indented like it, and the finding goes', async () => {
  const { uri, diagnostics } = await openDoc(client, AUTO_IP_YAML);
  const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
  const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`)!;
  const { text, diagnostics: left } = await apply(client, uri, AUTO_IP_YAML, disable);
  assert.equal(text, AUTO_IP_YAML.replace('      CidrBlock: 10.0.0.0/24\n      MapPublicIpOnLaunch: true', `      CidrBlock: 10.0.0.0/24\n      # exposure-lint-disable-next-line ${RULE}\n      MapPublicIpOnLaunch: true`));
  assert.deepEqual(left.map((d) => (d.data as { resource: string }).resource), ['PublicB']);
  await client.close(uri);
});

test('disable for the resource adds a Metadata suppression (YAML)', async () => {
  const { uri, diagnostics } = await openDoc(client, AUTO_IP_YAML);
  const actions = await client.codeActions(uri, diagnostics[1].range, [diagnostics[1]]);
  const disable = actions.find((a) => a.title === `Disable ${RULE} for resource PublicB (Metadata)`)!;
  const { text, diagnostics: left } = await apply(client, uri, AUTO_IP_YAML, disable);
  const block = `      CidrBlock: 10.0.2.0/24\n      MapPublicIpOnLaunch: true\n    Metadata:\n      exposure-lint:\n        suppress:\n          ${RULE}: "${REASON}"\n`;
  assert.equal(text, AUTO_IP_YAML.replace('      CidrBlock: 10.0.2.0/24\n      MapPublicIpOnLaunch: true\n', block));
  assert.deepEqual(left.map((d) => (d.data as { resource: string }).resource), ['PublicA']);
  await client.close(uri);
});

test('JSON: no comment action; the Metadata suppression is written as JSON', async () => {
  const { uri, diagnostics } = await openDoc(client, AUTO_IP_JSON, 'json');
  const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]], ['quickfix']);
  assert.deepEqual(actions.map((a) => a.title), ['Do not map public IPs on launch in PublicA', `Disable ${RULE} for resource PublicA (Metadata)`, 'Fix all auto-fixable exposure-lint problems']);
  const { text, diagnostics: left } = await apply(client, uri, AUTO_IP_JSON, actions[1]);
  assert.deepEqual(JSON.parse(text).Resources.PublicA.Metadata, { 'exposure-lint': { suppress: { [RULE]: REASON } } });
  assert.ok(text.includes(`      "Metadata": {\n        "exposure-lint": {\n          "suppress": {\n            "${RULE}": "${REASON}"\n          }\n        }\n      }\n    },`), text);
  assert.deepEqual(left, []);
  await client.close(uri);
});

test('fix-all (source.fixAll.exposure-lint) fixes every finding in one edit', async () => {
  const { uri } = await openDoc(client, AUTO_IP_YAML);
  const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.exposure-lint']);
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable exposure-lint problems', 'source.fixAll.exposure-lint']]);
  const { text, diagnostics } = await apply(client, uri, AUTO_IP_YAML, actions[0]);
  assert.equal(text, AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false'));
  assert.deepEqual(diagnostics, []);
  // A clean document offers no fix-all; `source.fixAll` (the parent kind) asks for ours too.
  assert.deepEqual(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']), []);
  await client.close(uri);
});

test('fix-all is resolved lazily for clients that resolve code actions (VS Code)', async () => {
  const { uri } = await openDoc(lazy, AUTO_IP_YAML);
  const [action] = await lazy.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
  assert.equal(action.kind, 'source.fixAll.exposure-lint');
  assert.equal(action.edit, undefined);
  const resolved = await lazy.resolveCodeAction(action);
  const { text, diagnostics } = await apply(lazy, uri, AUTO_IP_YAML, resolved);
  assert.equal(text, AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false'));
  assert.deepEqual(diagnostics, []);
  await lazy.close(uri);
});

test('code actions right after typing see the new text (no waiting for the debounce)', async () => {
  const { uri } = await openDoc(client, AUTO_IP_YAML);
  // Insert two lines at the top and ask at once: the fix must land on the shifted line.
  const shifted = `# network\n# for tests\n${AUTO_IP_YAML}`;
  await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# network\n# for tests\n' }]);
  const range = rangeOf(shifted, 'MapPublicIpOnLaunch: true', 'PublicB:');
  const actions = await client.codeActions(uri, range, [], ['quickfix']);
  assert.equal(actions[0].title, 'Do not map public IPs on launch in PublicB');
  assert.deepEqual(editsFor(actions[0].edit, uri), [{ range: rangeOf(shifted, 'true', 'PublicB:'), newText: 'false' }]);
  await client.close(uri);
});

test('no actions away from findings, and none for quick fixes when only fix-all is asked', async () => {
  const { uri } = await openDoc(client, AUTO_IP_YAML);
  const vpcLine = rangeOf(AUTO_IP_YAML, 'CidrBlock: 10.0.0.0/16');
  assert.deepEqual((await client.codeActions(uri, vpcLine, [], ['quickfix'])).map((a) => a.title), []);
  await client.close(uri);
});
