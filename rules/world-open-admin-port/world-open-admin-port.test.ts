// world-open-admin-port: exact findings on the bad fixtures, none on the good one, the endpoint fixes' text, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/engine/types';
import { applyEdits, assertAllFixesResolve, assertFindings, assertFixResolves, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';

const ID = 'world-open-admin-port';

test('world-open-admin-port: bad.yaml (inline IPv4 and IPv6 SSH, a standalone RDP rule, a port range under a condition)', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "world-open-admin-port", resource: "AdminSg", range: {startLine: 76, startCol: 11, endLine: 76, endCol: 28}, message: "AdminSg admits SSH (tcp 22) from 0.0.0.0/0: AdminHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint", fixes: ["Add an EC2 Instance Connect Endpoint in PrivateA and admit AdminSg from its group instead of 0.0.0.0/0", "Remove the world-open rule from AdminSg (no way in for admins is left)"]},
    {ruleId: "world-open-admin-port", resource: "AdminSg", range: {startLine: 80, startCol: 11, endLine: 80, endCol: 25}, message: "AdminSg admits SSH (tcp 22) from ::/0: AdminHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint", fixes: ["Remove the world-open rule from AdminSg (the same traffic from 0.0.0.0/0 is fixed on its own rule)"]},
    {ruleId: "world-open-admin-port", resource: "WinRdp", range: {startLine: 101, startCol: 7, endLine: 101, endCol: 24}, message: "WinSg admits RDP (tcp 3389) from 0.0.0.0/0: WinHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint", fixes: ["Add an EC2 Instance Connect Endpoint in PrivateA and admit WinSg from its group instead of 0.0.0.0/0", "Remove the world-open rule from WinSg (no way in for admins is left)"]},
    {ruleId: "world-open-admin-port", resource: "ToolsSg", range: {startLine: 119, startCol: 11, endLine: 119, endCol: 58}, message: "ToolsSg admits tcp 0-1024 (SSH included) from 0.0.0.0/0: ToolsHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint when condition OpenAdmin is true", when: [{condition: "OpenAdmin", holds: true}], fixes: ["Add an EC2 Instance Connect Endpoint in PrivateA and admit ToolsSg from its group instead of 0.0.0.0/0 (replaces the peer of its other Fn::If branch too)", "Remove the world-open rule from ToolsSg (also drops the peer of its other Fn::If branch)"]},
  ]);
});

test('world-open-admin-port: bad.json (protocol -1, and a rule the endpoint group already covers)', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "world-open-admin-port", resource: "AdminSg", range: {startLine: 169, startCol: 13, endLine: 169, endCol: 34}, message: "AdminSg admits all traffic (SSH and RDP included) from 0.0.0.0/0: AdminHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint", fixes: ["Admit AdminSg from the Instance Connect Endpoint's group EndpointSg (Endpoint) instead of 0.0.0.0/0", "Remove the world-open rule from AdminSg (the Instance Connect Endpoint loses access too)"]},
    // WinSg already admits 3389 from the endpoint's group: a second such rule would be a duplicate, so removal is the fix.
    {ruleId: "world-open-admin-port", resource: "WinRdp", range: {startLine: 245, startCol: 9, endLine: 245, endCol: 30}, message: "WinSg admits RDP (tcp 3389) from 0.0.0.0/0: WinHost can be administered from anywhere instead of through an EC2 Instance Connect Endpoint", fixes: ["Remove the world-open rule from WinSg"]},
  ]);
});

