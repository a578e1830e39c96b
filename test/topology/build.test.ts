// Topology on hand-built models: subnet classes, guards, roles, backend views, group queries, speed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../server/src/topology/build';
import { describeWhen } from '../../server/src/topology/guards';
import { defaultConfig } from '../../server/src/engine/types';
import { Entity, InternetGateway, RouteTable, SecurityGroup, Subnet, Workload, LoadBalancer, TargetGroup, NatGateway } from '../../server/src/model/types';
import { base, ifProp, loc, model, prop } from './model-builder';

function vpcNet(): Entity[] {
  const vpc: Entity = { ...base('Vpc', 'AWS::EC2::VPC'), kind: 'vpc' };
  const igw: InternetGateway = { ...base('Igw', 'AWS::EC2::InternetGateway'), kind: 'internet-gateway', attachments: [{ id: 'Attach', vpc: prop('Vpc'), loc: loc() }] };
  const pub: Subnet = { ...base('PublicA', 'AWS::EC2::Subnet'), kind: 'subnet', vpc: prop('Vpc') };
  const priv: Subnet = { ...base('PrivateA', 'AWS::EC2::Subnet'), kind: 'subnet', vpc: prop('Vpc') };
  const iso: Subnet = { ...base('DataA', 'AWS::EC2::Subnet'), kind: 'subnet', vpc: prop('Vpc') };
  const nat: NatGateway = { ...base('Nat', 'AWS::EC2::NatGateway'), kind: 'nat-gateway', subnet: prop('PublicA') };
  const pubRt: RouteTable = {
    ...base('PublicRt', 'AWS::EC2::RouteTable'), kind: 'route-table', vpc: prop('Vpc'),
    routes: [{ id: 'PublicRoute', routeTable: prop('PublicRt'), destination: prop('0.0.0.0/0'), target: { kind: 'internet-gateway', ref: prop('Igw') }, loc: loc() }],
    associations: [{ id: 'PubAssoc', subnet: prop('PublicA'), loc: loc() }],
  };
  const privRt: RouteTable = {
    ...base('PrivateRt', 'AWS::EC2::RouteTable'), kind: 'route-table', vpc: prop('Vpc'),
    routes: [{ id: 'PrivateRoute', routeTable: prop('PrivateRt'), destination: prop('0.0.0.0/0'), target: { kind: 'nat-gateway', ref: prop('Nat') }, loc: loc() }],
    associations: [{ id: 'PrivAssoc', subnet: prop('PrivateA'), loc: loc() }],
  };
  return [vpc, igw, pub, priv, iso, nat, pubRt, privRt];
}

function group(id: string, rules: { dir: 'ingress' | 'egress'; cidr: string; protocol: string; from?: number; to?: number }[], vpc = true): SecurityGroup {
  const sgRules = rules.map((r, i) => ({
    id: `${id}.${r.dir}[${i}]`, group: prop(id), direction: r.dir, protocol: prop(r.protocol), fromPort: r.from === undefined ? undefined : prop(r.from), toPort: r.to === undefined ? undefined : prop(r.to),
    peer: { kind: 'cidr' as const, value: prop(r.cidr) }, loc: loc(),
  }));
  return {
    ...base(id, 'AWS::EC2::SecurityGroup'), kind: 'security-group', vpc: vpc ? prop('Vpc') : undefined,
    ingress: sgRules.filter((r) => r.direction === 'ingress'), egress: sgRules.filter((r) => r.direction === 'egress'),
    defaultEgressAll: !rules.some((r) => r.dir === 'egress'),
  };
}

function workload(id: string, kind: Workload['workloadKind'], extra: Partial<Workload> = {}): Workload {
  return { ...base(id, 'AWS::EC2::Instance'), kind: 'workload', workloadKind: kind, subnets: [], securityGroups: [], targetGroups: [], loadBalancers: [], ...extra };
}

