// Config files: parsing, validation messages, upward search and ignore globs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, findConfig, globMatches, isIgnored, loadConfigFile, parseConfig } from '../../server/src/engine/config';

test('parseConfig reads rules, ignore and intended-edges, accepting warn and ESLint numbers', () => {
  assert.deepEqual(parseConfig({ rules: { a: 'warn', b: 0, c: 'error', d: 'info' }, ignore: ['x/'], 'intended-edges': ['Bastion'] }), {
    rules: { a: 'warning', b: 'off', c: 'error', d: 'info' },
    ignore: ['x/'],
    intendedEdges: ['Bastion'],
  });
  assert.throws(() => parseConfig({ rules: { a: 'loud' } }, 'cfg'), new ConfigError('cfg: rules.a: "loud" is not one of error, warning, info, off'));
  assert.throws(() => parseConfig({ ignore: 'x' }, 'cfg'), new ConfigError('cfg: ignore must be a list of strings'));
  assert.throws(() => parseConfig([1], 'cfg'), new ConfigError('cfg: expected a map with rules, ignore, intended-edges'));
});

test('findConfig searches upward and the nearest file wins; root is its folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-config-'));
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, '.exposure-lint.yml'), 'rules: { alb-without-waf: off }\n');
  writeFileSync(join(dir, 'a', '.exposure-lint.json'), '{"rules": {"unrestricted-egress": "warning"}}');
  const found = findConfig(join(dir, 'a', 'b'));
  assert.equal(found?.path, join(dir, 'a', '.exposure-lint.json'));
  assert.deepEqual(found?.config, { rules: { 'unrestricted-egress': 'warning' }, ignore: [], intendedEdges: [], root: join(dir, 'a') });
  assert.deepEqual(loadConfigFile(join(dir, '.exposure-lint.yml')).rules, { 'alb-without-waf': 'off' });
  writeFileSync(join(dir, 'bad.yaml'), 'rules: [\n');
  assert.throws(() => loadConfigFile(join(dir, 'bad.yaml')), /^ConfigError: Invalid config file .*bad\.yaml: /);
});

test('glob matching is gitignore-like', () => {
  assert.ok(globMatches('*.json', 'deep/dir/x.json'));
  assert.ok(!globMatches('*.json', 'deep/dir/x.yaml'));
  assert.ok(globMatches('generated/', 'generated/a/b.yaml'));
  assert.ok(globMatches('generated', 'src/generated/b.yaml'));
  assert.ok(globMatches('src/*.yaml', 'src/a.yaml'));
  assert.ok(!globMatches('src/*.yaml', 'src/sub/a.yaml'));
  assert.ok(!globMatches('src/*.yaml', 'other/src/a.yaml'));
  assert.ok(globMatches('src/**/*.yaml', 'src/sub/deeper/a.yaml'));
  assert.ok(globMatches('src/**/*.yaml', 'src/a.yaml'));
  assert.ok(globMatches('templ?te.yaml', 'template.yaml'));
  assert.ok(!globMatches('a.b', 'axb'));
});

test('isIgnored resolves paths against the config root and never matches outside it', () => {
  const config = { rules: {}, ignore: ['cdk.out/', 'legacy/*.yaml'], intendedEdges: [], root: '/repo' };
  assert.ok(isIgnored('/repo/legacy/old.yaml', config));
  assert.ok(isIgnored('/repo/app/cdk.out/Stack.template.json', config));
  assert.ok(!isIgnored('/repo/app/new.yaml', config));
  assert.ok(!isIgnored('/elsewhere/legacy/old.yaml', config));
});
