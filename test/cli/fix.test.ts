// --fix rewrites a temp copy of the template; a second run no longer reports what was fixed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureText, runCli, tempCopy } from './run-cli';

test('--fix turns the public IP off and the next run is clean of that finding', async () => {
  const dir = tempCopy('public-ip.yaml');
  const file = join(dir, 'public-ip.yaml');
  const first = await runCli(['--fix', '--format', 'json', file]);
  const after = readFileSync(file, 'utf8');
  assert.equal(after, fixtureText('public-ip.yaml').replace('AssociatePublicIpAddress: true', 'AssociatePublicIpAddress: false'));
  // What --fix reports is what remains after fixing.
  const remaining = (JSON.parse(first.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
  assert.deepEqual(remaining, ['backend-in-public-subnet']);
  assert.equal(first.code, 0);

  const second = await runCli(['--format', 'json', file]);
  assert.deepEqual((JSON.parse(second.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId), ['backend-in-public-subnet']);
  assert.equal(second.code, 0);
});

test('--fix leaves files without fixable findings untouched, and says what it fixed', async () => {
  const dir = tempCopy('clean.yaml', 'public-ip.yaml');
  const run = await runCli(['--fix', dir]);
  assert.equal(readFileSync(join(dir, 'clean.yaml'), 'utf8'), fixtureText('clean.yaml'));
  assert.match(run.stdout, /Fixed 1 finding in 1 file\./);
});
