// The Terraform adapter on a three-file module (object and array block forms): entities, links, resolved values, spans.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../../server/src/topology/build';
import { defaultConfig } from '../../../server/src/engine/types';
import { alts, entity, fixtureModel, lintFiles, textAt } from './helpers';

const { model, texts, files } = fixtureModel('network');

test('network: the files of the folder are read together as one module', () => {
  assert.deepEqual(model.files.map((f) => f.path.split(/[\\/]/).pop()), ['edge.tf.json', 'main.tf.json', 'variables.tf.json']);
  assert.equal(model.dialect, 'terraform');
  assert.deepEqual(model.problems, []);
  // Resources in edge.tf.json (array form) refer to main.tf.json and to variables of variables.tf.json.
  assert.deepEqual(alts(entity(model, 'aws_lb_target_group.app', 'target-group').port), [{ value: 8080 }]);
  assert.ok(model.resourceIds.has('aws_db_subnet_group.db'));
});

test('network: entity locations are the name key, the block, and the body', () => {
  const admin = entity(model, 'aws_instance.admin', 'workload');
  assert.equal(textAt(texts, admin.loc), '"admin"');
  assert.match(textAt(texts, admin.blockLoc)!, /^"admin": \{\n\s+"ami": "ami-12345678",[\s\S]*\]\n {6}\}$/);
  assert.equal(admin.type, 'aws_instance');
  assert.equal(admin.workloadKind, 'instance');
  const lb = entity(model, 'aws_lb.web', 'load-balancer');
  assert.ok(lb.loc.file.endsWith('edge.tf.json'));
  assert.equal(textAt(texts, lb.loc), '"web"');
});

test('network: var defaults, locals and resource references resolve; unknown stays unknown', () => {
  const vpc = entity(model, 'aws_vpc.main', 'vpc');
  assert.deepEqual(alts(vpc.cidr), [{ value: '10.0.0.0/16' }]);
  assert.equal(textAt(texts, vpc.cidr!.loc), '"cidr_block": "${var.vpc_cidr}"');
  assert.equal(textAt(texts, vpc.cidr!.valueLoc), '"${var.vpc_cidr}"');
  const admin = entity(model, 'aws_instance.admin', 'workload');
  // var.admin_public has no default: unknown, never a guess.
  assert.deepEqual(alts(admin.publicIp), [{ value: undefined }]);
  assert.deepEqual(admin.subnets.map(alts), [[{ value: 'aws_subnet.public' }]]);
  assert.deepEqual(admin.securityGroups.map(alts), [[{ value: 'aws_security_group.app' }]]);
  const db = entity(model, 'aws_db_instance.db', 'database');
  assert.deepEqual(alts(db.port), [{ value: 5432 }]);
  assert.deepEqual(alts(db.engine), [{ value: 'postgres' }]);
  assert.deepEqual(db.securityGroups.map(alts), [[{ value: 'aws_security_group.app' }], [{ value: undefined, literal: 'sg-0123' }]]);
  assert.equal(textAt(texts, db.securityGroups[1].loc), '"sg-0123"');
});

test('network: a conditional on an unknown variable yields one guarded alternative per branch', () => {
  const db = entity(model, 'aws_db_instance.db', 'database');
  assert.deepEqual(alts(db.publiclyAccessible), [
    { value: true, when: [{ condition: 'var.admin_public', holds: true }] },
    { value: false, when: [{ condition: 'var.admin_public', holds: false }] },
  ]);
  assert.deepEqual(alts(db.subnetGroup), [{ value: 'aws_db_subnet_group.db' }]);
  assert.deepEqual(db.subnets.map(alts), [[{ value: 'aws_subnet.private' }], [{ value: 'aws_subnet.private' }]]);
});

test('network: count and for_each resources stay one resource; instance keys and splats refer to it', () => {
  assert.deepEqual(model.subnets.map((s) => s.id), ['aws_subnet.public', 'aws_subnet.private']);
  const pub = entity(model, 'aws_route_table.public', 'route-table');
  assert.deepEqual(pub.associations.map((a) => [a.id, alts(a.subnet)]), [['aws_route_table_association.public', [{ value: 'aws_subnet.public' }]]]);
  // for_each = aws_subnet.private; subnet_id = each.value.id
  const priv = entity(model, 'aws_route_table.private', 'route-table');
  assert.deepEqual(priv.associations.map((a) => [a.id, alts(a.subnet)]), [['aws_route_table_association.private', [{ value: 'aws_subnet.private' }]]]);
  const nat = entity(model, 'aws_nat_gateway.nat', 'nat-gateway');
  assert.deepEqual(alts(nat.subnet), [{ value: 'aws_subnet.public' }]);
  assert.deepEqual(alts(nat.allocation), [{ value: 'aws_eip.nat' }]);
  // subnets = aws_subnet.public[*].id: one expression standing for the list.
  const lb = entity(model, 'aws_lb.web', 'load-balancer');
  assert.deepEqual(lb.subnets.map(alts), [[{ value: 'aws_subnet.public' }]]);
  assert.equal(textAt(texts, lb.subnets[0].loc), '"${aws_subnet.public[*].id}"');
  // A `for` expression over a for_each resource yields that resource (standing for its instances).
  const asg = entity(model, 'aws_autoscaling_group.app', 'workload');
  assert.deepEqual(asg.subnets.map(alts), [[{ value: 'aws_subnet.private' }]]);
  assert.deepEqual(alts(asg.launchTemplate), [{ value: 'aws_launch_template.app' }]);
  assert.deepEqual(asg.targetGroups.map(alts), [[{ value: 'aws_lb_target_group.app' }]]);
});