test('subnet classes, labels and paths', () => {
  const t = buildTopology(model(vpcNet()), defaultConfig());
  assert.equal(t.subnetView('PublicA')?.cls, 'public');
  assert.equal(t.subnetView('PublicA')?.label, 'PublicA (0.0.0.0/0 -> Igw)');
  assert.deepEqual(t.subnetView('PublicA')?.path.map((s) => s.message), ['PublicA uses route table PublicRt', 'PublicRt routes 0.0.0.0/0 to Igw', 'Igw is an internet gateway attached to the VPC']);
  assert.equal(t.subnetView('PrivateA')?.cls, 'private');
  assert.equal(t.subnetView('PrivateA')?.label, 'PrivateA (0.0.0.0/0 -> Nat)');
  assert.equal(t.subnetView('DataA')?.cls, 'isolated');
  assert.equal(t.subnetView('DataA')?.label, 'DataA (no route table)');
  assert.deepEqual(t.subnetsInVpc('Vpc').map((s) => s.id), ['PublicA', 'PrivateA', 'DataA']);
  assert.deepEqual(t.natGatewaysInVpc('Vpc').map((n) => n.id), ['Nat']);
  assert.deepEqual(t.routeTablesOf('PrivateA').map((r) => r.id), ['PrivateRt']);
});

test('an IGW not attached to the VPC does not make a subnet public; unknown targets are unknown', () => {
  const entities = vpcNet();
  const igw = entities.find((e) => e.id === 'Igw') as InternetGateway;
  igw.attachments = [];
  const rt = entities.find((e) => e.id === 'PrivateRt') as RouteTable;
  rt.routes[0].target = { kind: 'nat-gateway', ref: { alts: [{ value: undefined, literal: 'nat-123' }], loc: loc(), valueLoc: loc() } };
  rt.routes.push({ id: 'X', routeTable: prop('PrivateRt'), destination: prop('::/0'), target: { kind: 'internet-gateway', ref: { alts: [{ value: undefined, literal: 'igw-1' }], loc: loc(), valueLoc: loc() } }, loc: loc() });
  const t = buildTopology(model(entities), defaultConfig());
  assert.equal(t.subnetView('PublicA')?.cls, 'isolated');
  assert.equal(t.subnetView('PublicA')?.label, 'PublicA (0.0.0.0/0 -> Igw, not attached)');
  assert.equal(t.igwAttachedTo(igw, 'Vpc'), false);
  assert.equal(t.subnetView('PrivateA')?.cls, 'unknown');
});

test('Fn::If route targets give guarded alternatives, most exposed first', () => {
  const entities = vpcNet();
  const rt = entities.find((e) => e.id === 'PrivateRt') as RouteTable;
  rt.routes[0].target = { kind: 'internet-gateway', ref: prop('Igw', [{ condition: 'UsePublic', holds: true }]) };
  rt.routes.push({ id: 'NatRoute', routeTable: prop('PrivateRt'), destination: prop('0.0.0.0/0', [{ condition: 'UsePublic', holds: false }]), target: { kind: 'nat-gateway', ref: prop('Nat') }, loc: loc() });
  const t = buildTopology(model(entities), defaultConfig());
  const views = t.subnetViews('PrivateA');
  assert.deepEqual(views.map((v) => [v.cls, describeWhen(v.when)]), [['public', ' when condition UsePublic is true'], ['private', ' when condition UsePublic is false']]);
});

test('a subnet without association uses the main table when known', () => {
  const entities = vpcNet();
  const rt = entities.find((e) => e.id === 'PublicRt') as RouteTable;
  rt.isMain = true;
  const t = buildTopology(model(entities), defaultConfig());
  assert.equal(t.subnetView('DataA')?.cls, 'public');
});