test('world-open-admin-port: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('world-open-admin-port: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('world-open-admin-port: without an endpoint, the fix adds one and its group in a private subnet of the VPC', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'AdminSg')!;
  const fix = finding.fixes[0];
  assert.match(fix.title, /^Add an EC2 Instance Connect Endpoint/);
  assert.equal(fix.preferred, true);
  const fixed = applyEdits(linted.text, fix.edits);
  const expected = linted.text
    .replace('          ToPort: 22\n          CidrIp: 0.0.0.0/0\n', '          ToPort: 22\n          SourceSecurityGroupId: !GetAtt InstanceConnectEndpointSg.GroupId\n')
    .replace(/\n$/, '\n' + [
      '  InstanceConnectEndpointSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: EC2 Instance Connect Endpoint',
      '      VpcId: !Ref Vpc',
      '      SecurityGroupEgress:',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '          CidrIp: !GetAtt Vpc.CidrBlock',
      '  InstanceConnectEndpoint:',
      '    Type: AWS::EC2::InstanceConnectEndpoint',
      '    Properties:',
      '      SubnetId: !Ref PrivateA',
      '      SecurityGroupIds:',
      '        - !GetAtt InstanceConnectEndpointSg.GroupId',
      '',
    ].join('\n'));
  assert.equal(fixed, expected);
  // Re-linted: the endpoint is in the model, and the other rules now point at it.
  const after = assertFixResolves(linted, finding, fix);
  const win = after.findings.find((f) => f.ruleId === ID && f.resource === 'WinRdp')!;
  assert.deepEqual(win.fixes.map((f) => f.title), ["Admit WinSg from the Instance Connect Endpoint's group InstanceConnectEndpointSg (InstanceConnectEndpoint) instead of 0.0.0.0/0", 'Remove the world-open rule from WinSg (the Instance Connect Endpoint loses access too)']);
});

test('world-open-admin-port: with an endpoint, the fix points the rule at its group (JSON)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.json'));
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'AdminSg')!;
  const fixed = applyEdits(linted.text, finding.fixes[0].edits);
  assert.equal(fixed, linted.text.replace('"IpProtocol": "-1",\n            "CidrIp": "0.0.0.0/0"', '"IpProtocol": "-1",\n            "SourceSecurityGroupId": {\n              "Fn::GetAtt": [\n                "EndpointSg",\n                "GroupId"\n              ]\n            }'));
  assert.notEqual(fixed, linted.text);
});

test('world-open-admin-port: a disable-next-line comment, a standalone rule\'s Metadata and the config silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8')
    .replace('  AdminSg:\n', '  # exposure-lint-disable-next-line world-open-admin-port -- lab host, torn down nightly\n  AdminSg:\n')
    .replace('  WinRdp:\n    Type: AWS::EC2::SecurityGroupIngress\n', '  WinRdp:\n    Type: AWS::EC2::SecurityGroupIngress\n    Metadata:\n      exposure-lint:\n        suppress:\n          world-open-admin-port: "vendor support window"\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['ToolsSg']);
  // A comment above one rule's source line silences that rule only.
  const line = readFileSync(path, 'utf8').replace('          CidrIpv6: ::/0\n  AdminHost:', '          # exposure-lint-disable-next-line world-open-admin-port -- IPv6 rule goes with the next change\n          CidrIpv6: ::/0\n  AdminHost:');
  assert.deepEqual(lintSource(path, line).findings.filter((f) => f.ruleId === ID).map((f) => f.message.split(':')[0]), ['AdminSg admits SSH (tcp 22) from 0.0.0.0/0', 'WinSg admits RDP (tcp 3389) from 0.0.0.0/0', 'ToolsSg admits tcp 0-1024 (SSH included) from 0.0.0.0/0']);
  const off = lintSource(path, readFileSync(path, 'utf8'), { ...defaultConfig(), rules: { [ID]: 'off' } });
  assert.deepEqual(off.findings.filter((f) => f.ruleId === ID), []);
});

test('world-open-admin-port: only members that run code are judged; a group nothing uses yet is still reported', () => {
  const linted = lintFile(fixturePath(ID, 'members.yaml'));
  // LbSg (an internet-facing load balancer alone, all traffic) and FunctionSg (a Lambda function alone) open no admin port.
  assertFindings(linted, ID, [
    {ruleId: "world-open-admin-port", resource: "SharedSg", range: {startLine: 77, startCol: 11, endLine: 77, endCol: 28}, message: "SharedSg admits SSH (tcp 22) from 0.0.0.0/0: Server can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
    {ruleId: "world-open-admin-port", resource: "UnusedSg", range: {startLine: 102, startCol: 11, endLine: 102, endCol: 28}, message: "UnusedSg admits SSH (tcp 22) from 0.0.0.0/0: anything in UnusedSg can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
  ]);
  // Nor does the general rule take them over: a load balancer's or a function's group is no backend's.
  assertNoFindings(linted, 'backend-open-to-internet');
});
