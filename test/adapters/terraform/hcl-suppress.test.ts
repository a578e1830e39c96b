// Suppressions in HCL comments (ours and other scanners' mapped to our rules) and in CloudFormation Metadata.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { lintText } from '../../../server/src/engine/lint';
import { ROOT } from './helpers';

test.before(() => initHcl());

const BAD = path.join(ROOT, 'rules', 'world-open-admin-port', 'fixtures', 'bad.tf');
const text = readFileSync(BAD, 'utf8');
const SSH = '    cidr_blocks = ["0.0.0.0/0"]\n';
const lint = (t: string) => lintTerraformFiles([{ path: BAD, text: t }], undefined, { varFiles: [] }).findings.filter((f) => f.ruleId === 'world-open-admin-port').map((f) => f.resource);

/** The fixture with `comment` inserted as a line before `before` (default: the world-open SSH rule's cidr line). */
function withComment(comment: string, before = SSH): string {
  const at = text.indexOf(before, before === SSH ? text.indexOf('SSH from anywhere') : 0);
  assert.ok(at > 0);
  return text.slice(0, at) + comment + '\n' + text.slice(at);
}

test('HCL suppressions: ours inside a block, and Checkov, tfsec, Trivy and KICS comments mapped to our rules', () => {
  assert.deepEqual(lint(text), ['aws_security_group.app']);
  assert.deepEqual(lint(withComment('    # exposure-lint-disable-next-line world-open-admin-port -- lab account')), []);
  assert.deepEqual(lint(withComment('    # exposure-lint-disable-next-line public-database -- another rule')), ['aws_security_group.app']);
  assert.deepEqual(lint(withComment('    #checkov:skip=CKV_AWS_24:bastion subnet is isolated')), []);
  assert.deepEqual(lint(withComment('    #checkov:skip=CKV_AWS_17:an unrelated check')), ['aws_security_group.app']);
  assert.deepEqual(lint(withComment('    #tfsec:ignore:aws-ec2-no-public-ingress-sgr')), []);
  assert.deepEqual(lint(withComment('    #trivy:ignore:AVD-AWS-0107')), []);
  assert.deepEqual(lint(withComment('    # kics-scan ignore-line')), []);
  // Checkov reads a skip anywhere in the resource's block; tfsec's above the resource covers it whole.
  assert.deepEqual(lint(withComment('  #checkov:skip=CKV_AWS_24:reason', '  vpc_id = aws_vpc.main.id\n\n  ingress {\n    description     = "From the ALB"')), []);
  assert.deepEqual(lint(withComment('#tfsec:ignore:aws-ec2-no-public-ingress-sgr', 'resource "aws_security_group" "app"')), []);
});

test('CloudFormation Metadata: checkov.skip and cfn_nag.rules_to_suppress map to our rules; unknown IDs suppress nothing', () => {
  const template = (metadata: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
${metadata}    Properties:
      Engine: mysql
      PubliclyAccessible: true
`;
  const ids = (t: string) => lintText('t.yaml', t).findings.filter((f) => f.ruleId === 'public-database').map((f) => f.resource);
  assert.deepEqual(ids(template('')), ['Db']);
  assert.deepEqual(ids(template('    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_17\n            comment: reporting replica\n')), []);
  assert.deepEqual(ids(template('    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_24\n')), ['Db']);
  assert.deepEqual(ids(template('    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [E3012]\n')), ['Db']);
});

test('cfn_nag W2 suppresses the world-open findings of a security group', () => {
  const t = (metadata: string) => `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
${metadata}    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;
  const ids = (x: string) => lintText('t.yaml', x).findings.filter((f) => f.ruleId === 'world-open-admin-port').map((f) => f.resource);
  assert.deepEqual(ids(t('')), ['Sg']);
  assert.deepEqual(ids(t('    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W2\n            reason: lab\n')), []);
});
