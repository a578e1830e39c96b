// The server over stdio with a real LSP client: diagnostics on open and change, cleared on close, silent on non-templates.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_JSON, AUTO_IP_YAML, NOT_TEMPLATES, positionOf, rangeOf } from './templates';

const workspace = tempDir();
let client: TestClient;

before(async () => {
  client = await TestClient.start({ folder: workspace.dir });
});

after(async () => {
  await client.stop();
  workspace.remove();
});

const DOCS = 'https://github.com/exposure-lint/exposure-lint/blob/main/rules/public-subnet-auto-ip/public-subnet-auto-ip.md';

test('announces incremental sync, code actions with fix-all, and its name', () => {
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.exposure-lint'], resolveProvider: true });
  assert.equal(client.initializeResult!.serverInfo?.name, 'exposure-lint');
});

test('open: one diagnostic per finding with rule code, docs link, severity, path steps and data', async () => {
  const file = join(workspace.dir, 'network.yaml');
  writeFileSync(file, AUTO_IP_YAML);
  const uri = uriOf(file);
  await client.open(uri, AUTO_IP_YAML);
  const published = await client.diagnostics(uri);
  assert.equal(published.version, 1);
  const [a, b] = published.diagnostics;
  assert.equal(published.diagnostics.length, 2);
  assert.deepEqual(a.range, rangeOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicA:'));
  assert.deepEqual(b.range, rangeOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicB:'));
  assert.equal(a.source, 'exposure-lint');
  assert.equal(a.code, 'public-subnet-auto-ip');
  assert.equal(a.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(a.codeDescription, { href: DOCS });
  assert.equal(a.message, 'PublicA (0.0.0.0/0 -> Igw) gives every instance launched in it a public IP and could host backends: reachable from the internet without the ALB');
  // Every step of the exposure path points into the document: the subnet's table, the route, the gateway, the property.
  const routeEnd = rangeOf(AUTO_IP_YAML, 'GatewayId: !Ref Igw', 'PublicRoute:').end;
  assert.deepEqual(a.relatedInformation, [
    { location: { uri, range: rangeOf(AUTO_IP_YAML, 'PublicA', 'Resources:') }, message: 'PublicA uses route table PublicRt' },
    { location: { uri, range: { start: positionOf(AUTO_IP_YAML, 'PublicRoute:'), end: routeEnd } }, message: 'PublicRt routes 0.0.0.0/0 to Igw' },
    { location: { uri, range: rangeOf(AUTO_IP_YAML, 'Igw', 'Resources:') }, message: 'Igw is an internet gateway attached to the VPC' },
    { location: { uri, range: rangeOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicA:') }, message: 'MapPublicIpOnLaunch is true' },
  ]);
  assert.deepEqual(a.data, { ruleId: 'public-subnet-auto-ip', resource: 'PublicA', fingerprint: (a.data as { fingerprint: string }).fingerprint, fixable: true });
  assert.match((a.data as { fingerprint: string }).fingerprint, /^public-subnet-auto-ip:PublicA:[0-9a-f]{8}$/);
});

test('incremental change: the fixed subnet loses its diagnostic, the other keeps its place; close clears', async () => {
  const file = join(workspace.dir, 'change.yaml');
  const uri = uriOf(file);
  await client.open(uri, AUTO_IP_YAML);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
  // Type over `true` on PublicA, then add a line above everything (shifts PublicB's diagnostic by one line).
  const value = rangeOf(AUTO_IP_YAML, 'true', 'PublicA:');
  const version = await client.change(uri, [{ range: value, text: 'false' }]);
  const afterFix = await client.diagnostics(uri, (p) => p.version === version);
  assert.deepEqual(afterFix.diagnostics.map((d) => [d.code, d.range]), [['public-subnet-auto-ip', rangeOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicB:')]]);
  const version2 = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Description: shifted\n' }]);
  const shifted = await client.diagnostics(uri, (p) => p.version === version2);
  const expected = rangeOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicB:');
  assert.deepEqual(shifted.diagnostics.map((d) => d.range), [{ start: { ...expected.start, line: expected.start.line + 1 }, end: { ...expected.end, line: expected.end.line + 1 } }]);
  await client.close(uri);
  const closed = await client.nextDiagnostics(uri);
  assert.deepEqual(closed.diagnostics, []);
});

test('a burst of keystrokes ends with diagnostics for the last version', async () => {
  const uri = uriOf(join(workspace.dir, 'burst.yaml'));
  await client.open(uri, AUTO_IP_YAML);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
  // Delete "true" on PublicB one character at a time, then type "false".
  const at = positionOf(AUTO_IP_YAML, 'true', 'PublicB:');
  let version = 1;
  for (let i = 3; i >= 0; i--) version = await client.change(uri, [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i + 1 } }, text: '' }]);
  for (const [i, ch] of [...'false'].entries()) version = await client.change(uri, [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: ch }]);
  const last = await client.diagnostics(uri, (p) => p.version === version);
  assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range.start.line]), [['public-subnet-auto-ip', positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch', 'PublicA:').line]]);
  await client.close(uri);
});

test('JSON templates get diagnostics at the JSON property', async () => {
  const uri = uriOf(join(workspace.dir, 'network.json'));
  await client.open(uri, AUTO_IP_JSON, 'json');
  const published = await client.diagnostics(uri);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range]), [['public-subnet-auto-ip', rangeOf(AUTO_IP_JSON, '"MapPublicIpOnLaunch": true')]]);
  await client.close(uri);
});

test('silent on Compose, Kubernetes, package.json and broken non-templates', async () => {
  const uris = NOT_TEMPLATES.map((doc) => uriOf(join(workspace.dir, doc.name)));
  for (const [i, doc] of NOT_TEMPLATES.entries()) await client.open(uris[i], doc.text, doc.languageId);
  // Documents are linted in the order they were opened: once a template opened after them has its
  // diagnostics, anything published for them would already have arrived.
  const marker = uriOf(join(workspace.dir, 'after-silent.yaml'));
  await client.open(marker, AUTO_IP_YAML);
  await client.diagnostics(marker, (p) => p.diagnostics.length === 2);
  for (const uri of uris) assert.equal(client.published(uri), undefined, `published for ${uri}`);
  // Typing a non-template into a template: it gets diagnostics; typing it back out clears them.
  const compose = uris[0];
  const version = await client.change(compose, [{ text: AUTO_IP_YAML }]);
  assert.equal((await client.diagnostics(compose, (p) => p.version === version)).diagnostics.length, 2);
  const version2 = await client.change(compose, [{ text: NOT_TEMPLATES[0].text }]);
  assert.deepEqual((await client.diagnostics(compose, (p) => p.version === version2)).diagnostics, []);
  for (const uri of [...uris, marker]) await client.close(uri);
});

test('untitled documents are linted by content', async () => {
  const uri = 'untitled:Untitled-1';
  await client.open(uri, AUTO_IP_YAML);
  const published = await client.diagnostics(uri);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  assert.equal(published.diagnostics[0].relatedInformation?.[0].location.uri, uri);
  await client.close(uri);
});
