// Exposure diff on Terraform JSON module pairs: new, fixed, unrelated, renamed, condition flip, resources moved between files and block forms.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diffPaths, introducesErrors } from '../../server/src/diff';
import { parseSource } from '../../server/src/source/parse';
import { terraformResources } from '../../server/src/diff/resources';
import { securityGroupRules } from '../../server/src/diff/terraform-rules';
import { byRule, FIXTURES, ids, onlyRules, rangeText } from './helpers';

const PUBLIC_IP = 'public-ip-on-backend';
const IN_PUBLIC = 'backend-in-public-subnet';
const OPEN = 'backend-open-to-internet';
const pair = (before: string, after: string) => diffPaths(join(FIXTURES, 'terraform', before), join(FIXTURES, 'terraform', after), { config: onlyRules() });

test('Terraform: a new exposure is introduced with the resource change that caused it', async () => {
  const diff = await pair('base', 'new-exposure');
  assert.deepEqual(ids(diff.introduced), [`${IN_PUBLIC} aws_instance.app`, `${PUBLIC_IP} aws_instance.app`]);
  assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} aws_instance.admin`, `${PUBLIC_IP} aws_instance.admin`]);
  assert.deepEqual(ids(diff.resolved), []);
  const publicIp = byRule(diff.introduced, PUBLIC_IP);
  assert.equal(publicIp.finding.message, 'aws_instance.app gets a public IP in aws_subnet.public (0.0.0.0/0 -> aws_internet_gateway.igw): reachable from the internet without the ALB');
  assert.equal(rangeText(publicIp), '"associate_public_ip_address": true');
  assert.ok(publicIp.file?.path.endsWith(join('new-exposure', 'app.tf.json')));
  assert.deepEqual(
    publicIp.causes.map((cause) => cause.change),
    ['changed aws_instance.app: associate_public_ip_address false -> true; subnet_id ${aws_subnet.private.id} -> ${aws_subnet.public.id}'],
  );
  assert.deepEqual(diff.changes.map((unit) => [unit.kind, unit.resources]), [
    [
      'terraform',
      [
        {
          change: 'modified',
          id: 'aws_instance.app',
          type: 'aws_instance',
          properties: ['associate_public_ip_address', 'subnet_id'],
          details: ['associate_public_ip_address false -> true', 'subnet_id ${aws_subnet.private.id} -> ${aws_subnet.public.id}'],
        },
      ],
    ],
  ]);
  assert.equal(introducesErrors(diff), true);
});

test('Terraform: a fixed exposure is resolved, located in the old module', async () => {
  const diff = await pair('base', 'fixed');
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), [`${IN_PUBLIC} aws_instance.admin`, `${PUBLIC_IP} aws_instance.admin`]);
  const resolved = byRule(diff.resolved, PUBLIC_IP);
  assert.ok(resolved.file?.path.endsWith(join('base', 'app.tf.json')));
  assert.equal(rangeText(resolved), '"associate_public_ip_address": true');
  assert.deepEqual(resolved.causes.map((cause) => cause.change), ['changed aws_instance.admin: associate_public_ip_address true -> false; subnet_id ${aws_subnet.public.id} -> ${aws_subnet.private.id}']);
  assert.equal(introducesErrors(diff), false);
});

test('Terraform: an unrelated change leaves the exposures unchanged and lists the modified resource', async () => {
  const diff = await pair('base', 'unrelated');
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), []);
  assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} aws_instance.admin`, `${PUBLIC_IP} aws_instance.admin`]);
  assert.deepEqual(diff.changes.flatMap((unit) => unit.resources.map((r) => [r.change, r.id, r.details])), [['modified', 'aws_instance.app', ['instance_type t3.small -> t3.large', 'tags set to {"team":"web"}']]]);
});