test('network: routes (inline and aws_route) are collected into their tables', () => {
  const pub = entity(model, 'aws_route_table.public', 'route-table');
  assert.deepEqual(
    pub.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]),
    [['aws_route_table.public.route[0]', 'internet-gateway', [{ value: 'aws_internet_gateway.igw' }], [{ value: '0.0.0.0/0' }]]],
  );
  assert.match(textAt(texts, pub.routes[0].loc)!, /^\{\n\s+"cidr_block": "\$\{local.world\}",/);
  const priv = entity(model, 'aws_route_table.private', 'route-table');
  assert.deepEqual(
    priv.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]),
    [['aws_route.private_default', 'nat-gateway', [{ value: 'aws_nat_gateway.nat' }], [{ value: '0.0.0.0/0' }]]],
  );
  const igw = entity(model, 'aws_internet_gateway.igw', 'internet-gateway');
  assert.deepEqual(igw.attachments.map((a) => [a.id, alts(a.vpc), textAt(texts, a.loc)]), [['aws_internet_gateway.igw', [{ value: 'aws_vpc.main' }], '"vpc_id": "${aws_vpc.main.id}"']]);
});

test('network: security groups: one rule per peer, inline and standalone; no implicit egress', () => {
  const alb = entity(model, 'aws_security_group.alb', 'security-group');
  assert.deepEqual(
    alb.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.protocol), alts(r.fromPort), alts(r.toPort)]),
    [
      ['aws_security_group.alb.ingress[0].cidr_blocks[0]', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: 'tcp' }], [{ value: 443 }], [{ value: 443 }]],
      ['aws_security_group.alb.ingress[0].cidr_blocks[1]', 'cidr', [{ value: '10.0.0.0/8' }], [{ value: 'tcp' }], [{ value: 443 }], [{ value: 443 }]],
    ],
  );
  assert.equal(textAt(texts, alb.ingress[0].peer.value.loc), '"${local.world}"');
  // Terraform drops AWS's default allow-all egress rule.
  assert.equal(alb.defaultEgressAll, false);
  assert.deepEqual(alb.egress, []);
  const app = entity(model, 'aws_security_group.app', 'security-group');
  assert.deepEqual(app.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value)]), [['aws_security_group.app.ingress[0]', 'group', [{ value: 'aws_security_group.alb' }]]]);
  assert.deepEqual(app.egress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.protocol), r.entity?.id]), [
    ['aws_vpc_security_group_egress_rule.app_all', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: '-1' }], 'aws_vpc_security_group_egress_rule.app_all'],
  ]);
});

test('network: load balancer, listener and target group are linked', () => {
  const lb = entity(model, 'aws_lb.web', 'load-balancer');
  assert.equal(lb.lbKind, 'application');
  assert.deepEqual(alts(lb.scheme), [{ value: 'internet-facing' }]);
  assert.equal(textAt(texts, lb.scheme!.loc), '"internal": false');
  assert.deepEqual(lb.listeners.map((l) => [l.id, alts(l.protocol), alts(l.port)]), [['aws_lb_listener.https', [{ value: 'HTTPS' }], [{ value: 443 }]]]);
  assert.deepEqual(entity(model, 'aws_lb_target_group.app', 'target-group').loadBalancers, ['aws_lb.web']);
});

test('network: the topology classifies the subnets through the resolved routes', () => {
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.subnetViews('aws_subnet.public').map((v) => [v.cls, v.label]), [['public', 'aws_subnet.public (0.0.0.0/0 -> aws_internet_gateway.igw)']]);
  assert.deepEqual(topology.subnetViews('aws_subnet.private').map((v) => [v.cls, v.label]), [['private', 'aws_subnet.private (0.0.0.0/0 -> aws_nat_gateway.nat)']]);
  assert.deepEqual(topology.backendOf('aws_autoscaling_group.app')?.behind.map((lb) => lb.id), ['aws_lb.web']);
});

test('network: unknown values never yield a finding (admin public IP, ASG subnets)', () => {
  const result = lintFiles(files);
  const ids = result.findings.map((f) => `${f.ruleId} ${f.resource}`);
  assert.ok(!ids.some((id) => id.startsWith('public-ip-on-backend')), ids.join('\n'));
  assert.ok(!ids.some((id) => id.startsWith('default-vpc-placement')), ids.join('\n'));
  assert.ok(ids.includes('backend-in-public-subnet aws_instance.admin'), ids.join('\n'));
  assert.ok(result.isTemplate);
});
