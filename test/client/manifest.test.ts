// package.json as VS Code reads it: activation, settings (one per registered rule), commands, grammar, capabilities, bundle paths.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allRuleMetas } from '../../server/src/cli/rule-docs';
import { defaultSettings } from '../../server/src/lsp/settings';

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'client'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));

test('activates only for YAML/JSON, Terraform (HCL and JSON), CDK assemblies and its commands', () => {
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:yaml', 'onLanguage:json', 'workspaceContains:**/*.tf.json', 'onLanguage:terraform', 'workspaceContains:**/*.tf', 'workspaceContains:**/cdk.out/manifest.json',
    'onCommand:exposureLint.lintWorkspace', 'onCommand:exposureLint.showOutput',
  ]);
  assert.equal(manifest.main, './dist/client.js');
});

test('works in untrusted workspaces (nothing is executed), not in virtual ones (the server reads files)', () => {
  assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
});

test('settings: enable, run, rules, debounceMs, markNewSince, showPossible, trace.server', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties), ['exposureLint.enable', 'exposureLint.run', 'exposureLint.rules', 'exposureLint.debounceMs', 'exposureLint.markNewSince', 'exposureLint.showPossible', 'exposureLint.trace.server']);
  assert.equal(properties['exposureLint.enable'].default, true);
  assert.deepEqual(properties['exposureLint.run'].enum, ['onType', 'onSave']);
  assert.deepEqual(properties['exposureLint.rules'].additionalProperties.enum, ['error', 'warning', 'info', 'off']);
  assert.deepEqual(properties['exposureLint.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('the manifest\'s defaults are the language server\'s (server/src/lsp/settings.ts)', () => {
  const properties = manifest.contributes.configuration.properties;
  const server = defaultSettings();
  assert.deepEqual(
    { enable: properties['exposureLint.enable'].default, run: properties['exposureLint.run'].default, debounceMs: properties['exposureLint.debounceMs'].default, markNewSince: properties['exposureLint.markNewSince'].default, trace: properties['exposureLint.trace.server'].default },
    { enable: server.enable, run: server.run, debounceMs: server.debounceMs, markNewSince: server.markNewSince, trace: server.trace.server },
  );
  assert.equal(properties['exposureLint.debounceMs'].type, 'number');
  assert.equal(properties['exposureLint.markNewSince'].type, 'string');
});

test('exposureLint.rules describes every registered rule (else: npx tsc -p . && node client/scripts/sync-rule-settings.mjs)', () => {
  const rules = manifest.contributes.configuration.properties['exposureLint.rules'].properties;
  assert.deepEqual(Object.keys(rules).sort(), allRuleMetas().map((meta) => meta.id).sort());
  for (const meta of allRuleMetas()) {
    assert.deepEqual(rules[meta.id].enum, ['error', 'warning', 'info', 'off']);
    assert.ok(rules[meta.id].markdownDescription.endsWith(`Default: \`${meta.defaultSeverity}\`.`), `${meta.id}: default severity out of date`);
  }
});

test('commands are titled "exposure-lint: ..."', () => {
  assert.deepEqual(manifest.contributes.commands.map((c: { category: string; title: string; command: string }) => `${c.command} = ${c.category}: ${c.title}`), [
    'exposureLint.lintWorkspace = exposure-lint: Lint workspace',
    'exposureLint.showExposureChanges = exposure-lint: Show exposure changes since HEAD',
    'exposureLint.showOutput = exposure-lint: Show output',
  ]);
});
