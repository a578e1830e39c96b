// Issue 14 item 14: the diff's change tables show a security group rule as "tcp 8080 from 0.0.0.0/0", never a JSON prefix cut before the CIDR.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, runCli } from './run-cli';

const DIR = join(FIXTURES, 'diff-caused-by');

test('CloudFormation: an added ingress entry reads "SecurityGroupIngress + tcp 8080 from 0.0.0.0/0" and causes the finding', async () => {
  const run = await runCli(['diff', 'old.yaml', 'new.yaml'], DIR);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^ {6}caused by: new ingress on AppSg: tcp 8080 from 0\.0\.0\.0\/0$/m);
  assert.match(run.stdout, /^ {4}\[~\] AWS::EC2::SecurityGroup AppSg: SecurityGroupIngress \+ tcp 8080 from 0\.0\.0\.0\/0$/m);
  assert.doesNotMatch(run.stdout, /…/);
});

test('Terraform: inline ingress and egress blocks read as rules with their CIDRs, egress with "to"', async () => {
  const run = await runCli(['diff', 'tf-old', 'tf-new'], DIR);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /\[~\] aws_security_group aws_security_group\.app: .*; ingress \+ tcp 8080 from 0\.0\.0\.0\/0$/m);
  assert.match(run.stdout, /^ {4}\[\+\] new egress on aws_security_group\.app: all traffic to 0\.0\.0\.0\/0$/m);
  assert.doesNotMatch(run.stdout, /"from_port"|…/);
});

test('diff --format json: the change text carries the CIDR', async () => {
  const run = await runCli(['diff', '--format', 'json', 'old.yaml', 'new.yaml'], DIR);
  const report = JSON.parse(run.stdout) as { changes: { resources: { details?: string[] }[] }[]; introduced: { causes: { change: string }[] }[] };
  const details = report.changes.flatMap((unit) => unit.resources.flatMap((r) => r.details ?? []));
  assert.deepEqual(details, ['SecurityGroupIngress + tcp 8080 from 0.0.0.0/0']);
  assert.deepEqual(report.introduced[0].causes.map((c) => c.change), ['new ingress on AppSg: tcp 8080 from 0.0.0.0/0']);
});
