// instance-connect-endpoint-missing-access: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertAllFixesResolve, assertFindings, assertFixResolves, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';
import { assertAllTerraformFixesResolve, lintTerraformFile } from '../../test/helpers/terraform-rule-harness';

const ID = 'instance-connect-endpoint-missing-access';
const EGRESS = 'EiceSg, the group of EC2 Instance Connect Endpoint Eice, allows no egress on SSH (tcp 22) or RDP (tcp 3389): the endpoint cannot open a session to any instance, which invites opening admin ports to the world';
const APP = 'AppSg admits no SSH (tcp 22) or RDP (tcp 3389) from EC2 Instance Connect Endpoint Eice (group EiceSg): AppServer and WorkerAsg cannot be administered the intended way, which invites opening admin ports to the world';
const OFFICE = 'OfficeSshSg admits no SSH (tcp 22) or RDP (tcp 3389) from EC2 Instance Connect Endpoint Eice (group EiceSg): ReportHost cannot be administered the intended way, which invites opening admin ports to the world';
const FIXES = {
  egress: ['Allow EiceSg SSH egress to the VPC (adds tcp 22 egress to EiceSg)'],
  app: ["Admit SSH to AppSg from the Instance Connect Endpoint's group EiceSg (opens tcp 22 on AppSg)"],
  office: ["Admit SSH to OfficeSshSg from the Instance Connect Endpoint's group EiceSg (opens tcp 22 on OfficeSshSg)"],
};

test('instance-connect-endpoint-missing-access: bad.yaml', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: ID, resource: 'EiceSg', range: {startLine: 71, startCol: 7, endLine: 75, endCol: 28}, message: EGRESS, fixes: FIXES.egress},
    {ruleId: ID, resource: 'AppSg', range: {startLine: 97, startCol: 7, endLine: 101, endCol: 44}, message: APP, fixes: FIXES.app},
    {ruleId: ID, resource: 'OfficeSshSg', range: {startLine: 113, startCol: 7, endLine: 117, endCol: 34}, message: OFFICE, fixes: FIXES.office},
  ]);
  assert.deepEqual(found.map((f) => [f.message, f.severity]), [[EGRESS, 'warning'], [APP, 'warning'], [OFFICE, 'warning']]);
});

test('instance-connect-endpoint-missing-access: bad.json', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: ID, resource: 'EiceSg', range: {startLine: 98, startCol: 9, endLine: 105, endCol: 10}, message: EGRESS, fixes: FIXES.egress},
    {ruleId: ID, resource: 'AppSg', range: {startLine: 137, startCol: 9, endLine: 144, endCol: 10}, message: APP, fixes: FIXES.app},
    {ruleId: ID, resource: 'OfficeSshSg', range: {startLine: 160, startCol: 9, endLine: 167, endCol: 10}, message: OFFICE, fixes: FIXES.office},
  ]);
  assert.deepEqual(found.map((f) => f.message), [EGRESS, APP, OFFICE]);
});

test('instance-connect-endpoint-missing-access: good.yaml (group source, VPC range, RDP, a function) has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')));
});

test('instance-connect-endpoint-missing-access: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('instance-connect-endpoint-missing-access: the fixes add standalone rules (no dependency cycle between the groups)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const [egress, app] = linted.findings.filter((f) => f.ruleId === ID);
  const afterEgress = assertFixResolves(linted, egress, egress.fixes[0]);
  assert.ok(afterEgress.text.endsWith([
    '  EiceSgSshEgress:',
    '    Type: AWS::EC2::SecurityGroupEgress',
    '    Properties:',
    '      GroupId: !GetAtt EiceSg.GroupId',
    '      IpProtocol: tcp',
    '      FromPort: 22',
    '      ToPort: 22',
    '      CidrIp: !GetAtt Vpc.CidrBlock',
    '      Description: SSH from the Instance Connect Endpoint to the VPC',
    '',
  ].join('\n')), afterEgress.text);
  const afterApp = assertFixResolves(linted, app, app.fixes[0]);
  assert.ok(afterApp.text.endsWith([
    '  AppSgSshFromInstanceConnect:',
    '    Type: AWS::EC2::SecurityGroupIngress',
    '    Properties:',
    '      GroupId: !GetAtt AppSg.GroupId',
    '      IpProtocol: tcp',
    '      FromPort: 22',
    '      ToPort: 22',
    '      SourceSecurityGroupId: !GetAtt EiceSg.GroupId',
    '      Description: SSH from the EC2 Instance Connect Endpoint',
    '',
  ].join('\n')), afterApp.text);
  assert.equal(afterApp.text.slice(0, linted.text.length), linted.text);
});

