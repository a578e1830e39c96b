// A resource's own Condition: its findings name the condition, and findings that need it false vanish.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';

const TEMPLATE = `Conditions:
  IsLab: !Equals [!Ref AWS::AccountId, '111111111111']
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  LabSg:
    Type: AWS::EC2::SecurityGroup
    Condition: IsLab
    Properties:
      GroupDescription: lab
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: SOURCE
`;

function findings(source: string) {
  return lintText('t.yaml', TEMPLATE.replace('SOURCE', source)).findings.filter((f) => f.ruleId === 'world-open-admin-port');
}

test("a finding on a resource with a Condition says when it holds", () => {
  const [finding, ...rest] = findings('0.0.0.0/0');
  assert.deepEqual(rest, []);
  assert.equal(finding.resource, 'LabSg');
  assert.deepEqual(finding.when, [{ condition: 'IsLab', holds: true }]);
  assert.match(finding.message, / when condition IsLab is true$/);
});

test('a finding that needs the resource\'s own condition false cannot happen', () => {
  assert.deepEqual(findings("!If [IsLab, 10.0.0.0/8, 0.0.0.0/0]"), []);
});

test('a finding already guarded by the same condition is not repeated', () => {
  const [finding] = findings("!If [IsLab, 0.0.0.0/0, 10.0.0.0/8]");
  assert.deepEqual(finding.when, [{ condition: 'IsLab', holds: true }]);
  assert.equal(finding.message.match(/condition IsLab/g)?.length, 1);
});
