// Reach (issue: "report what the template asks for even where the path leaves the file"): possible findings name
// the unknown piece, one severity lower; the topology clears only what it proves safe; CIDRs are read as addresses.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertFindings, lintFile, lintSource, projectRoot } from '../helpers/rule-harness';
import { lintTerraformFile } from '../helpers/terraform-rule-harness';
import { defaultConfig } from '../../server/src/engine/types';

const fixture = (name: string) => join(projectRoot(), 'test', 'reach', 'fixtures', name);

test('CloudFormation: an imported subnet, a lonely launch template, imported and parameter groups, a group named by a plain string', () => {
  const linted = lintFile(fixture('possible-paths.yaml'));
  assertFindings(linted, 'public-ip-on-backend', [
    { ruleId: 'public-ip-on-backend', resource: 'Api', range: { startLine: 15, startCol: 11, endLine: 15, endCol: 41 }, message: 'Api asks for a public IP; possible: its subnet comes from `!ImportValue network-PublicSubnet1`: if that subnet is public, Api is reachable without the ALB', certainty: 'possible', fixes: ['Do not assign a public IP to Api'] },
    { ruleId: 'public-ip-on-backend', resource: 'LonelyTemplate', range: { startLine: 28, startCol: 13, endLine: 28, endCol: 43 }, message: 'LonelyTemplate asks for a public IP; possible: nothing in this template launches LonelyTemplate, so the subnet it is launched in is not known here: if that subnet is public, what is launched from it is reachable without the ALB', certainty: 'possible' },
  ]);
  assertFindings(linted, 'backend-open-to-internet', [
    { ruleId: 'backend-open-to-internet', resource: 'AppPortFromWorld', range: { startLine: 36, startCol: 7, endLine: 36, endCol: 24 }, message: '!ImportValue app-AppSg admits tcp 8080 from 0.0.0.0/0: any backend that uses it is reachable without the ALB; possible: the group is defined outside this template, so what uses it is not known here', certainty: 'possible', fixes: ['Remove the world-open rule from !ImportValue app-AppSg'] },
    { ruleId: 'backend-open-to-internet', resource: 'PlainSg', text: 'CidrIp: 10.1.2.3/0', message: 'PlainSg admits tcp 9000 from 10.1.2.3/0: NamedHost is reachable without the ALB; possible: NamedHost names PlainSg by a plain string, not a Ref, which CloudFormation reads as a group name or ID', certainty: 'possible' },
  ]);
  // Every spelling of ::/0 is the world; the group comes from a parameter.
  assertFindings(linted, 'world-open-admin-port', [
    { ruleId: 'world-open-admin-port', resource: 'SshFromWorld', text: 'CidrIpv6: "0000:0000:0000:0000:0000:0000:0000:0000/0"', message: '!Ref SharedSg admits SSH (tcp 22) from 0000:0000:0000:0000:0000:0000:0000:0000/0: anything in !Ref SharedSg can be administered from anywhere', certainty: 'possible' },
  ]);
  // Possible findings stand one severity below the rule's; the 443-only rule on an unknown group is taken as an edge.
  for (const finding of linted.findings.filter((f) => f.certainty === 'possible')) assert.equal(finding.severity, 'warning', finding.message);
  assert.equal(linted.findings.some((f) => f.resource === 'HttpsFromWorld' || f.resource === 'Worker'), false);
});

test('the possible setting hides possible findings and keeps definite ones', () => {
  const all = lintFile(fixture('possible-paths.yaml'));
  const hidden = lintFile(fixture('possible-paths.yaml'), { ...defaultConfig(), possible: false });
  assert.ok(all.findings.some((f) => f.certainty === 'possible'));
  assert.deepEqual(hidden.findings.map((f) => f.message), all.findings.filter((f) => f.certainty !== 'possible').map((f) => f.message));
  assert.ok(hidden.findings.length > 0, 'definite findings stay');
});

test('Terraform JSON: a variable subnet, a variable group, and a managed node group with remote access', () => {
  const linted = lintTerraformFile(fixture('possible-paths.tf.json'));
  assertFindings(linted, undefined, [
    { ruleId: 'public-ip-on-backend', resource: 'aws_instance.api', text: '"associate_public_ip_address": true', message: 'aws_instance.api asks for a public IP; possible: its subnet comes from `${var.subnet_id}`', certainty: 'possible' },
    { ruleId: 'world-open-admin-port', resource: 'aws_security_group_rule.ssh_from_world', text: '"0.0.0.0/0"', message: '${var.shared_sg} admits SSH (tcp 22) from 0.0.0.0/0', certainty: 'possible' },
    { ruleId: 'world-open-admin-port', resource: 'aws_eks_node_group.nodes', text: '{"ec2_ssh_key": "ops"}', message: 'EKS node group aws_eks_node_group.nodes allows remote access by SSH key with no source_security_group_ids: AWS opens SSH (tcp 22) on its nodes to 0.0.0.0/0' },
  ]);
});

