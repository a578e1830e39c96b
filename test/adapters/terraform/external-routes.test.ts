// Route tables from outside the module (a variable, a data source, a literal id): the subnets they serve are
// unknown, never judged by a main table; a route into such a table may change a main table we cannot see.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../../server/src/topology/build';
import { defaultConfig } from '../../../server/src/engine/types';
import { alts, entity, lintFiles, modelOf, textAt } from './helpers';

/** A VPC with an internet gateway and no declared main table; every subnet is associated with a table from elsewhere. */
const ASSOCIATED = {
  variable: { app_route_table_id: { type: 'string' } },
  data: { aws_route_table: { public: { filter: [{ name: 'tag:Name', values: ['public'] }] } } },
  resource: {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
    aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.main.id}' } },
    aws_subnet: {
      pub_a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.0.0/24' },
      pub_b: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.1.0/24' },
      app: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.2.0/24' },
    },
    aws_route_table_association: {
      pub_a: { subnet_id: '${aws_subnet.pub_a.id}', route_table_id: 'rtb-0123456789abcdef0' },
      pub_b: { subnet_id: '${aws_subnet.pub_b.id}', route_table_id: '${data.aws_route_table.public.id}' },
      app: { subnet_id: '${aws_subnet.app.id}', route_table_id: '${var.app_route_table_id}' },
    },
    aws_eip: { nat: { domain: 'vpc' } },
    aws_nat_gateway: { nat: { subnet_id: '${aws_subnet.pub_a.id}', allocation_id: '${aws_eip.nat.id}' } },
    aws_security_group: { alb: { vpc_id: '${aws_vpc.main.id}' } },
    aws_lb: { web: { internal: false, load_balancer_type: 'application', subnets: ['${aws_subnet.pub_a.id}', '${aws_subnet.pub_b.id}'], security_groups: ['${aws_security_group.alb.id}'] } },
    aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.app.id}' } },
  },
};

/** Findings of these rules, as [rule, resource, range text]. */
function placementFindings(text: string): [string, string | undefined, string | undefined][] {
  const rules = ['backend-without-nat-egress', 'nat-gateway-placement', 'internet-facing-lb-in-private-subnet', 'backend-in-public-subnet'];
  return lintFiles([{ path: 'main.tf.json', text }])
    .findings.filter((f) => rules.includes(f.ruleId))
    .map((f) => [f.ruleId, f.resource, textAt(text, f.loc)]);
}

test('associations with a table from a literal id, a data source or a variable are the subnets\' external route tables', () => {
  const { model, text } = modelOf(JSON.stringify(ASSOCIATED, null, 2));
  const external = (id: string) => entity(model, id, 'subnet').externalRouteTables?.map((a) => [a.id, textAt(text, a.loc)?.split('\n')[0], alts(a.table)?.map((alt) => alt.value ?? alt.literal)]);
  assert.deepEqual(external('aws_subnet.pub_a'), [['aws_route_table_association.pub_a', '"pub_a": {', ['rtb-0123456789abcdef0']]]);
  assert.deepEqual(external('aws_subnet.pub_b'), [['aws_route_table_association.pub_b', '"pub_b": {', [undefined]]]);
  assert.deepEqual(external('aws_subnet.app'), [['aws_route_table_association.app', '"app": {', [undefined]]]);
  const topology = buildTopology(model, defaultConfig());
  for (const id of ['aws_subnet.pub_a', 'aws_subnet.pub_b', 'aws_subnet.app']) {
    assert.deepEqual(topology.subnetViews(id).map((v) => v.cls), ['unknown'], id);
  }
});

test('no NAT-egress, NAT-placement or LB-placement finding by guess on subnets with a table from elsewhere', () => {
  assert.deepEqual(placementFindings(JSON.stringify(ASSOCIATED, null, 2)), []);
});

test('a table declared in the module still decides: the same subnets on a local table with no default route are isolated', () => {
  const local = JSON.parse(JSON.stringify(ASSOCIATED));
  local.resource.aws_route_table = { local: { vpc_id: '${aws_vpc.main.id}' } };
  for (const a of Object.values(local.resource.aws_route_table_association) as { route_table_id: string }[]) a.route_table_id = '${aws_route_table.local.id}';
  const text = JSON.stringify(local, null, 2);
  assert.deepEqual(entity(modelOf(text).model, 'aws_subnet.app', 'subnet').externalRouteTables, undefined);
  assert.deepEqual(placementFindings(text), [
    ['nat-gateway-placement', 'aws_nat_gateway.nat', '"subnet_id": "${aws_subnet.pub_a.id}"'],
    ['internet-facing-lb-in-private-subnet', 'aws_lb.web', '"${aws_subnet.pub_a.id}"'],
    ['internet-facing-lb-in-private-subnet', 'aws_lb.web', '"${aws_subnet.pub_b.id}"'],
    ['backend-without-nat-egress', 'aws_instance.app', '"subnet_id": "${aws_subnet.app.id}"'],
  ]);
});

/** A subnet with no association in a VPC from a variable or a data source: its main table is not in the module. */
test('a subnet with no association in a VPC from elsewhere is unknown', () => {
  for (const vpc of ['${var.vpc_id}', '${data.aws_vpc.shared.id}', 'vpc-0123456789abcdef0']) {
    const module = {
      variable: { vpc_id: { type: 'string' } },
      data: { aws_vpc: { shared: { default: false } } },
      resource: {
        aws_subnet: { app: { vpc_id: vpc, cidr_block: '10.0.2.0/24' } },
        aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.app.id}' } },
      },
    };
    const text = JSON.stringify(module, null, 2);
    assert.deepEqual(buildTopology(modelOf(text).model, defaultConfig()).subnetViews('aws_subnet.app').map((v) => v.cls), ['unknown'], vpc);
    assert.deepEqual(placementFindings(text), [], vpc);
  }
});

test('a default route into a table from elsewhere is an external route: subnets on the main table of a module VPC are unknown', () => {
  const module = {
    variable: { main_route_table_id: { type: 'string' } },
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: { app: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.2.0/24' } },
      aws_route: { egress: { route_table_id: '${var.main_route_table_id}', destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-0123456789abcdef0' } },
      aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.app.id}' } },
    },
  };
  const text = JSON.stringify(module, null, 2);
  const { model } = modelOf(text);
  assert.deepEqual(model.externalRoutes?.map((r) => [r.id, r.target.kind, alts(r.routeTable)?.map((a) => a.value), alts(r.destination)?.map((a) => a.value)]), [['aws_route.egress', 'nat-gateway', [undefined], ['0.0.0.0/0']]]);
  assert.deepEqual(buildTopology(model, defaultConfig()).subnetViews('aws_subnet.app').map((v) => v.cls), ['unknown']);
  assert.deepEqual(placementFindings(text), []);
  // Without that route the subnet keeps the module VPC's main table: only the local route, isolated.
  delete (module.resource as Record<string, unknown>).aws_route;
  const alone = JSON.stringify(module, null, 2);
  assert.deepEqual(buildTopology(modelOf(alone).model, defaultConfig()).subnetViews('aws_subnet.app').map((v) => v.cls), ['isolated']);
});
