// exposureLint/lintWorkspace (counts, diagnostics for files not open, $/progress) and the IPC transport.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_JSON, AUTO_IP_YAML, NOT_TEMPLATES } from './templates';

const FIXED_YAML = AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false');

test('lintWorkspace: lints every template, publishes for files not open, reports progress and counts', async () => {
  const workspace = tempDir();
  const dir = workspace.dir;
  mkdirSync(join(dir, 'stacks'));
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(dir, 'open.yaml'), AUTO_IP_YAML);
  writeFileSync(join(dir, 'network.json'), AUTO_IP_JSON);
  writeFileSync(join(dir, 'stacks', 'subnets.yaml'), AUTO_IP_YAML);
  writeFileSync(join(dir, 'node_modules', 'dep', 'template.yaml'), AUTO_IP_YAML);
  for (const doc of NOT_TEMPLATES) writeFileSync(join(dir, doc.name), doc.text);
  const client = await TestClient.start({ folder: dir, watchedFiles: true });
  try {
    // The open document was fixed in the editor but not saved: its diagnostics follow the editor's text.
    const open = uriOf(join(dir, 'open.yaml'));
    await client.open(open, FIXED_YAML);
    const subnets = uriOf(join(dir, 'stacks', 'subnets.yaml'));
    const network = uriOf(join(dir, 'network.json'));
    const result = await client.connection.sendRequest('exposureLint/lintWorkspace', { workDoneToken: 'lint-workspace' });
    assert.deepEqual(result, { targets: 3, files: 2, findings: 3, errors: 0, warnings: 3, infos: 0, failures: 0, cancelled: false });
    assert.deepEqual((await client.diagnostics(subnets)).diagnostics.map((d) => [d.code, (d.data as { resource: string }).resource]), [
      ['public-subnet-auto-ip', 'PublicA'],
      ['public-subnet-auto-ip', 'PublicB'],
    ]);
    assert.deepEqual((await client.diagnostics(network)).diagnostics.map((d) => d.range.start.line), [AUTO_IP_JSON.split('\n').findIndex((l) => l.includes('"MapPublicIpOnLaunch"'))]);
    for (const doc of NOT_TEMPLATES) assert.equal(client.published(uriOf(join(dir, doc.name))), undefined, doc.name);
    assert.equal(client.published(uriOf(join(dir, 'node_modules', 'dep', 'template.yaml'))), undefined);
    assert.ok(!client.published(open)?.diagnostics.length, 'the open, fixed document has no diagnostics');
    const kinds = client.progress.map((p) => (p as { kind: string }).kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.includes('report'), kinds.join(','));
    // Fixed on disk: the next workspace lint clears the file.
    writeFileSync(join(dir, 'stacks', 'subnets.yaml'), FIXED_YAML);
    const cleared = client.nextDiagnostics(subnets);
    const again = await client.connection.sendRequest('exposureLint/lintWorkspace', null);
    assert.deepEqual(again, { targets: 3, files: 1, findings: 1, errors: 0, warnings: 1, infos: 0, failures: 0, cancelled: false });
    assert.deepEqual((await cleared).diagnostics, []);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('IPC transport (--node-ipc): diagnostics arrive as over stdio', async () => {
  const workspace = tempDir();
  const client = await TestClient.start({ folder: workspace.dir, transport: 'node-ipc' });
  try {
    const uri = uriOf(join(workspace.dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('a client with no optional capabilities (no configuration, watchers, folders or resolve) gets diagnostics and fix-all edits', async () => {
  const workspace = tempDir();
  const client = await TestClient.start({ folder: workspace.dir, bare: true });
  try {
    const uri = uriOf(join(workspace.dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
    const [fixAll] = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.exposure-lint']);
    assert.ok(fixAll.edit, 'the edit comes with the action when the client cannot resolve');
    assert.deepEqual(client.registrations, []);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('lintWorkspace is cancellable: it stops between templates and says so', async () => {
  const workspace = tempDir();
  for (let i = 0; i < 300; i++) writeFileSync(join(workspace.dir, `net-${String(i).padStart(3, '0')}.yaml`), AUTO_IP_YAML);
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('exposureLint/lintWorkspace', { workDoneToken: 'lint-workspace' }, source.token);
    source.cancel();
    const result = (await pending) as { cancelled: boolean; targets: number };
    assert.equal(result.cancelled, true);
    assert.ok(result.targets < 300, `stopped early (${result.targets} of 300)`);
    // The server still answers afterwards.
    const uri = uriOf(join(workspace.dir, 'net-000.yaml'));
    const opened = client.nextDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, AUTO_IP_YAML);
    assert.deepEqual((await opened).diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  } finally {
    await client.stop();
    workspace.remove();
  }
});