test('Terraform: renamed addresses (references follow) are renames, not changes', async () => {
  const diff = await pair('base', 'renamed');
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), []);
  assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} aws_instance.bastion`, `${PUBLIC_IP} aws_instance.bastion`]);
  assert.deepEqual(diff.unchanged.map((change) => change.renamedFrom), ['aws_instance.admin', 'aws_instance.admin']);
  assert.deepEqual(diff.changes.flatMap((unit) => unit.resources), [
    { change: 'renamed', id: 'aws_instance.bastion', previousId: 'aws_instance.admin', type: 'aws_instance' },
    { change: 'renamed', id: 'aws_subnet.edge', previousId: 'aws_subnet.public', type: 'aws_subnet' },
  ]);
});

test('Terraform: a conditional flip keeps the identity and records both conditions', async () => {
  const diff = await pair('condition', 'condition-flipped');
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), []);
  const flipped = byRule(diff.unchanged, PUBLIC_IP);
  assert.match(flipped.finding.message, / when condition var\.prod is true$/);
  assert.deepEqual(flipped.conditionChanged, { before: [{ condition: 'var.prod', holds: false }], after: [{ condition: 'var.prod', holds: true }] });
});

test('Terraform: resources moved between files, reordered, and written in the array form are no change', async () => {
  const diff = await pair('base', 'reordered');
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), []);
  assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} aws_instance.admin`, `${PUBLIC_IP} aws_instance.admin`]);
  assert.deepEqual(diff.changes, []);
});

test('Terraform: a world-open ingress block is worded from the security group rules and named as the cause', async () => {
  const diff = await pair('base', 'sg-open');
  assert.deepEqual(ids(diff.introduced), [`${OPEN} aws_security_group.app`]);
  const open = diff.introduced[0];
  assert.equal(rangeText(open), '"0.0.0.0/0"');
  assert.deepEqual(diff.changes.flatMap((unit) => unit.securityGroups), [
    { change: 'added', direction: 'ingress', group: 'aws_security_group.app', protocol: 'tcp', ports: '8080', peer: '0.0.0.0/0', text: 'new ingress on aws_security_group.app: tcp 8080 from 0.0.0.0/0' },
  ]);
  assert.deepEqual(open.causes, [
    { resource: 'aws_security_group.app', change: 'new ingress on aws_security_group.app: tcp 8080 from 0.0.0.0/0', text: `new ingress on aws_security_group.app: tcp 8080 from 0.0.0.0/0 — ${open.finding.message}` },
  ]);
  assert.equal(introducesErrors(diff), true);
});

test('Terraform security group rules: inline blocks, aws_security_group_rule and the per-rule VPC resources, one entry per peer', () => {
  const module = terraformResources([
    parseSource(
      'sg.tf.json',
      JSON.stringify({
        resource: {
          aws_security_group: { app: { ingress: { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'], security_groups: ['${aws_security_group.alb.id}'] }, egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }] } },
          aws_security_group_rule: { web: { type: 'ingress', security_group_id: '${aws_security_group.app.id}', from_port: 80, to_port: 443, protocol: 'tcp', source_security_group_id: '${aws_security_group.alb.id}' } },
          aws_vpc_security_group_ingress_rule: { v6: { security_group_id: '${aws_security_group.app.id}', ip_protocol: 'udp', from_port: 53, to_port: 53, cidr_ipv6: '::/0' } },
        },
      }),
    ),
  ]);
  assert.deepEqual(
    securityGroupRules(module).map((rule) => `${rule.direction} ${rule.group} ${rule.protocol} ${rule.ports} ${rule.peer}`),
    [
      'ingress aws_security_group.app tcp 22 10.0.0.0/8',
      'ingress aws_security_group.app tcp 22 0.0.0.0/0',
      'ingress aws_security_group.app tcp 22 group aws_security_group.alb',
      'egress aws_security_group.app all traffic all ports 0.0.0.0/0',
      'ingress aws_security_group.app tcp 80-443 group aws_security_group.alb',
      'ingress aws_security_group.app udp 53 ::/0',
    ],
  );
});
