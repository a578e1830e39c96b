// backend-in-public-subnet: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixUntilStable } from '../../server/src/engine/apply-fixes';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';

const ID = 'backend-in-public-subnet';

test('backend-in-public-subnet: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "backend-in-public-subnet", resource: "Worker", range: {startLine: 204, startCol: 9, endLine: 206, endCol: 10}, message: "Worker is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Place Worker in private subnet PrivateA"]},
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 235, startCol: 11, endLine: 237, endCol: 12}, message: "Db is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Remove public subnet PublicA from Db (Db then spans fewer Availability Zones)"]},
  ]);
});

test('backend-in-public-subnet: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "backend-in-public-subnet", resource: "Worker", range: {startLine: 109, startCol: 7, endLine: 109, endCol: 29}, message: "Worker is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Place Worker in private subnet PrivateA"]},
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 126, startCol: 11, endLine: 126, endCol: 23}, message: "Db is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Remove public subnet PublicA from Db (Db then spans fewer Availability Zones)"]},
  ]);
});

test('backend-in-public-subnet: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('backend-in-public-subnet: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('backend-in-public-subnet: fix-all moves a two-public-subnet list to distinct private subnets, never one twice, and keeps two zones', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  // A second public subnet, and the DB subnet group spanning both public subnets (one private subnet exists).
  const text = original
    .replace('  PrivateA:\n', '  PublicB:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.3.0/24\n  PublicBAssoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: !Ref PublicB\n      RouteTableId: !Ref PublicRt\n  PrivateA:\n')
    .replace('      SubnetIds:\n        - !Ref PublicA\n        - !Ref PrivateA', '      SubnetIds:\n        - !Ref PublicA\n        - !Ref PublicB');
  assert.notEqual(text, original);
  const lint = (texts: Map<string, string>) => lintSource(path, texts.get(path)!).findings;
  const outcome = fixUntilStable(new Map([[path, text]]), lint);
  const fixed = outcome.changed.get(path)!;
  const groupStart = fixed.indexOf('    Type: AWS::RDS::DBSubnetGroup');
  const after = fixed.slice(fixed.indexOf('SubnetIds:', groupStart)).split('\n').slice(1);
  const end = after.findIndex((line) => !line.trim().startsWith('- '));
  const subnetList = after.slice(0, end).map((line) => line.trim());
  // One private subnet only: PublicB stays (dropping it would leave the DB subnet group one zone), as a suggestion.
  assert.deepEqual(subnetList, ['- !Ref PrivateA', '- !Ref PublicB']);
  const left = lintSource(path, fixed).findings.filter((f) => f.ruleId === ID);
  assert.deepEqual(left.map((f) => [f.resource, f.fixes.map((x) => [x.title, !!x.preferred])]), [['Db', [['Remove public subnet PublicB from Db (Db then spans fewer Availability Zones)', false]]]]);
});
