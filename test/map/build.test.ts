// The exposure map's model: boxes, nodes, flows and red exposure paths derived from the examples and a conditional fixture.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { buildExposureMap, findingKey } from '../../server/src/map/build';
import { pathParts } from '../../server/src/map/load';
import { layoutMap } from '../../server/src/map/layout';
import { ExposureMap } from '../../server/src/map/types';

const ROOT = resolve(__dirname, '..', '..', '..');
const mapOf = (path: string) => buildExposureMap(pathParts([join(ROOT, path)]));
const edges = (map: ExposureMap, kind: string) => map.edges.filter((e) => e.kind === kind).map((e) => `${e.from} -> ${e.to} | ${e.label}${e.conditional ? ` | ${e.conditional}` : ''}`);
const node = (map: ExposureMap, id: string) => {
  const found = map.nodes.find((n) => n.id === id);
  assert.ok(found, `node ${id}`);
  return found;
};

test('exposed example: subnets by class, nodes in their most exposed subnet, one red path per exposed backend', () => {
  const map = mapOf('examples/exposed-web-app.yaml');
  assert.deepEqual(
    map.clusters.map((c) => [c.id, c.kind, c.cls, c.detail, c.parent]),
    [
      ['vpc:Vpc', 'vpc', undefined, 'VPC 10.1.0.0/16', undefined],
      ['subnet:PublicA', 'subnet', 'public', 'public: 0.0.0.0/0 → Igw', 'vpc:Vpc'],
      ['subnet:PublicB', 'subnet', 'public', 'public: 0.0.0.0/0 → Igw', 'vpc:Vpc'],
      ['subnet:PrivateA', 'subnet', 'private', 'private: 0.0.0.0/0 → Nat', 'vpc:Vpc'],
    ],
  );
  assert.deepEqual(
    map.nodes.map((n) => [n.id, n.kind, n.parent, n.exposed]),
    [
      ['internet', 'internet', undefined, false],
      ['Igw', 'internet-gateway', undefined, true],
      ['Alb', 'load-balancer', 'subnet:PublicA', false],
      ['Nat', 'nat-gateway', 'subnet:PrivateA', false],
      ['AdminHost', 'backend', 'subnet:PublicA', true],
      ['AppGroup', 'backend', 'subnet:PublicA', true],
      ['Database', 'data-store', 'subnet:PublicA', true],
    ],
  );
  assert.deepEqual(edges(map, 'flow'), ['internet -> Igw | ', 'Igw -> Alb | HTTP 80', 'Alb -> AppGroup | HTTP 8080']);
  // The NAT sits in a private subnet: it has no way out, so no egress is drawn (its finding says why).
  assert.deepEqual(edges(map, 'egress'), []);
  assert.deepEqual(edges(map, 'exposure'), [
    'Igw -> AdminHost | tcp 22 · world-open-admin-port +2',
    'Igw -> AppGroup | tcp 8080 · backend-open-to-internet +2',
    'Igw -> Database | tcp 3306 · public-database +1',
  ]);
  assert.deepEqual(map.edges.find((e) => e.to === 'AdminHost')?.ruleIds, ['world-open-admin-port', 'public-ip-on-backend', 'backend-in-public-subnet']);
  assert.deepEqual(node(map, 'Nat').findings.map((f) => [f.ruleId, f.severity]), [['nat-gateway-placement', 'error']]);
  // Findings on a group go to its members; findings on a listener go to its load balancer.
  assert.deepEqual(node(map, 'Alb').findings.map((f) => f.ruleId).sort(), ['alb-http-listener', 'alb-without-waf']);
  assert.ok(node(map, 'AppGroup').findings.some((f) => f.ruleId === 'unrestricted-egress' && f.message.startsWith('AppSg has no SecurityGroupEgress')));
  assert.deepEqual(map.clusters.find((c) => c.id === 'subnet:PublicA')?.findings.map((f) => f.ruleId), ['public-subnet-auto-ip']);
  assert.deepEqual(node(map, 'AdminHost').source, { file: join(ROOT, 'examples/exposed-web-app.yaml'), line: 156, character: 2 });
  assert.deepEqual(map.otherFindings, []);
});

test('secure example: no exposure path; ALB to app, endpoint to app on SSH, app to database, NAT egress', () => {
  const map = mapOf('examples/secure-web-app.yaml');
  assert.deepEqual(edges(map, 'exposure'), []);
  assert.deepEqual(edges(map, 'flow'), ['internet -> Igw | ', 'Igw -> Alb | HTTPS 443, HTTP 80', 'Alb -> AppGroup | HTTP 8080', 'InstanceConnectEndpoint -> AppGroup | tcp 22', 'AppGroup -> Database | tcp 5432']);
  assert.deepEqual(edges(map, 'egress'), ['Nat -> Igw | egress 0.0.0.0/0']);
  assert.equal(node(map, 'AppGroup').parent, 'subnet:PrivateA');
  assert.equal(node(map, 'Database').kind, 'data-store');
  assert.ok(map.nodes.every((n) => !n.exposed));
});