test('the topology judges reach: an IP from MapPublicIpOnLaunch, a private backend behind an ALB, a private database, one group for SSH and the app, node remote access', () => {
  const linted = lintFile(fixture('topology-cases.yaml'));
  assertFindings(linted, 'public-ip-on-backend', [
    { ruleId: 'public-ip-on-backend', resource: 'AutoIpHost', text: 'SubnetId: !Ref PublicA', message: "AutoIpHost gets a public IP from PublicA's MapPublicIpOnLaunch in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB", fixes: [] },
  ]);
  assertFindings(linted, 'backend-open-to-internet', [
    { ruleId: 'backend-open-to-internet', resource: 'OpenAllSg', text: 'CidrIp: 0.0.0.0/0', message: 'OpenAllSg admits all traffic from 0.0.0.0/0: AutoIpHost is reachable without the ALB' },
    { ruleId: 'backend-open-to-internet', resource: 'AppSg', text: 'CidrIp: 0.0.0.0/0', message: "AppSg admits tcp 8080 from 0.0.0.0/0: AppServer sits in private subnets with no public IP, so only Alb reaches it from the internet: admit the load balancer's group instead of the world" },
  ]);
  // Open on all ports: SSH and the application are both reported, by their own rules, at error level.
  assertFindings(linted, 'world-open-admin-port', [
    { ruleId: 'world-open-admin-port', resource: 'OpenAllSg', text: 'CidrIp: 0.0.0.0/0', message: 'OpenAllSg admits all traffic (SSH and RDP included) from 0.0.0.0/0: AutoIpHost can be administered from anywhere' },
    { ruleId: 'world-open-admin-port', resource: 'Nodes', text: 'RemoteAccess:\n        Ec2SshKey: ops', message: 'EKS node group Nodes allows remote access by SSH key with no SourceSecurityGroups: AWS opens SSH (tcp 22) on its nodes to 0.0.0.0/0', fixes: [] },
  ]);
  assertFindings(linted, 'public-database', [
    { ruleId: 'public-database', resource: 'DbSg', text: 'CidrIp: 0.0.0.0/0', message: 'DbSg admits tcp 5432 from 0.0.0.0/0: the database port 5432 of Db is open to anything that reaches the VPC (Db is not publicly accessible and sits in private subnets, so not to the internet today)' },
  ]);
  const severity = (ruleId: string, resource: string) => linted.findings.find((f) => f.ruleId === ruleId && f.resource === resource)?.severity;
  assert.deepEqual(
    [severity('backend-open-to-internet', 'OpenAllSg'), severity('world-open-admin-port', 'OpenAllSg'), severity('public-ip-on-backend', 'AutoIpHost'), severity('backend-open-to-internet', 'AppSg'), severity('public-database', 'DbSg')],
    ['error', 'error', 'error', 'warning', 'warning'],
  );
  // An explicit "no public IP" in a public subnet is not a public IP.
  assert.equal(linted.findings.some((f) => f.ruleId === 'public-ip-on-backend' && f.resource === 'NoIpHost'), false);
});

test('unrestricted-egress: a VPC with no internet gateway, NAT or route out is cleared; an attached gateway brings the finding back', () => {
  const path = fixture('sealed-vpc.yaml');
  const text = readFileSync(path, 'utf8');
  assert.deepEqual(lintSource(path, text).findings.map((f) => f.ruleId), []);
  const open = text + '  Igw:\n    Type: AWS::EC2::InternetGateway\n  IgwAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref Vpc\n      InternetGatewayId: !Ref Igw\n';
  assert.deepEqual(lintSource(path, open).findings.filter((f) => f.ruleId === 'unrestricted-egress').map((f) => f.resource), ['WorkerSg']);
  // A route to something outside (a peering connection) is a way out too.
  const peered = text.replace('  PrivateAAssoc:', '  PeerRoute:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref PrivateRt\n      DestinationCidrBlock: 0.0.0.0/0\n      VpcPeeringConnectionId: pcx-0123\n  PrivateAAssoc:');
  assert.deepEqual(lintSource(path, peered).findings.filter((f) => f.ruleId === 'unrestricted-egress').map((f) => f.resource), ['WorkerSg']);
});
