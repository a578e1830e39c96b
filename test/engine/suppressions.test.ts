// Comment suppressions: on the line, above the line, above the resource that holds the finding, whole file.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';

const TEMPLATE = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
  SshFromAnywhere:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppSg
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`;

function ruleFindings(text: string): string[] {
  return lintText('template.yaml', text).findings.filter((f) => f.ruleId === 'world-open-admin-port').map((f) => `${f.resource}@${f.loc.span.start}`);
}

test('a standalone ingress rule is reported without a suppression', () => {
  assert.equal(ruleFindings(TEMPLATE).length, 1);
});

test('a comment above the standalone rule resource silences findings inside it', () => {
  const text = TEMPLATE.replace('  SshFromAnywhere:\n', '  # exposure-lint-disable-next-line world-open-admin-port -- lab VPC\n  SshFromAnywhere:\n');
  assert.deepEqual(ruleFindings(text), []);
});

test('a comment naming another rule silences nothing', () => {
  const text = TEMPLATE.replace('  SshFromAnywhere:\n', '  # exposure-lint-disable-next-line public-database\n  SshFromAnywhere:\n');
  assert.equal(ruleFindings(text).length, 1);
});

test('a disable-line comment on the CIDR line and a file-level comment both silence it', () => {
  assert.deepEqual(ruleFindings(TEMPLATE.replace('CidrIp: 0.0.0.0/0', 'CidrIp: 0.0.0.0/0 # exposure-lint-disable-line world-open-admin-port')), []);
  assert.deepEqual(ruleFindings(`# exposure-lint-disable world-open-admin-port\n${TEMPLATE}`), []);
});
