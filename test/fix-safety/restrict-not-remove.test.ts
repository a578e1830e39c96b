// The preferred fixes the issue names: a world-open database port is restricted to its users' groups, zones are kept,
// outbound internet is kept, and the checker itself catches a fix that breaks any of it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseFix, applyEdits, fixUntilStable } from '../../server/src/engine/apply-fixes';
import { defaultConfig, Finding } from '../../server/src/engine/types';
import { lintText } from '../../server/src/engine/lint';
import { projectRoot } from '../helpers/rule-harness';
import { VPC_IGW_PUBLIC_A, IGW_ATTACHMENT, PUBLIC_ROUTE_TABLE, PUBLIC_A_ASSOC } from '../helpers/cfn-templates';
import { checkTemplate } from './check';
import { compare } from './invariants';
import { stateOf } from './state';

const PATH = '/virtual/app.yaml';

/** A VPC with a public subnet, a private one behind a working NAT, an app server and a database open to the world on 5432. */
export function template(appRefersToDb: boolean, extraDbIngress = ''): string {
  const userData = appRefersToDb ? `\n      UserData: !Base64 { "Fn::Sub": "DB_HOST=\${Db.Endpoint.Address}" }` : '';
  return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
${VPC_IGW_PUBLIC_A}${IGW_ATTACHMENT}${PUBLIC_ROUTE_TABLE}${PUBLIC_A_ASSOC}  PrivateA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.10.0/24
  PrivateB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.11.0/24
  PrivateRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivateDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRt
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  PrivateAAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateA
      RouteTableId: !Ref PrivateRt
  PrivateBAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateB
      RouteTableId: !Ref PrivateRt
  NatEip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicA
      AllocationId: !GetAtt NatEip.AllocationId
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: App
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 10.0.0.0/16
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateA
      SecurityGroupIds: [!Ref AppSg]${userData}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Database
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 0.0.0.0/0${extraDbIngress}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: Private
      SubnetIds: [!Ref PrivateA, !Ref PrivateB]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: "20"
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt DbSg.GroupId]
`;
}

function dbFinding(text: string): Finding {
  const found = lintText(PATH, text).findings.filter((f) => f.ruleId === 'public-database');
  assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
  return found[0];
}

test('public-database: a world-open port of a database the app refers to is restricted to the app\'s group, in place', () => {
  const text = template(true);
  const finding = dbFinding(text);
  const fix = chooseFix(finding)!;
  assert.equal(fix.title, 'Admit DbSg only from the group of App (AppSg) instead of 0.0.0.0/0');
  const fixed = applyEdits(text, fix.edits);
  assert.equal(fixed, text.replace('          CidrIp: 0.0.0.0/0\n  DbSubnets', '          SourceSecurityGroupId: !GetAtt AppSg.GroupId\n  DbSubnets'));
  assert.deepEqual(lintText(PATH, fixed).findings.filter((f) => f.ruleId === 'public-database'), []);
  assert.deepEqual(finding.fixes.map((f) => !!f.preferred), [true, false]);
  // The checker agrees: App keeps tcp 5432 to Db, nothing is widened, nothing new is reported.
  const report = checkTemplate('restrict', 'cloudformation', new Map([[PATH, text]]));
  assert.deepEqual(report.violations, []);
  assert.equal(report.checked.get('public-database'), 1);
});

test('public-database: when nothing says who uses the database, no fix is preferred and the suggestion says what to fill in', () => {
  const finding = dbFinding(template(false));
  assert.equal(chooseFix(finding), undefined);
  assert.deepEqual(finding.fixes.map((f) => [f.title, !!f.preferred]), [
    ['Remove the world-open rule from DbSg (the template does not say which backends use Db: admit their groups with SourceSecurityGroupId first, or they lose access)', false],
  ]);
});

test('public-database: with the app\'s group admitted by another rule, removing the world rule is preferred', () => {
  const extra = '\n        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          SourceSecurityGroupId: !Ref AppSg';
  const finding = dbFinding(template(true, extra));
  assert.deepEqual(finding.fixes.map((f) => [f.title, !!f.preferred]), [['Remove the world-open rule from DbSg (AppSg is admitted by other rules)', true]]);
});

test('the checker catches what the issue reported: removing the rule cuts the app off from its database', () => {
  const text = template(true);
  const finding = dbFinding(text);
  const removal = finding.fixes.find((f) => f.title.startsWith('Remove'))!;
  assert.equal(removal.title, 'Remove the world-open rule from DbSg (the backends that use Db lose access too)');
  const fixed = applyEdits(text, removal.edits);
  const violations = compare(stateOf('cloudformation', new Map([[PATH, text]]), defaultConfig()), stateOf('cloudformation', new Map([[PATH, fixed]]), defaultConfig()));
  assert.deepEqual(violations.map((v) => [v.invariant, v.detail]), [['connectivity', 'lost App>Db tcp/5432']]);
  assert.ok(finding);
});

test('the checker catches a widened group and a lost zone', () => {
  const text = template(true);
  const before = stateOf('cloudformation', new Map([[PATH, text]]), defaultConfig());
  const ssh = text.replace('      SecurityGroupEgress:\n', '      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/16 }\n      SecurityGroupEgress:\n');
  assert.deepEqual(compare(before, stateOf('cloudformation', new Map([[PATH, ssh]]), defaultConfig())).map((v) => v.invariant), ['widened']);
  const oneZone = text.replace('SubnetIds: [!Ref PrivateA, !Ref PrivateB]', 'SubnetIds: [!Ref PrivateA]');
  assert.deepEqual(compare(before, stateOf('cloudformation', new Map([[PATH, oneZone]]), defaultConfig())).map((v) => v.detail), ['Db (db) now spans 1 zone(s), had 2']);
});

test('examples/: --fix keeps the DB subnet group and the Auto Scaling group in two zones, DbSg\'s rule, and opens no SSH on AppSg', () => {
  const path = join(projectRoot(), 'examples', 'exposed-web-app.yaml');
  const text = readFileSync(path, 'utf8');
  const outcome = fixUntilStable(new Map([[path, text]]), (texts) => lintText(path, texts.get(path)!).findings);
  const fixed = outcome.changed.get(path)!;
  assert.match(fixed, /SubnetIds: \[!Ref PrivateA, !Ref PublicB\]/);
  assert.match(fixed, /VPCZoneIdentifier: \[!Ref PrivateA, !Ref PublicB\]/);
  assert.match(fixed, /FromPort: 3306\n {10}ToPort: 3306\n {10}CidrIp: 0\.0\.0\.0\/0/);
  assert.doesNotMatch(fixed, /SshFromInstanceConnect|SecurityGroupIngress: \[\]/);
  assert.deepEqual(checkTemplate('examples', 'cloudformation', new Map([[path, text]])).violations, []);
});