test('instance-connect-endpoint-missing-access: no endpoint, or an endpoint group that cannot be read, is never a finding', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const noEndpoint = original.replace('  Eice:\n    Type: AWS::EC2::InstanceConnectEndpoint\n    Properties:\n      SubnetId: !Ref PrivateA\n      SecurityGroupIds: [!Ref EiceSg]\n', '');
  assert.notEqual(noEndpoint, original);
  assertNoFindings(lintSource(path, noEndpoint), ID);
  const literalGroup = original.replace('      SecurityGroupIds: [!Ref EiceSg]\n', '      SecurityGroupIds: [sg-0123456789abcdef0]\n');
  assert.notEqual(literalGroup, original);
  assertNoFindings(lintSource(path, literalGroup), ID);
});

test('instance-connect-endpoint-missing-access: SSH from a range holding the VPC, or from the world, counts as reachable', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const vpcRange = original.replace('          CidrIp: 198.51.100.0/24\n', '          CidrIp: 10.0.0.0/8\n');
  assert.deepEqual(lintSource(path, vpcRange).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['EiceSg', 'AppSg']);
  // World-open SSH is world-open-admin-port's finding, not this rule's.
  const world = original.replace('          CidrIp: 198.51.100.0/24\n', '          CidrIp: 0.0.0.0/0\n');
  const linted = lintSource(path, world);
  assert.deepEqual(linted.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['EiceSg', 'AppSg']);
});

test('instance-connect-endpoint-missing-access: a suppression comment and Metadata silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const commented = original.replace('  OfficeSshSg:\n', '  # exposure-lint-disable-next-line instance-connect-endpoint-missing-access -- reports host uses SSM\n  OfficeSshSg:\n');
  assert.notEqual(commented, original);
  assert.deepEqual(lintSource(path, commented).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['EiceSg', 'AppSg']);
  // The finding sits on the ingress list: a comment right above the list silences it too.
  const onList = original.replace('      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n', '      # exposure-lint-disable-next-line instance-connect-endpoint-missing-access -- reports host uses SSM\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n');
  assert.notEqual(onList, original);
  assert.deepEqual(lintSource(path, onList).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['EiceSg', 'AppSg']);
  const metadata = original.replace('  AppSg:\n    Type: AWS::EC2::SecurityGroup\n', '  AppSg:\n    Type: AWS::EC2::SecurityGroup\n    Metadata:\n      exposure-lint:\n        suppress:\n          instance-connect-endpoint-missing-access: immutable hosts, no SSH\n');
  assert.deepEqual(lintSource(path, metadata).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['EiceSg', 'OfficeSshSg']);
});

test('instance-connect-endpoint-missing-access: bad.tf.json (Terraform) and its fixes', () => {
  const linted = lintTerraformFile(fixturePath(ID, 'bad.tf.json'));
  assertFindings(linted, ID, [
    {ruleId: ID, resource: 'aws_security_group.eice', range: {startLine: 13, startCol: 9, endLine: 13, endCol: 106}, message: 'aws_security_group.eice, the group of EC2 Instance Connect Endpoint aws_ec2_instance_connect_endpoint.admin, allows no egress on SSH (tcp 22) or RDP (tcp 3389): the endpoint cannot open a session to any instance, which invites opening admin ports to the world', fixes: ['Allow aws_security_group.eice SSH egress to the VPC (adds tcp 22 egress to aws_security_group.eice)']},
    {ruleId: ID, resource: 'aws_security_group.app', range: {startLine: 15, startCol: 7, endLine: 15, endCol: 12}, message: 'aws_security_group.app admits no SSH (tcp 22) or RDP (tcp 3389) from EC2 Instance Connect Endpoint aws_ec2_instance_connect_endpoint.admin (group aws_security_group.eice): aws_instance.app cannot be administered the intended way, which invites opening admin ports to the world', fixes: ["Admit SSH to aws_security_group.app from the Instance Connect Endpoint's group aws_security_group.eice (opens tcp 22 on aws_security_group.app)"]},
  ]);
  assertAllTerraformFixesResolve(linted, ID);
});
