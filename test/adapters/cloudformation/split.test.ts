// Fn::Split in a list position: over a resource reference, a Join of references or a parameter default it
// gives the groups it names; over anything else one unknown item.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Prop, Workload } from '../../../server/src/model/types';
import { lintText } from '../../../server/src/engine/lint';
import { defaultConfig } from '../../../server/src/engine/types';
import { modelOf } from './helpers';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  GroupList:
    Type: String
    Default: sg-0aaa1111,sg-0bbb2222
  UseB:
    Type: String
    Default: 'no'
Conditions:
  WithB: !Equals [!Ref UseB, 'yes']
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SgA:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          CidrIp: 0.0.0.0/0
  SgB:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: b
      VpcId: !Ref Vpc
  FromGetAtt:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroupIds: !Split [',', !GetAtt SgA.GroupId]
  FromJoin:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroupIds: !Split [',', !Join [',', [!Ref SgA, !GetAtt SgB.GroupId]]]
  FromDefault:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroupIds: !Split [',', !Ref GroupList]
  FromIf:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroupIds: !Split [',', !If [WithB, !GetAtt SgB.GroupId, 'sg-0ccc3333']]
  FromImport:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroupIds: !Split [',', !ImportValue SharedGroups]
`;

function groups(id: string): { value?: string; literal?: string; when?: unknown; at?: string }[][] {
  const { model } = modelOf('split.yaml', TEMPLATE);
  const workload = model.byId.get(id) as Workload;
  return workload.securityGroups.map((p: Prop<string>) => p.alts.map((a) => ({ ...a, at: TEMPLATE.slice(p.loc.span.start, p.loc.span.end) })));
}

test('Split over a GetAtt of a group: that group', () => {
  assert.deepEqual(groups('FromGetAtt'), [[{ value: 'SgA', at: "!Split [',', !GetAtt SgA.GroupId]" }]]);
});

test('Split over a Join of group references on the same delimiter: each group, at its place in the Join', () => {
  assert.deepEqual(groups('FromJoin'), [[{ value: 'SgA', at: '!Ref SgA' }], [{ value: 'SgB', at: '!GetAtt SgB.GroupId' }]]);
});

test('Split over a parameter default: the literal ids', () => {
  assert.deepEqual(groups('FromDefault').map((alts) => alts.map((a) => a.value ?? a.literal)), [['sg-0aaa1111'], ['sg-0bbb2222']]);
});

test('Split over Fn::If: each branch, guarded', () => {
  assert.deepEqual(groups('FromIf').map((alts) => alts.map((a) => [a.value ?? a.literal, a.when])), [
    [['SgB', [{ condition: 'WithB', holds: true }]]],
    [['sg-0ccc3333', [{ condition: 'WithB', holds: false }]]],
  ]);
});

test('Split over an import: one unknown group', () => {
  assert.deepEqual(groups('FromImport').map((alts) => alts.map((a) => a.value ?? a.literal)), [[undefined]]);
});

test('an instance naming its group through Split is judged by it: the open port names the instance', () => {
  const result = lintText('split.yaml', TEMPLATE, defaultConfig());
  const open = result.findings.filter((f) => f.ruleId === 'backend-open-to-internet').map((f) => [f.resource, TEMPLATE.slice(f.loc.span.start, f.loc.span.end), f.message]);
  assert.deepEqual(open, [['SgA', 'CidrIp: 0.0.0.0/0', 'SgA admits tcp 8080 from 0.0.0.0/0: FromGetAtt and FromJoin are reachable without the ALB']]);
});
