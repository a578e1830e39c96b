// CDK in the editor: findings shown in the app's TypeScript source (template location as related information),
// source quick fixes, refreshed when cdk.out changes; templates in cdk.out point back at the source.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { synthesizeTestApp, SynthesizedApp } from '../adapters/cdk/synth';
import { applyTextEdits, editsFor, TestClient, tempDir, uriOf } from './lsp-client';
import { positionOf, rangeOf } from './templates';

let app: SynthesizedApp;
let client: TestClient;
let stackTs: string;
let template: string;

before(async () => {
  app = synthesizeTestApp({ sourceMaps: true });
  stackTs = join(app.appDir, 'lib/exposed-stack.ts');
  template = join(app.assemblyDir, 'ExposedStack.template.json');
  client = await TestClient.start({ folder: app.appDir, watchedFiles: true });
});

after(async () => {
  await client.stop();
  rmSync(join(app.appDir, '..'), { recursive: true, force: true });
});

function textAt(file: string, range: Diagnostic['range']): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

function byRule(diagnostics: Diagnostic[], ruleId: string, resource: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === ruleId && (d.data as { resource: string }).resource === resource);
  assert.ok(found, `${ruleId} on ${resource}; got ${diagnostics.map((d) => `${d.code}:${(d.data as { resource: string }).resource}`).join(', ')}`);
  return found;
}

test('the app source gets the findings on the lines that created the resources, the template as related information', async () => {
  const uri = uriOf(stackTs);
  const text = readFileSync(stackTs, 'utf8');
  await client.open(uri, text, 'typescript');
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const publicIp = byRule(diagnostics, 'public-ip-on-backend', 'AdminHostB9F082F7');
  assert.deepEqual(publicIp.range, rangeOf(text, 'associatePublicIpAddress: true', "'AdminHost'"));
  const [inTemplate] = publicIp.relatedInformation!;
  assert.equal(inTemplate.location.uri, uriOf(template));
  assert.equal(inTemplate.message, 'In the synthesized template: AdminHostB9F082F7');
  assert.equal(textAt(template, inTemplate.location.range), '"AssociatePublicIpAddress": true');
  // The path steps point into the template too.
  assert.ok(publicIp.relatedInformation!.slice(1).every((info) => info.location.uri === uriOf(template)));
  const database = byRule(diagnostics, 'public-database', 'Db5D02A0A9');
  assert.deepEqual(database.range, rangeOf(text, 'publiclyAccessible: true'));
});

test('quick fixes in the source edit only the source; no comment or Metadata suppressions there', async () => {
  const uri = uriOf(stackTs);
  const text = readFileSync(stackTs, 'utf8');
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const publicIp = byRule(diagnostics, 'public-ip-on-backend', 'AdminHostB9F082F7');
  const actions = await client.codeActions(uri, publicIp.range, [publicIp], ['quickfix']);
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
    ['Set associatePublicIpAddress: false in exposed-stack.ts', true],
    ['Move AdminHost to PRIVATE_WITH_EGRESS subnets in exposed-stack.ts', false],
    ['Disable public-ip-on-backend for this line', undefined],
    ['Fix all auto-fixable exposure-lint problems', undefined],
  ]);
  for (const action of actions.slice(0, 2)) assert.deepEqual(Object.keys(action.edit!.changes!), [uri]);
  const fixed = applyTextEdits(text, editsFor(actions[0].edit, uri));
  assert.equal(fixed, text.replace('associatePublicIpAddress: true', 'associatePublicIpAddress: false'));
});

test('a new cdk.out (reported by the client watcher) refreshes the source diagnostics', async () => {
  const uri = uriOf(stackTs);
  await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'public-ip-on-backend'));
  // What `cdk synth` writes after the fix: the instance no longer asks for a public IP.
  const json = readFileSync(template, 'utf8');
  assert.ok(json.includes('"AssociatePublicIpAddress": true'));
  const refreshed = client.nextDiagnostics(uri);
  writeFileSync(template, json.replace('"AssociatePublicIpAddress": true', '"AssociatePublicIpAddress": false'));
  await client.fileChanged(template);
  const { diagnostics } = await refreshed;
  assert.ok(!diagnostics.some((d) => d.code === 'public-ip-on-backend'), diagnostics.map((d) => d.code).join(', '));
  assert.ok(diagnostics.some((d) => d.code === 'public-database'));
  writeFileSync(template, json);
});

test('without a client watcher the server notices a new cdk.out itself', async () => {
  const plain = await TestClient.start({ folder: app.appDir, watchedFiles: false });
  const json = readFileSync(template, 'utf8');
  try {
    const uri = uriOf(stackTs);
    await plain.open(uri, readFileSync(stackTs, 'utf8'), 'typescript');
    await plain.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'public-database'));
    const refreshed = plain.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'public-database'));
    writeFileSync(template, json.replace('"PubliclyAccessible": true', '"PubliclyAccessible": false'));
    const { diagnostics } = await refreshed;
    assert.ok(diagnostics.some((d) => d.code === 'public-ip-on-backend'), diagnostics.map((d) => d.code).join(', '));
  } finally {
    writeFileSync(template, json);
    await plain.stop();
  }
});