test('backend views merge launch templates, know their load balancers and default-VPC placement', () => {
  const lt = workload('Lt', 'launch-template', { publicIp: prop(true), securityGroups: [prop('AppSg')] });
  const asg = workload('Asg', 'auto-scaling-group', { launchTemplate: prop('Lt'), subnets: [ifProp('UsePublic', 'PublicA', 'PrivateA')], targetGroups: [prop('Tg')] });
  const lone = workload('Lone', 'instance');
  const fn = workload('Fn', 'lambda-function', { outsideVpc: true });
  const alb: LoadBalancer = { ...base('Alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer'), kind: 'load-balancer', lbKind: 'application', subnets: [prop('PublicA')], securityGroups: [prop('AlbSg')], listeners: [], instances: [] };
  const internal: LoadBalancer = { ...alb, ...base('Internal', 'x'), scheme: prop('internal') };
  const tg: TargetGroup = { ...base('Tg', 'AWS::ElasticLoadBalancingV2::TargetGroup'), kind: 'target-group', targets: [], loadBalancers: ['Alb'] };
  const app = group('AppSg', [{ dir: 'egress', cidr: '0.0.0.0/0', protocol: '-1' }]);
  const albSg = group('AlbSg', [{ dir: 'ingress', cidr: '0.0.0.0/0', protocol: 'tcp', from: 443, to: 443 }, { dir: 'egress', cidr: '10.0.0.0/8', protocol: 'tcp', from: 0, to: 65535 }]);
  const t = buildTopology(model([...vpcNet(), lt, asg, lone, fn, alb, internal, tg, app, albSg]), { ...defaultConfig(), intendedEdges: ['Fn'] });
  assert.deepEqual(t.edges.map((e) => e.id), ['Alb', 'Nat', 'Fn']);
  assert.equal(t.role(internal), 'infra');
  assert.deepEqual(t.backends.map((b) => b.entity.id), ['Asg', 'Lone']);
  const view = t.backendOf('Lt')!;
  assert.equal(view.entity.id, 'Asg');
  assert.equal(view.publicIp?.alts[0].value, true);
  assert.deepEqual(view.groups.map((g) => g.id), ['AppSg']);
  assert.deepEqual(view.behind.map((lb) => lb.id), ['Alb']);
  assert.deepEqual(view.subnets.map((s) => [s.subnet.id, s.cls, describeWhen(s.when)]), [['PublicA', 'public', ' when condition UsePublic is true'], ['PrivateA', 'private', ' when condition UsePublic is false']]);
  assert.equal(view.inDefaultVpc, false);
  assert.equal(t.backendOf('Lone')?.inDefaultVpc, true);
  assert.deepEqual(t.groupMembers('AppSg').map((e) => e.id), ['Lt', 'Asg']);
  assert.deepEqual(t.worldIngress(albSg).map((r) => r.id), ['AlbSg.ingress[0]']);
  assert.deepEqual((t.unrestrictedEgress(app) as { id: string }[]).map((r) => r.id), ['AppSg.egress[0]']);
  assert.deepEqual(t.unrestrictedEgress(albSg), []);
  assert.equal(t.unrestrictedEgress(group('Plain', [])), 'default');
  assert.equal(t.vpcOf(asg), 'Vpc');
  assert.deepEqual(t.subnetMembers('PublicA').map((e) => e.id), ['Asg', 'Alb', 'Internal', 'Nat']);
});

test('10,000 resources: every backend, group and path is resolved (timing lives in npm run bench)', () => {
  const entities: Entity[] = vpcNet();
  for (let i = 0; i < 2500; i++) {
    entities.push(group(`Sg${i}`, [{ dir: 'ingress', cidr: '0.0.0.0/0', protocol: 'tcp', from: 22, to: 22 }]));
    entities.push({ ...base(`S${i}`, 'AWS::EC2::Subnet'), kind: 'subnet', vpc: prop('Vpc') } as Subnet);
    entities.push({ ...base(`Rt${i}`, 'AWS::EC2::RouteTable'), kind: 'route-table', vpc: prop('Vpc'), routes: [{ id: `R${i}`, routeTable: prop(`Rt${i}`), destination: prop('0.0.0.0/0'), target: { kind: 'internet-gateway', ref: prop('Igw') }, loc: loc() }], associations: [{ id: `A${i}`, subnet: prop(`S${i}`), loc: loc() }] } as RouteTable);
    entities.push(workload(`W${i}`, 'instance', { subnets: [prop(`S${i}`)], securityGroups: [prop(`Sg${i}`)] }));
  }
  const t = buildTopology(model(entities), defaultConfig());
  const seen = t.backends.map((b) => {
    const g = b.groups[0];
    return [b.entity.id, b.subnets.map((s) => [s.subnet.id, s.cls]), g.id, t.worldIngress(g).map((r) => r.id), t.groupMembers(g.id).map((e) => e.id)];
  });
  const expected = Array.from({ length: 2500 }, (_, i) => [`W${i}`, [[`S${i}`, 'public']], `Sg${i}`, [`Sg${i}.ingress[0]`], [`W${i}`]]);
  assert.deepEqual(seen, expected);
});
