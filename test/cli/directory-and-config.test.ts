// Directory mode (skips non-templates, node_modules, dot folders) and .exposure-lint.yaml config files.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCli, tempCopy } from './run-cli';

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  resource: string;
  message: string;
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

test('directory mode lints templates and silently skips docker-compose.yml, package.json, node_modules and dot folders', async () => {
  const dir = tempCopy('docker-compose.yml', 'package.json', 'clean.yaml', 'public-ip.yaml');
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  cpSync(join(FIXTURES, 'broken.yaml'), join(dir, 'node_modules', 'dep', 'broken.yaml'));
  mkdirSync(join(dir, '.git'));
  cpSync(join(FIXTURES, 'broken.yaml'), join(dir, '.git', 'broken.yaml'));
  const run = await runCli(['--format', 'json', '.'], dir);
  assert.equal(run.stderr, '');
  assert.deepEqual(findings(run.stdout).map((f) => `${f.file} ${f.ruleId}`), ['public-ip.yaml backend-in-public-subnet', 'public-ip.yaml public-ip-on-backend']);
  assert.equal(run.code, 1);
});

test('a non-template named explicitly is reported as a warning, not skipped', async () => {
  const dir = tempCopy('docker-compose.yml');
  const run = await runCli(['--format', 'json', 'docker-compose.yml'], dir);
  assert.deepEqual(findings(run.stdout).map((f) => [f.ruleId, f.severity, f.message]), [['parse-error', 'warning', 'docker-compose.yml is not a CloudFormation template (no Resources with AWS:: types); nothing checked']]);
  assert.equal(run.code, 0);
});

test('config severities and off apply, found upward from the working folder', async () => {
  const dir = tempCopy('public-ip.yaml');
  writeFileSync(join(dir, '.exposure-lint.yaml'), 'rules:\n  public-ip-on-backend: warning\n  backend-in-public-subnet: off\n');
  mkdirSync(join(dir, 'sub'));
  const run = await runCli(['--format', 'json', '../public-ip.yaml'], join(dir, 'sub'));
  assert.deepEqual(findings(run.stdout).map((f) => [f.ruleId, f.severity]), [['public-ip-on-backend', 'warning']]);
  assert.equal(run.code, 0);
  // --rule beats the config file.
  const flagged = await runCli(['--format', 'json', '--rule', 'public-ip-on-backend=error', 'public-ip.yaml'], dir);
  assert.deepEqual(findings(flagged.stdout).map((f) => [f.ruleId, f.severity]), [['public-ip-on-backend', 'error']]);
  assert.equal(flagged.code, 1);
});

test('config ignore globs skip files in directory mode', async () => {
  const dir = tempCopy('public-ip.yaml', 'clean.yaml');
  mkdirSync(join(dir, 'generated'));
  cpSync(join(FIXTURES, 'broken.yaml'), join(dir, 'generated', 'broken.yaml'));
  writeFileSync(join(dir, '.exposure-lint.json'), JSON.stringify({ ignore: ['public-*.yaml', 'generated/'] }));
  const run = await runCli(['--format', 'json', '.'], dir);
  assert.deepEqual(findings(run.stdout), []);
  assert.equal(run.code, 0);
});

test('intended-edges in the config make a resource an intended internet edge', async () => {
  const dir = tempCopy('public-ip.yaml');
  writeFileSync(join(dir, 'edges.yml'), 'intended-edges: [Web]\n');
  const run = await runCli(['--format', 'json', '--config', 'edges.yml', 'public-ip.yaml'], dir);
  assert.deepEqual(findings(run.stdout), []);
  assert.equal(run.code, 0);
});

test('an invalid config file is a usage error naming the file and the problem', async () => {
  const dir = tempCopy('clean.yaml');
  writeFileSync(join(dir, '.exposure-lint.yaml'), 'rules:\n  public-ip-on-backend: loud\n');
  const run = await runCli(['clean.yaml'], dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /rules\.public-ip-on-backend: "loud" is not one of error, warning, info, off/);
  writeFileSync(join(dir, '.exposure-lint.yaml'), 'rule: {}\n');
  const typo = await runCli(['clean.yaml'], dir);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown key "rule"/);
});
