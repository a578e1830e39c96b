// unrestricted-egress: exact findings on the bad fixtures (CloudFormation's default egress included), none on the good one, Terraform's different default, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { defaultConfig } from '../../server/src/engine/types';
import { applyEdits, assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource, rangeOf } from '../../test/helpers/rule-harness';

const ID = 'unrestricted-egress';

test('unrestricted-egress: bad.yaml (default egress, protocol -1 through a launch template, a standalone all-ports rule under a condition)', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "unrestricted-egress", resource: "AppSg", range: {startLine: 84, startCol: 3, endLine: 84, endCol: 8}, message: "AppSg has no SecurityGroupEgress, so AWS's default allows all traffic to 0.0.0.0/0: AppServer can connect anywhere on any port (the reverse-shell and exfiltration path)", fixes: ["Limit AppSg's egress to tcp 443"]},
    {ruleId: "unrestricted-egress", resource: "WorkerSg", range: {startLine: 109, startCol: 11, endLine: 109, endCol: 28}, message: "WorkerSg allows all traffic to 0.0.0.0/0: Workers can connect anywhere on any port (the reverse-shell and exfiltration path)", fixes: ["Limit WorkerSg's egress to tcp 443"]},
    {ruleId: "unrestricted-egress", resource: "BatchOut", range: {startLine: 145, startCol: 7, endLine: 145, endCol: 48}, message: "BatchSg allows tcp (all ports) to ::/0: BatchHost can connect anywhere on any port (the reverse-shell and exfiltration path) when condition OpenBatch is true", when: [{condition: "OpenBatch", holds: true}], fixes: ["Limit BatchSg's egress to tcp 443"]},
  ]);
});

test('unrestricted-egress: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "unrestricted-egress", resource: "AppSg", range: {startLine: 168, startCol: 5, endLine: 168, endCol: 12}, message: "AppSg has no SecurityGroupEgress, so AWS's default allows all traffic to 0.0.0.0/0: AppServer can connect anywhere on any port (the reverse-shell and exfiltration path)", fixes: ["Limit AppSg's egress to tcp 443"]},
    {ruleId: "unrestricted-egress", resource: "WorkerSg", range: {startLine: 215, startCol: 13, endLine: 215, endCol: 34}, message: "WorkerSg allows all traffic to 0.0.0.0/0: Workers can connect anywhere on any port (the reverse-shell and exfiltration path)", fixes: ["Limit WorkerSg's egress to tcp 443"]},
    {ruleId: "unrestricted-egress", resource: "BatchOut", range: {startLine: 283, startCol: 9, endLine: 289, endCol: 10}, message: "BatchSg allows tcp (all ports) to ::/0: BatchHost can connect anywhere on any port (the reverse-shell and exfiltration path) when condition OpenBatch is true", when: [{condition: "OpenBatch", holds: true}], fixes: ["Limit BatchSg's egress to tcp 443"]},
  ]);
});

test('unrestricted-egress: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('unrestricted-egress: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('unrestricted-egress: the fixes write tcp 443 (a new egress list, a rewritten protocol -1 rule, narrowed ports)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const fix = (resource: string) => {
    const found = linted.findings.find((f) => f.ruleId === ID && f.resource === resource)!.fixes[0];
    assert.notEqual(found.preferred, true, 'limiting egress may break the backend: never applied by fix-all');
    return applyEdits(linted.text, found.edits);
  };
  assert.equal(fix('AppSg'), linted.text.replace('          SourceSecurityGroupId: !GetAtt AlbSg.GroupId\n  AppServer:', '          SourceSecurityGroupId: !GetAtt AlbSg.GroupId\n      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n  AppServer:'));
  assert.equal(fix('WorkerSg'), linted.text.replace("        - IpProtocol: '-1'\n          CidrIp: 0.0.0.0/0\n", '        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n'));
  assert.equal(fix('BatchOut'), linted.text.replace('      FromPort: 0\n      ToPort: 65535\n', '      FromPort: 443\n      ToPort: 443\n'));
});

test('unrestricted-egress: when tcp 443 is already allowed to the same peer, the fix removes the rule instead of duplicating it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace("      SecurityGroupEgress:\n        - IpProtocol: '-1'\n", "      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: '-1'\n");
  const linted = lintSource(path, text);
  const worker = linted.findings.find((f) => f.ruleId === ID && f.resource === 'WorkerSg')!;
  assert.deepEqual(worker.fixes.map((f) => f.title), ["Limit WorkerSg's egress to tcp 443 (remove this rule: tcp 443 to 0.0.0.0/0 is already allowed)"]);
  assert.equal(applyEdits(text, worker.fixes[0].edits), text.replace("        - IpProtocol: '-1'\n          CidrIp: 0.0.0.0/0\n", ''));
  assertAllFixesResolve(linted, ID);
});

test('unrestricted-egress: Terraform drops the default egress, so a group without egress blocks is not reported', () => {
  const path = fixturePath(ID, 'terraform-egress.tf.json');
  const text = readFileSync(path, 'utf8');
  const findings = lintTerraformFiles([{ path, text }]).findings.filter((f) => f.ruleId === ID);
  assert.deepEqual(findings.map((f) => [f.resource, f.message, rangeOf(text, f)]), [
    ['aws_security_group.worker', "aws_security_group.worker allows all traffic to 0.0.0.0/0: aws_instance.worker can connect anywhere on any port (the reverse-shell and exfiltration path)", {startLine: 23, startCol: 29, endLine: 23, endCol: 40}],
  ]);
  // The fix rewrites the block's protocol and ports; re-linted, the finding is gone and nothing new appears.
  const fixed = applyEdits(text, findings[0].fixes[0].edits);
  assert.equal(fixed, text.replace('"protocol": "-1",\n            "from_port": 0,\n            "to_port": 0,', '"protocol": "tcp",\n            "from_port": 443,\n            "to_port": 443,'));
  const before = lintTerraformFiles([{ path, text }]).findings.map((f) => `${f.ruleId}|${f.resource}|${f.message}`);
  const after = lintTerraformFiles([{ path, text: fixed }]).findings.map((f) => `${f.ruleId}|${f.resource}|${f.message}`);
  assert.deepEqual(after, before.filter((key) => !key.startsWith(`${ID}|`)));
});

test('unrestricted-egress: groups of edges and databases are not judged; intended edges and Metadata silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  // AlbSg and DbSg keep AWS's default egress in bad.yaml without a finding (see the exact lists above).
  const edge = lintFile(path, { ...defaultConfig(), intendedEdges: ['AppServer'] });
  assert.deepEqual(edge.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['WorkerSg', 'BatchOut']);
  const text = readFileSync(path, 'utf8').replace('  BatchOut:\n    Type: AWS::EC2::SecurityGroupEgress\n', '  BatchOut:\n    Type: AWS::EC2::SecurityGroupEgress\n    Metadata:\n      exposure-lint:\n        suppress:\n          unrestricted-egress: "batch pulls from many partner endpoints"\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg', 'WorkerSg']);
});