test('conditional parts: a resource Condition and an Fn::If subnet choice make nodes, flows and paths conditional', () => {
  const map = mapOf('test/map/fixtures/conditional.yaml');
  assert.equal(node(map, 'Bastion').conditional, 'exists if WithBastion');
  assert.equal(node(map, 'App').conditional, undefined);
  assert.equal(node(map, 'App').detail, 'EC2 instance (+1 subnet)');
  assert.deepEqual(node(map, 'App').subnets, ['PublicA', 'PrivateA']);
  assert.deepEqual(edges(map, 'exposure'), [
    'Igw -> Bastion | public-ip-on-backend +1 | when condition WithBastion is true',
    'Igw -> App | backend-in-public-subnet | when condition UsePublic is true',
  ]);
  assert.deepEqual(edges(map, 'flow'), ['internet -> Igw | ', 'Bastion -> App | tcp 8080 | when condition WithBastion is true']);
  assert.equal(map.clusters.find((c) => c.id === 'subnet:PrivateA')?.cls, 'isolated');
});

test('Terraform module: addresses as ids, the same exposure paths as the CloudFormation example', () => {
  const map = mapOf('examples/terraform/exposed-web-app');
  assert.deepEqual(edges(map, 'exposure').map((e) => e.split(' | ')[0]), [
    'aws_internet_gateway.igw -> aws_autoscaling_group.app',
    'aws_internet_gateway.igw -> aws_instance.admin',
    'aws_internet_gateway.igw -> aws_db_instance.db',
  ]);
  assert.equal(node(map, 'aws_instance.admin').parent, 'subnet:aws_subnet.public_a');
});

test('several templates: one box per template, node ids kept apart, one internet', () => {
  const map = buildExposureMap(pathParts([join(ROOT, 'examples/exposed-web-app.yaml'), join(ROOT, 'examples/secure-web-app.yaml')], { cwd: ROOT }));
  assert.deepEqual(map.clusters.filter((c) => c.kind === 'part').map((c) => c.label), ['examples/exposed-web-app.yaml', 'examples/secure-web-app.yaml']);
  assert.equal(map.nodes.filter((n) => n.kind === 'internet').length, 1);
  assert.ok(map.nodes.some((n) => n.id === 'p0:AdminHost') && map.nodes.some((n) => n.id === 'p1:AppGroup'));
  assert.ok(map.edges.some((e) => e.from === 'internet' && e.to === 'p1:Igw'));
});

test('diff marks introduced exposures; the others stay, muted', () => {
  const parts = pathParts([join(ROOT, 'examples/exposed-web-app.yaml')]);
  const map = buildExposureMap(parts, { introduced: new Set([findingKey({ ruleId: 'public-ip-on-backend', resource: 'AdminHost' })]) });
  assert.equal(map.diff, true);
  assert.deepEqual(map.edges.filter((e) => e.kind === 'exposure').map((e) => [e.to, !!e.introduced]), [['AdminHost', true], ['AppGroup', false], ['Database', false]]);
});

test('layout: every node lies inside its box, boxes inside their parents, every edge has a path', async () => {
  const map = mapOf('examples/exposed-web-app.yaml');
  const laid = await layoutMap(map);
  const inside = (inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }) =>
    inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
  for (const n of map.nodes) {
    const box = laid.nodes.get(n.id);
    assert.ok(box, n.id);
    if (n.parent) assert.ok(inside(box, laid.clusters.get(n.parent)!), `${n.id} inside ${n.parent}`);
  }
  for (const c of map.clusters) if (c.parent) assert.ok(inside(laid.clusters.get(c.id)!, laid.clusters.get(c.parent)!), `${c.id} inside ${c.parent}`);
  for (const e of map.edges) assert.ok((laid.edges.get(e.id)?.points.length ?? 0) >= 2, e.id);
  // Top to bottom: the internet above its gateway, the gateway above the VPC.
  assert.ok(laid.nodes.get('internet')!.y < laid.nodes.get('Igw')!.y);
  assert.ok(laid.nodes.get('Igw')!.y < laid.clusters.get('vpc:Vpc')!.y);
});

test('layout: NAT egress back to the gateway does not pull the gateway below the VPC', async () => {
  const map = mapOf('examples/secure-web-app.yaml');
  assert.deepEqual(edges(map, 'egress'), ['Nat -> Igw | egress 0.0.0.0/0']);
  const laid = await layoutMap(map);
  assert.ok(laid.nodes.get('internet')!.y < laid.nodes.get('Igw')!.y);
  assert.ok(laid.nodes.get('Igw')!.y + laid.nodes.get('Igw')!.height < laid.clusters.get('vpc:Vpc')!.y, 'gateway above the VPC');
});