test('a template in cdk.out: findings on the template, the creating source line as related information', async () => {
  const uri = uriOf(template);
  const json = readFileSync(template, 'utf8');
  await client.open(uri, json, 'json');
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const publicIp = byRule(diagnostics, 'public-ip-on-backend', 'AdminHostB9F082F7');
  assert.deepEqual(publicIp.range, rangeOf(json, '"AssociatePublicIpAddress": true'));
  const [created] = publicIp.relatedInformation!;
  const source = readFileSync(stackTs, 'utf8');
  assert.deepEqual(created, { location: { uri: uriOf(stackTs), range: rangeOf(source, 'associatePublicIpAddress: true', "'AdminHost'") }, message: 'Created here (ExposedStack/AdminHost/Resource)' });
  const actions = await client.codeActions(uri, publicIp.range, [publicIp], ['quickfix']);
  assert.ok(!actions.some((a) => a.title.startsWith('Disable')), actions.map((a) => a.title).join(' | '));
  await client.close(uri);
});

test('TypeScript outside a CDK app with a cdk.out is left alone', async () => {
  const elsewhere = tempDir();
  try {
    const lonely = uriOf(join(elsewhere.dir, 'stack.ts'));
    await client.open(lonely, "new ec2.Instance(this, 'X', { associatePublicIpAddress: true });\n", 'typescript');
    // Documents are linted in order: once a later one is published, the lonely file would have been too.
    const marker = uriOf(stackTs);
    const version = await client.change(marker, [{ range: { start: positionOf(readFileSync(stackTs, 'utf8'), '// A stack'), end: positionOf(readFileSync(stackTs, 'utf8'), '// A stack') }, text: '' }]);
    await client.diagnostics(marker, (p) => p.version === version);
    assert.equal(client.published(lonely), undefined);
    await client.close(lonely);
  } finally {
    elsewhere.remove();
  }
});

test('CDK messages name construct paths, not hashed logical IDs; a listener made by alb.addListener maps to that call\'s line', async () => {
  const uri = uriOf(stackTs);
  const source = readFileSync(stackTs, 'utf8');
  await client.open(uri, source, 'typescript');
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'alb-http-listener'));
  const ssh = byRule(diagnostics, 'world-open-admin-port', 'AdminSg34EB5EC7');
  assert.match(String(ssh.message), /^ExposedStack\/AdminSg admits SSH \(tcp 22\) from 0\.0\.0\.0\/0: ExposedStack\/AdminHost can be administered from anywhere/);
  const publicIp = byRule(diagnostics, 'public-ip-on-backend', 'AdminHostB9F082F7');
  assert.equal(publicIp.message, 'ExposedStack/AdminHost gets a public IP in ExposedStack/Network/PublicSubnet1/Subnet (0.0.0.0/0 -> ExposedStack/Network/IGW): reachable from the internet without the ALB');
  for (const d of diagnostics) assert.doesNotMatch(String(d.message), /\b[A-Za-z]+[0-9A-F]{8}\b/, `a hashed logical ID in "${d.message}"`);
  const listener = byRule(diagnostics, 'alb-http-listener', 'WebHttp5908C8E9');
  assert.equal(listener.range.start.line, positionOf(source, "alb.addListener('Http'").line, 'the addListener call, not the ALB\'s line');
  await client.close(uri);
});

test('CDK source: "Disable <rule> for this line" writes a // comment above the mapped line and the finding goes at once', async () => {
  const uri = uriOf(stackTs);
  const source = readFileSync(stackTs, 'utf8');
  await client.open(uri, source, 'typescript');
  const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'public-ip-on-backend'));
  const publicIp = byRule(diagnostics, 'public-ip-on-backend', 'AdminHostB9F082F7');
  const actions = await client.codeActions(uri, publicIp.range, [publicIp], ['quickfix']);
  const disable = actions.find((a) => a.title === 'Disable public-ip-on-backend for this line');
  assert.ok(disable?.edit);
  const text = applyTextEdits(source, editsFor(disable.edit, uri));
  assert.equal(text, source.replace('      associatePublicIpAddress: true', '      // exposure-lint-disable-next-line public-ip-on-backend\n      associatePublicIpAddress: true'));
  await client.change(uri, [{ text }]);
  const after = await client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'public-ip-on-backend'));
  assert.ok(after.diagnostics.some((d) => d.code === 'backend-in-public-subnet'), 'other rules on the construct stay');
  await client.close(uri);
});
