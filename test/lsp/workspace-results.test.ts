// Issue 14 item 1 and 12 over stdio: workspace results survive closing a file and follow changes on disk; config mistakes are diagnostics in the config file.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileChangeType, TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_YAML } from './templates';

const FIXED_YAML = AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false');
const resources = (diagnostics: { data?: unknown }[]) => diagnostics.map((d) => (d.data as { resource: string }).resource);

test('a file opened and closed after Lint workspace keeps its workspace findings (it used to lose them)', async () => {
  const workspace = tempDir();
  writeFileSync(join(workspace.dir, 'a.yaml'), AUTO_IP_YAML);
  const client = await TestClient.start({ folder: workspace.dir, watchedFiles: true });
  try {
    const uri = uriOf(join(workspace.dir, 'a.yaml'));
    await client.connection.sendRequest('exposureLint/lintWorkspace', {});
    assert.deepEqual(resources((await client.diagnostics(uri, (p) => p.diagnostics.length === 2)).diagnostics), ['PublicA', 'PublicB']);
    await client.open(uri, AUTO_IP_YAML);
    // Edited in the editor, not saved, then closed: the file on disk (and so the workspace result) is unchanged.
    await client.change(uri, [{ text: FIXED_YAML }]);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    const afterClose = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual(resources((await afterClose).diagnostics), ['PublicA', 'PublicB']);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('after Lint workspace, templates changed, added or deleted on disk refresh their findings without another request', async () => {
  const workspace = tempDir();
  const a = join(workspace.dir, 'a.yaml');
  writeFileSync(a, AUTO_IP_YAML);
  const client = await TestClient.start({ folder: workspace.dir, watchedFiles: true });
  try {
    await client.connection.sendRequest('exposureLint/lintWorkspace', {});
    await client.diagnostics(uriOf(a), (p) => p.diagnostics.length === 2);
    // git pull fixes a.yaml and adds b.yaml.
    writeFileSync(a, AUTO_IP_YAML.replace('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false'));
    const b = join(workspace.dir, 'b.yaml');
    writeFileSync(b, AUTO_IP_YAML);
    await client.fileChanged(a);
    await client.fileChanged(b, FileChangeType.Created);
    assert.deepEqual(resources((await client.diagnostics(uriOf(a), (p) => p.diagnostics.length === 1)).diagnostics), ['PublicB']);
    assert.deepEqual(resources((await client.diagnostics(uriOf(b), (p) => p.diagnostics.length === 2)).diagnostics), ['PublicA', 'PublicB']);
    rmSync(b);
    await client.fileChanged(b, FileChangeType.Deleted);
    await client.diagnostics(uriOf(b), (p) => p.diagnostics.length === 0);
    // A deleted folder gets one event (for the folder): its templates' findings go too.
    // A new folder may come as one event for the folder (the watcher coalesces what is inside): its templates are linted.
    const sub = join(workspace.dir, 'stacks');
    mkdirSync(sub);
    const c = join(sub, 'c.yaml');
    writeFileSync(c, AUTO_IP_YAML);
    await client.fileChanged(sub, FileChangeType.Created);
    await client.diagnostics(uriOf(c), (p) => p.diagnostics.length === 2);
    rmSync(sub, { recursive: true });
    await client.fileChanged(sub, FileChangeType.Deleted);
    await client.diagnostics(uriOf(c), (p) => p.diagnostics.length === 0);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('an open .exposure-lint.yaml gets a diagnostic per mistake, at its range; fixed text clears them', async () => {
  const workspace = tempDir();
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const uri = uriOf(join(workspace.dir, '.exposure-lint.yaml'));
    await client.open(uri, 'rules:\n  public-ip-on-backnd: off\n  alb-without-waf: nope\nintended_edges: [Bastion]\n');
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.message).split(';')[0]]), [
      ['config', 1, 1, 2, 1, 21, 'unknown rule "public-ip-on-backnd" (did you mean "public-ip-on-backend"?) (see exposure-lint --list-rules)'],
      ['config', 1, 2, 19, 2, 23, 'rules.alb-without-waf: "nope" is not one of error, warning, info, off'],
      ['config', 1, 3, 0, 3, 14, 'unknown key "intended_edges" (did you mean "intended-edges"?) (expected rules, ignore, intended-edges, possible)'],
    ]);
    await client.change(uri, [{ text: 'rules:\n  public-ip-on-backend: off\n' }]);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('the server log starts with its version, what it reads and the folder\'s config (with its error), without its own timestamps', async () => {
  const workspace = tempDir();
  writeFileSync(join(workspace.dir, '.exposure-lint.yaml'), 'rules: { no-such-rule: off }\n');
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const deadline = Date.now() + 10_000;
    while (!client.logs.some((l) => l.startsWith('Folder ')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = client.logs;
    assert.match(lines[0], /^exposure-lint \d+\.\d+\.\d+ language server: .+ on Node v\d+/);
    assert.match(lines[1], /^Reads: CloudFormation templates \(YAML, JSON\), Terraform modules \(\*\.tf, \*\.tf\.json\), CDK cloud assemblies/);
    assert.match(lines[2], /^Settings: run onType, debounce \d+ ms, new-since marks HEAD$/);
    assert.equal(lines[3], `Folder ${workspace.dir}: config error, the defaults apply: ${join(workspace.dir, '.exposure-lint.yaml')}:1:10: unknown rule "no-such-rule" (see exposure-lint --list-rules)`);
    assert.ok(lines.every((l) => !/^\[\d{4}-/.test(l)), 'no timestamp of its own');
  } finally {
    await client.stop();
    workspace.remove();
  }
});
