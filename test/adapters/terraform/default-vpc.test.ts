// aws_default_vpc and aws_default_subnet: the default VPC's internet gateway and main route table that AWS makes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../../server/src/topology/build';
import { defaultConfig } from '../../../server/src/engine/types';
import { alts, entity, fixtureDir, lintFiles, modelOf, moduleFiles, textAt } from './helpers';

const files = moduleFiles(fixtureDir('default-vpc'));

test('the default VPC comes with an attached internet gateway and a main route table to it', () => {
  const { model } = modelOf(files[0].text);
  assert.deepEqual(model.problems, []);
  const igw = entity(model, 'aws_default_vpc.default.internet_gateway', 'internet-gateway');
  assert.deepEqual(igw.attachments.map((a) => alts(a.vpc)), [[{ value: 'aws_default_vpc.default' }]]);
  const table = entity(model, 'aws_default_vpc.default.main_route_table', 'route-table');
  assert.equal(table.isMain, true);
  assert.deepEqual(table.routes.map((r) => [r.target.kind, alts(r.target.ref), alts(r.destination)]), [['internet-gateway', [{ value: 'aws_default_vpc.default.internet_gateway' }], [{ value: '0.0.0.0/0' }]]]);
  assert.deepEqual(alts(entity(model, 'aws_default_subnet.a', 'subnet').vpc), [{ value: 'aws_default_vpc.default' }]);
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.subnetViews('aws_default_subnet.a').map((v) => [v.cls, v.label]), [['public', 'aws_default_subnet.a (0.0.0.0/0 -> aws_default_vpc.default.internet_gateway)']]);
});

test('a backend in a default subnet is in a public subnet; the subnet maps public IPs, so the backend gets one', () => {
  const text = files[0].text;
  const findings = lintFiles(files).findings.map((f) => [f.ruleId, f.resource, textAt(text, f.loc)]);
  assert.deepEqual(findings, [
    ['public-subnet-auto-ip', 'aws_default_subnet.a', '"map_public_ip_on_launch": true'],
    ['backend-in-public-subnet', 'aws_instance.app', '"subnet_id": "${aws_default_subnet.a.id}"'],
    ['public-ip-on-backend', 'aws_instance.app', '"subnet_id": "${aws_default_subnet.a.id}"'],
  ]);
});

test('a written aws_default_route_table replaces the default routes; without aws_default_vpc the VPC is unknown', () => {
  const withTable = JSON.parse(files[0].text);
  withTable.resource.aws_default_route_table = { main: { default_route_table_id: '${aws_default_vpc.default.default_route_table_id}', route: [] } };
  const { model } = modelOf(JSON.stringify(withTable, null, 2));
  assert.equal(entity(model, 'aws_default_vpc.default.main_route_table', 'route-table').isMain, false);
  assert.deepEqual(buildTopology(model, defaultConfig()).subnetViews('aws_default_subnet.a').map((v) => v.cls), ['isolated']);
  const alone = JSON.parse(files[0].text);
  delete alone.resource.aws_default_vpc;
  const text = JSON.stringify(alone, null, 2);
  assert.deepEqual(lintFiles([{ path: 'main.tf.json', text }]).findings.map((f) => f.ruleId), []);
});
