// backend-open-to-internet: exact findings on the bad fixtures, none on the good one, the ALB-group fix's text, edges and overlaps, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/engine/types';
import { applyEdits, assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';

const ID = 'backend-open-to-internet';

test('backend-open-to-internet: bad.yaml (fleet behind the ALB, standalone IPv6 range, a condition; edges and the database port left alone)', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "backend-open-to-internet", resource: "AppSg", range: {startLine: 115, startCol: 11, endLine: 115, endCol: 28}, message: "AppSg admits tcp 8080 from 0.0.0.0/0: AppServers sit in private subnets with no public IP, so only Alb reaches them from the internet: admit the load balancer's group instead of the world", fixes: ["Admit AppSg only from Alb's group AlbSg instead of 0.0.0.0/0","Remove the world-open rule from AppSg (the load balancer in front of AppServers loses access too)"]},
    {ruleId: "backend-open-to-internet", resource: "WorkerOpen", range: {startLine: 148, startCol: 7, endLine: 148, endCol: 21}, message: "WorkerSg admits tcp 9000-9100 from ::/0: Worker sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it", fixes: ["Remove the world-open rule from WorkerSg"]},
    {ruleId: "backend-open-to-internet", resource: "ApiSg", range: {startLine: 166, startCol: 11, endLine: 166, endCol: 55}, message: "ApiSg admits tcp 8081 from 0.0.0.0/0: ApiHost sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it when condition Expose is true", when: [{condition: "Expose", holds: true}], fixes: ["Remove the world-open rule from ApiSg (also drops the peer of its other Fn::If branch)"]},
  ]);
});

test('backend-open-to-internet: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "backend-open-to-internet", resource: "AppSg", range: {startLine: 220, startCol: 13, endLine: 220, endCol: 34}, message: "AppSg admits tcp 8080 from 0.0.0.0/0: AppServers sit in private subnets with no public IP, so only Alb reaches them from the internet: admit the load balancer's group instead of the world", fixes: ["Admit AppSg only from Alb's group AlbSg instead of 0.0.0.0/0","Remove the world-open rule from AppSg (the load balancer in front of AppServers loses access too)"]},
    {ruleId: "backend-open-to-internet", resource: "WorkerOpen", range: {startLine: 285, startCol: 9, endLine: 285, endCol: 27}, message: "WorkerSg admits tcp 9000-9100 from ::/0: Worker sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it", fixes: ["Remove the world-open rule from WorkerSg"]},
    {ruleId: "backend-open-to-internet", resource: "ApiSg", range: {startLine: 315, startCol: 13, endLine: 321, endCol: 14}, message: "ApiSg admits tcp 8081 from 0.0.0.0/0: ApiHost sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it when condition Expose is true", when: [{condition: "Expose", holds: true}], fixes: ["Remove the world-open rule from ApiSg (also drops the peer of its other Fn::If branch)"]},
  ]);
});

test('backend-open-to-internet: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('backend-open-to-internet: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test("backend-open-to-internet: the preferred fix admits the ALB's group in place of the CIDR", () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'AppSg')!;
  assert.equal(finding.fixes[0].preferred, true);
  const fixed = applyEdits(linted.text, finding.fixes[0].edits);
  assert.equal(fixed, linted.text.replace('          ToPort: 8080\n          CidrIp: 0.0.0.0/0\n', '          ToPort: 8080\n          SourceSecurityGroupId: !GetAtt AlbSg.GroupId\n'));
  const json = lintFile(fixturePath(ID, 'bad.json'));
  const jsonFix = json.findings.find((f) => f.ruleId === ID && f.resource === 'AppSg')!.fixes[0];
  assert.equal(applyEdits(json.text, jsonFix.edits), json.text.replace('"ToPort": 8080,\n            "CidrIp": "0.0.0.0/0"', '"ToPort": 8080,\n            "SourceSecurityGroupId": {\n              "Fn::GetAtt": [\n                "AlbSg",\n                "GroupId"\n              ]\n            }'));
});

