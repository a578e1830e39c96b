// Settings from the client (exposureLint.*) and the .exposure-lint.yaml config file, reloaded when it changes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_YAML } from './templates';

const RULE = 'public-subnet-auto-ip';
const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function withClient(options: Parameters<typeof TestClient.start>[0], run: (client: TestClient, dir: string) => Promise<void>): Promise<void> {
  const workspace = tempDir();
  const client = await TestClient.start({ folder: workspace.dir, ...options });
  try {
    await run(client, workspace.dir);
  } finally {
    await client.stop();
    workspace.remove();
  }
}

test('settings: a rule turned off loses its diagnostics; a severity applies; the server pulls the section', () =>
  withClient({ settings: {} }, async (client, dir) => {
    const uri = uriOf(join(dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    const first = await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.deepEqual(first.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    await client.setSettings({ rules: { [RULE]: 'off' } });
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    await client.setSettings({ rules: { [RULE]: 'error' } });
    const raised = await client.nextDiagnostics(uri);
    assert.deepEqual(raised.diagnostics.map((d) => [d.code, d.severity]), [[RULE, DiagnosticSeverity.Error], [RULE, DiagnosticSeverity.Error]]);
    // enable: false clears everything; true brings it back.
    await client.setSettings({ enable: false });
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    await client.setSettings({ enable: true });
    assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 2);
    // The server registered for configuration changes of its section.
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'), JSON.stringify(client.registrations));
  }));

test('settings: an invalid severity is reported once and ignored', () =>
  withClient({ settings: { rules: { [RULE]: 'loud' } } }, async (client, dir) => {
    const uri = uriOf(join(dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.deepEqual(client.messages, [`exposure-lint: exposureLint.rules.${RULE}: "loud" is not one of error, warning, info, off`]);
  }));

test('run: onSave lints on open and save only; code actions still see the typed text', () =>
  withClient({ settings: { run: 'onSave' } }, async (client, dir) => {
    const uri = uriOf(join(dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    assert.equal((await client.diagnostics(uri)).version, 1);
    const fixed = AUTO_IP_YAML.replace('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false');
    await client.change(uri, [{ text: fixed }]);
    // A request is answered after the change was handled: nothing was published for the change.
    const actions = await client.codeActions(uri, ZERO, [], ['source.fixAll.exposure-lint']);
    assert.equal(actions.length, 1);
    assert.equal(client.published(uri)!.version, 1);
    await client.save(uri);
    const saved = await client.nextDiagnostics(uri);
    assert.equal(saved.version, 2);
    assert.deepEqual(saved.diagnostics.map((d) => (d.data as { resource: string }).resource), ['PublicB']);
  }));

test('config file: read from the workspace folder, reloaded on a watched-file change', () =>
  withClient({ watchedFiles: true }, async (client, dir) => {
    const config = join(dir, '.exposure-lint.yaml');
    writeFileSync(config, `rules:\n  ${RULE}: error\n`);
    const uri = uriOf(join(dir, 'stacks', 'net.yaml'));
    mkdirSync(join(dir, 'stacks'));
    await client.open(uri, AUTO_IP_YAML);
    const first = await client.diagnostics(uri);
    assert.deepEqual(first.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    writeFileSync(config, `rules:\n  ${RULE}: off\n`);
    await client.fileChanged(config);
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    // The server asked the client to watch config files and assemblies.
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.exposure-lint.{yaml,yml,json}') && globs.includes('**/cdk.out/**'), globs.join(', '));
  }));

test('config file: reloaded without a client watcher (the server watches the folder itself)', () =>
  withClient({ watchedFiles: false }, async (client, dir) => {
    const uri = uriOf(join(dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 2);
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    writeFileSync(join(dir, '.exposure-lint.yaml'), `rules:\n  ${RULE}: off\n`);
    assert.deepEqual((await cleared).diagnostics, []);
  }));

test('config file: ignore globs silence matching templates; a broken config is reported and the defaults apply', () =>
  withClient({ watchedFiles: true }, async (client, dir) => {
    writeFileSync(join(dir, '.exposure-lint.yaml'), 'ignore:\n  - generated/**\n');
    mkdirSync(join(dir, 'generated'));
    const ignored = uriOf(join(dir, 'generated', 'net.yaml'));
    const linted = uriOf(join(dir, 'net.yaml'));
    await client.open(ignored, AUTO_IP_YAML);
    await client.open(linted, AUTO_IP_YAML);
    await client.diagnostics(linted, (p) => p.diagnostics.length === 2);
    assert.equal(client.published(ignored), undefined);
    writeFileSync(join(dir, '.exposure-lint.yaml'), 'rules: [not, a, map]\n');
    await client.fileChanged(join(dir, '.exposure-lint.yaml'));
    // With the config unusable the ignore list is gone too: the ignored file is linted with the defaults.
    assert.equal((await client.diagnostics(ignored, (p) => p.diagnostics.length === 2)).diagnostics[0].code, RULE);
    assert.ok(client.messages.some((m) => m.includes('.exposure-lint.yaml') && m.includes('"rules" must map rule IDs')), client.messages.join(' | '));
  }));
