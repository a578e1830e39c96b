// Issue 14 items 11-12: linting nothing exits 2 and says what was looked for; config typos are reported with file:line:col and exit 2.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProblems } from '../../server/src/engine/config';
import { assertNoStack, runCli, tempCopy } from './run-cli';

const LOOKED_FOR = /Looked for: CloudFormation templates \(\*\.yaml, \*\.yml, \*\.json, \*\.template with Resources of AWS:: types\),\n {2}Terraform modules \(\*\.tf, \*\.tf\.json\) and CDK cloud assemblies/;

test('an empty folder: exit 2, "no templates found" and what was looked for on stderr, nothing on stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-empty-'));
  const run = await runCli(['.'], dir);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^exposure-lint: no templates found in \.\n/);
  assert.match(run.stderr, LOOKED_FOR);
});

test('a folder of non-templates (Compose file, package.json, a text file): exit 2 with the same message, also in --format json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-nothing-'));
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}\n');
  mkdirSync(join(dir, 'infra'));
  writeFileSync(join(dir, 'infra', 'notes.txt'), 'resource "aws_instance" "web" {}\n');
  for (const args of [['.'], ['--format', 'json', '.'], ['-f', 'sarif', 'infra']]) {
    const run = await runCli(args, dir);
    assert.equal(run.code, 2, args.join(' '));
    assert.equal(run.stdout, '', args.join(' '));
    assert.match(run.stderr, /no templates found in (\.|infra)\n/);
    assert.match(run.stderr, LOOKED_FOR);
  }
});

test('a folder where every template is ignored by the config also exits 2', async () => {
  const dir = tempCopy('public-ip.yaml');
  writeFileSync(join(dir, '.exposure-lint.yaml'), 'ignore: ["*.yaml"]\n');
  const run = await runCli(['.'], dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no templates found in \./);
});

test('config typos: unknown rule ID, bad severity and unknown key are each reported at file:line:col, exit 2', async () => {
  const dir = tempCopy('public-ip.yaml');
  writeFileSync(join(dir, '.exposure-lint.yaml'), [
    'rules:',
    '  public-ip-on-backnd: off',
    '  unrestricted-egress: loud',
    'ignor:',
    '  - legacy/**',
    '',
  ].join('\n'));
  const run = await runCli(['public-ip.yaml'], dir);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assertNoStack(run.stderr);
  const config = join(dir, '.exposure-lint.yaml');
  assert.equal(run.stderr, [
    `exposure-lint: ${config}:2:3: unknown rule "public-ip-on-backnd" (did you mean "public-ip-on-backend"?) (see exposure-lint --list-rules)`,
    `${config}:3:24: rules.unrestricted-egress: "loud" is not one of error, warning, info, off`,
    `${config}:4:1: unknown key "ignor" (did you mean "ignore"?) (expected rules, ignore, intended-edges, possible)`,
    '',
  ].join('\n'));
});

test('an unknown rule in a config given with --config is an error too; a valid config still lints', async () => {
  const dir = tempCopy('public-ip.yaml');
  writeFileSync(join(dir, 'ci.yml'), 'rules:\n  no-such-rule: off\n');
  const bad = await runCli(['--config', 'ci.yml', 'public-ip.yaml'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /ci\.yml:2:3: unknown rule "no-such-rule" \(see exposure-lint --list-rules\)/);
  writeFileSync(join(dir, 'ci.yml'), 'rules:\n  public-ip-on-backend: off\n  parse-error: warning\n');
  const good = await runCli(['--config', 'ci.yml', '--format', 'json', 'public-ip.yaml'], dir);
  assert.equal(good.stderr, '');
  assert.ok(!JSON.parse(good.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'public-ip-on-backend'));
});

test('configProblems: spans of each problem, JSON configs, syntax errors, lists of strings', () => {
  const text = 'rules:\n  nope: warn\nintended-edges: Bastion\n';
  assert.deepEqual(configProblems(text).map((p) => [p.message, text.slice(p.span.start, p.span.end)]), [
    ['unknown rule "nope" (see exposure-lint --list-rules)', 'nope'],
    ['intended-edges must be a list of strings', 'Bastion'],
  ]);
  const json = '{"rules": {"public-database": "eror"}}';
  const [bad] = configProblems(json);
  assert.equal(bad.message, 'rules.public-database: "eror" is not one of error, warning, info, off');
  assert.equal(json.slice(bad.span.start, bad.span.end), '"eror"');
  const [syntax] = configProblems('rules: [unclosed\n');
  assert.equal(syntax.syntax, true);
  assert.deepEqual(configProblems(''), []);
  assert.deepEqual(configProblems('rules:\n  public-ip-on-backend: 0\nignore: ["a/**"]\nintendedEdges: [X]\n'), []);
});
