// "//" comment keys: exposure-lint suppressions and intended edges per resource, and cdktf construct paths.
import test from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/engine/types';
import { fixtureDir, lintFiles, modelOfFiles, moduleFiles, textAt } from './helpers';

const suppress = moduleFiles(fixtureDir('suppress'));
const cdktf = moduleFiles(`${fixtureDir('cdktf')}/stacks/web`);

function summary(files: { path: string; text: string }[], config = defaultConfig()): string[] {
  return lintFiles(files, config).findings.map((f) => `${f.ruleId} ${f.resource}`);
}

test('"//" suppress map, suppress list, intended-edge; a plain string comment suppresses nothing', () => {
  assert.deepEqual(summary(suppress), [
    'backend-in-public-subnet aws_instance.admin',
    'backend-in-public-subnet aws_instance.plain',
    'public-ip-on-backend aws_instance.plain',
  ]);
  const { model } = modelOfFiles(suppress);
  const admin = model.byId.get('aws_instance.admin')!;
  assert.deepEqual(admin.suppressions.map((s) => [s.ruleId, s.reason, textAt(suppress[0].text, s.loc)]), [
    ['public-ip-on-backend', 'break-glass host, removed after the migration', '"public-ip-on-backend": "break-glass host, removed after the migration"'],
  ]);
  assert.deepEqual(model.byId.get('aws_instance.legacy')!.suppressions.map((s) => s.ruleId), ['public-ip-on-backend', 'backend-in-public-subnet']);
  assert.equal(model.byId.get('aws_instance.bastion')!.intendedEdge, true);
  assert.equal(model.byId.get('aws_instance.plain')!.intendedEdge, undefined);
  assert.deepEqual(model.workloads.map((w) => w.id), ['aws_instance.admin', 'aws_instance.bastion', 'aws_instance.legacy', 'aws_instance.plain']);
  assert.ok(!model.resourceIds.has('aws_instance.//'));
});

test('the config file: intended-edges by Terraform address, rules off', () => {
  assert.deepEqual(summary(suppress, { ...defaultConfig(), intendedEdges: ['aws_instance.plain'] }), ['backend-in-public-subnet aws_instance.admin']);
  assert.deepEqual(summary(suppress, { ...defaultConfig(), rules: { 'backend-in-public-subnet': 'off' } }), ['public-ip-on-backend aws_instance.plain']);
});

test('cdktf output: its "//" metadata gives each finding the construct path', () => {
  const findings = lintFiles(cdktf).findings;
  const got = findings.map((f) => [f.ruleId, f.resource, f.constructPath]);
  for (const want of [
    ['public-ip-on-backend', 'aws_instance.AdminHost', 'web/AdminHost'],
    ['backend-in-public-subnet', 'aws_instance.AdminHost', 'web/AdminHost'],
    ['public-subnet-auto-ip', 'aws_subnet.Network_PublicSubnet_6A1F0C2B', 'web/Network/PublicSubnet'],
  ]) {
    assert.ok(got.some((g) => JSON.stringify(g) === JSON.stringify(want)), `missing ${want.join(' ')} in ${JSON.stringify(got)}`);
  }
  // Every finding on a resource names the construct that made it.
  assert.ok(findings.every((f) => f.constructPath?.startsWith('web/')), JSON.stringify(got));
  const publicIp = findings.find((f) => f.ruleId === 'public-ip-on-backend')!;
  assert.equal(textAt(cdktf[0].text, publicIp.loc), '"associate_public_ip_address": true');
});

test('cdktf output: top-level "//", provider and terraform blocks are not resources; nulls are unset arguments', () => {
  const { model } = modelOfFiles(cdktf);
  assert.deepEqual(model.problems, []);
  assert.deepEqual([...model.resourceIds].sort(), [
    'aws_instance.AdminHost',
    'aws_internet_gateway.Igw',
    'aws_route_table.Network_PublicRoutes_3D5E7A90',
    'aws_route_table_association.Network_PublicAssoc_9B2C4D11',
    'aws_security_group.AdminSg',
    'aws_subnet.Network_PublicSubnet_6A1F0C2B',
    'aws_vpc.Vpc',
  ]);
  const sg = model.securityGroups[0];
  assert.deepEqual(sg.ingress.map((r) => [r.id, r.peer.kind, r.peer.value.alts]), [['aws_security_group.AdminSg.ingress[0]', 'cidr', [{ value: '0.0.0.0/0' }]]]);
  assert.equal(sg.constructPath, 'web/AdminSg');
});

test('"suppress" may be a string: "*" for every rule, or a comma-separated list', () => {
  const text = suppress[0].text
    .replace('"//": "a plain comment suppresses nothing"', '"//": {"exposure-lint": {"suppress": "*"}}')
    .replace('"//": {"exposure-lint": {"suppress": {"public-ip-on-backend": "break-glass host, removed after the migration"}}}', '"//": {"exposure-lint": {"suppress": "public-ip-on-backend, backend-in-public-subnet"}}');
  assert.notEqual(text, suppress[0].text);
  assert.deepEqual(summary([{ path: suppress[0].path, text }]), []);
});
