// package.json as VS Code reads it: activation, settings (one per registered rule), commands, grammar, capabilities, bundle paths.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allRuleMetas, helpUri, INFORMATION_URI, repositoryUrl } from '../../server/src/cli/rule-docs';
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

/** The repository itself (this file runs from out/test/client; out/ has a copy of package.json but not the rest). */
const REPO = resolve(__dirname, '..', '..', '..');

const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));

test('activates only for YAML/JSON, Terraform (HCL and JSON) and CDK assemblies (VS Code infers onCommand from contributes.commands)', () => {
  assert.deepEqual(manifest.activationEvents.filter((event: string) => !event.startsWith('workspaceContains:**/*.tf') || event === 'workspaceContains:**/*.tf.json'), [
    'onLanguage:yaml', 'onLanguage:json', 'workspaceContains:**/*.tf.json', 'onLanguage:terraform', 'workspaceContains:**/cdk.out/manifest.json',
  ]);
  assert.ok(!manifest.activationEvents.some((event: string) => event.startsWith('onCommand:')));
  assert.equal(manifest.main, './dist/client.js');
});

test('Marketplace and npm metadata: repository declared once, categories, keywords, icon, bugs, homepage, publishable', () => {
  assert.equal(manifest.private, undefined, 'a private package cannot be published (npx exposure-lint elsewhere)');
  assert.deepEqual(manifest.repository, { type: 'git', url: 'https://github.com/exposure-lint/exposure-lint.git' });
  const repo = 'https://github.com/exposure-lint/exposure-lint';
  assert.equal(manifest.homepage, `${repo}#readme`);
  assert.deepEqual(manifest.bugs, { url: `${repo}/issues` });
  assert.deepEqual(manifest.categories, ['Linters']);
  assert.ok(manifest.keywords.includes('cloudformation') && manifest.keywords.includes('terraform') && manifest.keywords.length <= 30);
  const icon = readFileSync(join(REPO, manifest.icon));
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.equal(icon.readUInt32BE(16), 128, 'icon width');
  assert.equal(icon.readUInt32BE(20), 128, 'icon height');
  assert.equal(manifest.dependencies, undefined, 'the bundles in dist/ are self-contained: an installed package needs nothing else');
  // What ships: .vscodeignore for the .vsix (no CLI), .npmignore for npm (no VS Code client); test/package checks the tarball.
  const vsix = readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n');
  for (const kept of ['!dist/client.js', '!dist/server.js', '!dist/server.impl.js', '!dist/*.wasm', '!rules/*/*.md', `!${manifest.icon}`]) assert.ok(vsix.includes(kept), kept);
  assert.ok(!vsix.includes('!dist/cli.js'), 'the .vsix does not carry the CLI');
});

test('every docs link derives from package.json\'s repository', () => {
  assert.equal(INFORMATION_URI, 'https://github.com/exposure-lint/exposure-lint');
  const meta = allRuleMetas().find((m) => m.id === 'world-open-admin-port')!;
  assert.equal(helpUri(meta), 'https://github.com/exposure-lint/exposure-lint/blob/main/rules/world-open-admin-port/world-open-admin-port.md');
  assert.equal(repositoryUrl('github:o/r'), 'https://github.com/o/r');
  assert.equal(repositoryUrl({ url: 'git+https://gitlab.com/o/r.git' }), 'https://gitlab.com/o/r');
  assert.equal(repositoryUrl({ url: 'git@github.com:o/r.git' }), 'https://github.com/o/r');
});

test('npm install leaves package-lock.json alone: its root ranges are package.json\'s (npm rewrites the lock when they differ)', () => {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));
  const root = lock.packages[''];
  assert.deepEqual(root.devDependencies, manifest.devDependencies);
  assert.deepEqual(root.dependencies, manifest.dependencies);
  assert.deepEqual(root.bin, manifest.bin);
  assert.equal(root.version, manifest.version);
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
    'exposureLint.showRuleDoc = exposure-lint: Show rule documentation',
    'exposureLint.showMap = exposure-lint: Show exposure map',
    'exposureLint.statusMenu = exposure-lint: Show actions',
  ]);
});

test('the exposure map is offered in the editor title bar for templates and Terraform JSON, and in the explorer', () => {
  const titleBar = manifest.contributes.menus['editor/title'];
  assert.deepEqual(titleBar.map((m: { command: string; group: string }) => [m.command, m.group]), [['exposureLint.showMap', 'navigation']]);
  assert.match(titleBar[0].when, /resourceLangId =~ \/\^\(yaml\|json\|jsonc\)\$\//);
  assert.equal(manifest.contributes.commands.find((c: { command: string }) => c.command === 'exposureLint.showMap').icon, '$(graph)');
  assert.deepEqual(manifest.contributes.menus['explorer/context'].map((m: { command: string }) => m.command), ['exposureLint.showMap']);
});