test('backend-open-to-internet: a database port is left to public-database unless that rule is off', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const linted = lintFile(path, { ...defaultConfig(), rules: { 'public-database': 'off' } });
  const db = linted.findings.filter((f) => f.ruleId === ID && f.resource === 'DbSg');
  assert.deepEqual(db.map((f) => f.message), ['DbSg admits tcp 5432 from 0.0.0.0/0: Db sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it']);
  assert.deepEqual(lintFile(path).findings.filter((f) => f.ruleId === 'public-database' && f.resource === 'DbSg').map((f) => f.message), ['DbSg admits tcp 5432 from 0.0.0.0/0: the database port 5432 of Db is open to anything that reaches the VPC (Db is not publicly accessible and sits in private subnets, so not to the internet today)']);
});

test('backend-open-to-internet: an admin port is left to world-open-admin-port unless that rule is off', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace('      FromPort: 9000\n      ToPort: 9100\n', '      FromPort: 22\n      ToPort: 22\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID && f.resource === 'WorkerOpen'), []);
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === 'world-open-admin-port').map((f) => f.resource), ['WorkerOpen']);
  const off = lintSource(path, text, { ...defaultConfig(), rules: { 'world-open-admin-port': 'off' } });
  assert.deepEqual(off.findings.filter((f) => f.ruleId === ID && f.resource === 'WorkerOpen').map((f) => f.message), ['WorkerSg admits tcp 22 from ::/0: Worker sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it']);
});

test('backend-open-to-internet: the ALB group opening more than 80/443 is reported when a backend shares it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  // AppServers use the ALB's group too: its 443 is still the intended edge, its 8080 rule is not.
  const text = readFileSync(path, 'utf8').replace('          - !Ref AppSg\n  AppServers:', '          - !Ref AppSg\n          - !Ref AlbSg\n  AppServers:');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg', 'WorkerOpen', 'ApiSg']);
  const wide = text.replace('          FromPort: 80\n          ToPort: 80\n', '          FromPort: 80\n          ToPort: 3000\n');
  assert.deepEqual(lintSource(path, wide).findings.filter((f) => f.ruleId === ID).map((f) => f.message).slice(0, 1), ["AlbSg admits tcp 80-3000 from ::/0: AppServers sit in private subnets with no public IP, so only Alb reaches them from the internet: admit the load balancer's group instead of the world"]);
});

test('backend-open-to-internet: ICMP from the world reaches no service and is not reported', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace('      IpProtocol: tcp\n      FromPort: 9000\n      ToPort: 9100\n', '      IpProtocol: icmpv6\n      FromPort: -1\n      ToPort: -1\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg', 'ApiSg']);
});

test('backend-open-to-internet: a group used only by Lambda functions opens nothing (functions accept no connections)', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace(
    '  Worker:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      InstanceType: t3.micro\n      SubnetId: !Ref PrivateA\n      SecurityGroupIds:\n        - !Ref WorkerSg\n',
    '  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: arn:aws:iam::111122223333:role/worker\n      Code:\n        ZipFile: "def handler(event, context): return None"\n      VpcConfig:\n        SubnetIds:\n          - !Ref PrivateA\n        SecurityGroupIds:\n          - !Ref WorkerSg\n',
  );
  assert.notEqual(text, readFileSync(path, 'utf8'));
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg', 'ApiSg']);
});

test('backend-open-to-internet: intended edges (config) and a disable-next-line comment silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const edge = lintFile(path, { ...defaultConfig(), intendedEdges: ['AppServers'] });
  assert.deepEqual(edge.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['WorkerOpen', 'ApiSg']);
  // On the rule's source line, and in a standalone rule resource's Metadata.
  const text = readFileSync(path, 'utf8')
    .replace('      CidrIpv6: ::/0\n  Worker:', '      # exposure-lint-disable-next-line backend-open-to-internet -- webhook receiver, signed requests\n      CidrIpv6: ::/0\n  Worker:')
    .replace('          ToPort: 8081\n', '          ToPort: 8081\n          # exposure-lint-disable-next-line backend-open-to-internet -- demo account\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg']);
  const metadata = readFileSync(path, 'utf8').replace('  WorkerOpen:\n    Type: AWS::EC2::SecurityGroupIngress\n', '  WorkerOpen:\n    Type: AWS::EC2::SecurityGroupIngress\n    Metadata:\n      exposure-lint:\n        suppress: [backend-open-to-internet]\n');
  assert.deepEqual(lintSource(path, metadata).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AppSg', 'ApiSg']);
});
