// "${...}" resolution in the Terraform adapter: variables, locals, attributes, interpolation, conditionals, functions.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../../server/src/topology/build';
import { defaultConfig } from '../../../server/src/engine/types';
import { alts, entity, lintFiles, modelOf } from './helpers';

const VARIABLES = {
  cidr: { default: '10.1.0.0/16' },
  no_default: { type: 'string' },
  public: { default: true },
  private_ids: { default: ['subnet-a', 'subnet-b'] },
  net: { default: { prod: { cidr: '10.9.0.0/16' } } },
  create: { default: false },
};

const LOCALS = {
  world: '0.0.0.0/0',
  prefix: '10.2',
  from_var: '${var.cidr}',
  cycle_a: '${local.cycle_b}',
  cycle_b: '${local.cycle_a}',
};

/** A module with a VPC, a security group and one aws_security_group_rule whose cidr_blocks item is `expr`. */
function module(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    variable: VARIABLES,
    locals: LOCALS,
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', count: 2 } },
      aws_security_group: { sg: { vpc_id: '${aws_vpc.main.id}' } },
      ...extra,
    },
  };
}

function cidr(expr: unknown): unknown {
  const { model } = modelOf(JSON.stringify(module({ aws_security_group_rule: { r: { type: 'ingress', security_group_id: '${aws_security_group.sg.id}', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: [expr] } } }), null, 2));
  return alts(model.sgRules[0]?.peer.value);
}

function vpcRef(expr: unknown): unknown {
  const { model } = modelOf(JSON.stringify(module({ aws_route_table: { t: { vpc_id: expr } } }), null, 2));
  return alts(entity(model, 'aws_route_table.t', 'route-table').vpc);
}

test('variables: default values; no default is unknown; nested keys and indexes of defaults', () => {
  assert.deepEqual(cidr('${var.cidr}'), [{ value: '10.1.0.0/16' }]);
  assert.deepEqual(cidr('${var.no_default}'), [{ value: undefined }]);
  assert.deepEqual(cidr('${var.undeclared}'), [{ value: undefined }]);
  assert.deepEqual(cidr('${var.net.prod.cidr}'), [{ value: '10.9.0.0/16' }]);
  assert.deepEqual(cidr('${var.net["prod"].cidr}'), [{ value: '10.9.0.0/16' }]);
  assert.deepEqual(vpcRef('${var.private_ids[1]}'), [{ value: undefined, literal: 'subnet-b' }]);
});

test('locals: literal, through a variable; a cycle is unknown, not a hang', () => {
  assert.deepEqual(cidr('${local.world}'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('${local.from_var}'), [{ value: '10.1.0.0/16' }]);
  assert.deepEqual(cidr('${local.cycle_a}'), [{ value: undefined }]);
});

test('interpolation: known parts join; an unknown part makes the whole unknown; $${ is a literal', () => {
  assert.deepEqual(cidr('${local.prefix}.0.0/16'), [{ value: '10.2.0.0/16' }]);
  assert.deepEqual(cidr('${var.no_default}.0.0/16'), [{ value: undefined }]);
  assert.deepEqual(cidr('$${local.world}'), [{ value: '${local.world}' }]);
  assert.deepEqual(cidr('plain 0.0.0.0/0'), [{ value: 'plain 0.0.0.0/0' }]);
});

test('resource attributes: identity attributes refer to the resource; written arguments resolve to their value', () => {
  assert.deepEqual(vpcRef('${aws_vpc.main.id}'), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(vpcRef('${aws_subnet.a[0].vpc_id}'), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(cidr('${aws_vpc.main.cidr_block}'), [{ value: '10.0.0.0/16' }]);
  // A computed attribute of a resource is not a CIDR we know.
  assert.deepEqual(cidr('${aws_vpc.main.ipv6_cidr_block}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('${aws_vpc.nowhere.id}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('${data.aws_vpc.shared.id}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('${module.net.vpc_id}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('vpc-0literal'), [{ value: undefined, literal: 'vpc-0literal' }]);
});

test('conditionals: a decidable condition picks its branch; an unknown one yields guarded branches', () => {
  assert.deepEqual(cidr('${var.public ? "0.0.0.0/0" : "10.0.0.0/8"}'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('${!var.public ? "0.0.0.0/0" : "10.0.0.0/8"}'), [{ value: '10.0.0.0/8' }]);
  assert.deepEqual(cidr('${var.no_default == "x" ? local.world : "10.0.0.0/8"}'), [
    { value: '0.0.0.0/0', when: [{ condition: 'var.no_default == "x"', holds: true }] },
    { value: '10.0.0.0/8', when: [{ condition: 'var.no_default == "x"', holds: false }] },
  ]);
  assert.deepEqual(vpcRef('${var.no_default != "" ? var.no_default : aws_vpc.main.id}'), [
    { value: undefined, when: [{ condition: 'var.no_default != ""', holds: true }] },
    { value: 'aws_vpc.main', when: [{ condition: 'var.no_default != ""', holds: false }] },
  ]);
});

test('functions: element/one/tolist/concat over lists; others are unknown', () => {
  assert.deepEqual(vpcRef('${element(aws_vpc.main[*].id, 0)}'), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(vpcRef('${aws_vpc.main.*.id[0]}'), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(vpcRef('${aws_vpc.main.id.nested}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('${one(aws_vpc.main[*].id)}'), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(cidr('${tostring(local.world)}'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('${element(concat(["10.0.0.0/8"], [local.world]), 1)}'), [{ value: '0.0.0.0/0' }]);
  // cidrsubnet is evaluated on a known prefix (the variable's default); lookup on an unknown map is not.
  assert.deepEqual(cidr('${cidrsubnet(var.cidr, 8, 1)}'), [{ value: '10.1.1.0/24' }]);
  assert.deepEqual(cidr('${lookup(var.net, "prod")}'), [{ value: undefined }]);
});

test('unparsable or directive templates are unknown', () => {
  assert.deepEqual(cidr('${'), [{ value: undefined }]);
  assert.deepEqual(cidr('%{ if var.public }0.0.0.0/0%{ endif }'), [{ value: undefined }]);
  assert.deepEqual(cidr('${[for c in var.private_ids : c]'), [{ value: undefined }]);
});

test('list arguments: a list expression yields one item per element; an unknown list is one unknown item', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_lb: {
      a: { subnets: '${aws_subnet.a[*].id}' },
      b: { subnets: '${var.private_ids}' },
      c: { subnets: '${var.no_default}' },
      d: { subnets: ['${aws_subnet.a[0].id}', '${var.private_ids[0]}'] },
      e: { subnets: '${var.public ? [aws_subnet.a[0].id] : []}' },
    },
  }), null, 2));
  const subnets = (id: string) => entity(model, `aws_lb.${id}`, 'load-balancer').subnets.map(alts);
  assert.deepEqual(subnets('a'), [[{ value: 'aws_subnet.a' }]]);
  assert.deepEqual(subnets('b'), [[{ value: undefined, literal: 'subnet-a' }], [{ value: undefined, literal: 'subnet-b' }]]);
  assert.deepEqual(subnets('c'), [[{ value: undefined }]]);
  assert.deepEqual(subnets('d'), [[{ value: 'aws_subnet.a' }], [{ value: undefined, literal: 'subnet-a' }]]);
  assert.deepEqual(subnets('e'), [[{ value: 'aws_subnet.a' }]]);
});

test('count = 0 (decided from variable defaults) means the resource is never created', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_instance: {
      off: { count: '${var.create ? 1 : 0}', subnet_id: '${aws_subnet.a[0].id}' },
      on: { count: '${var.public ? 1 : 0}', subnet_id: '${aws_subnet.a[count.index].id}' },
      maybe: { count: '${var.no_default ? 1 : 0}', subnet_id: '${aws_subnet.a[0].id}' },
    },
  }), null, 2));
  assert.deepEqual(model.workloads.map((w) => w.id), ['aws_instance.on', 'aws_instance.maybe']);
  assert.ok(model.resourceIds.has('aws_instance.off'));
  assert.deepEqual(entity(model, 'aws_instance.on', 'workload').subnets.map(alts), [[{ value: 'aws_subnet.a' }]]);
});

test('for_each: each.value over a resource or a set, each.key over a set', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_route_table: { t: { vpc_id: '${aws_vpc.main.id}' } },
    aws_route_table_association: {
      by_resource: { for_each: '${aws_subnet.a}', subnet_id: '${each.value.id}', route_table_id: '${aws_route_table.t.id}' },
      by_set: { for_each: '${toset(["subnet-1", "subnet-2"])}', subnet_id: '${each.key}', route_table_id: '${aws_route_table.t.id}' },
      by_unknown: { for_each: '${var.no_default}', subnet_id: '${each.value}', route_table_id: '${aws_route_table.t.id}' },
    },
  }), null, 2));
  const table = entity(model, 'aws_route_table.t', 'route-table');
  assert.deepEqual(table.associations.map((a) => [a.id, alts(a.subnet)]), [
    ['aws_route_table_association.by_resource', [{ value: 'aws_subnet.a' }]],
    ['aws_route_table_association.by_set', [{ value: undefined, literal: 'subnet-1' }, { value: undefined, literal: 'subnet-2' }]],
    ['aws_route_table_association.by_unknown', [{ value: undefined }]],
  ]);
});

test('an instance placed by an interface or a launch template we cannot see is not "in the default VPC"', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_instance: {
      by_eni: { network_interface: [{ network_interface_id: '${var.no_default}', device_index: 0 }] },
      by_template: { launch_template: { id: '${data.aws_launch_template.shared.id}' } },
      nowhere: { ami: 'ami-1' },
    },
  }), null, 2));
  assert.deepEqual(entity(model, 'aws_instance.by_eni', 'workload').subnets.map(alts), [[{ value: undefined }]]);
  assert.deepEqual(entity(model, 'aws_instance.by_template', 'workload').subnets.map(alts), [[{ value: undefined }]]);
  assert.deepEqual(entity(model, 'aws_instance.nowhere', 'workload').subnets, []);
});

test('count = cond ? 1 : 0 on an undecidable condition: the resource exists under it, and so do its routes', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.main.id}' } },
    aws_route_table: { t: { vpc_id: '${aws_vpc.main.id}' } },
    aws_route: {
      maybe: { count: '${var.no_default == "public" ? 1 : 0}', route_table_id: '${aws_route_table.t.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' },
      inverted: { count: '${var.no_default == "public" ? 0 : 1}', route_table_id: '${aws_route_table.t.id}', destination_cidr_block: '10.9.0.0/16', gateway_id: '${aws_internet_gateway.igw.id}' },
    },
    aws_route_table_association: { a: { subnet_id: '${aws_subnet.a[0].id}', route_table_id: '${aws_route_table.t.id}' } },
  }), null, 2));
  const table = entity(model, 'aws_route_table.t', 'route-table');
  assert.deepEqual(table.routes.map((r) => [r.id, r.entity?.condition]), [['aws_route.maybe', 'var.no_default == "public"'], ['aws_route.inverted', undefined]]);
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.subnetViews('aws_subnet.a').map((v) => [v.cls, v.when]), [
    ['public', [{ condition: 'var.no_default == "public"', holds: true }]],
    ['isolated', [{ condition: 'var.no_default == "public"', holds: false }]],
  ]);
});

test('attribute-as-blocks lists that write every argument, unset ones as "" or null', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.main.id}' } },
    aws_route_table: {
      t: {
        vpc_id: '${aws_vpc.main.id}',
        route: [{ cidr_block: '', ipv6_cidr_block: '::/0', destination_prefix_list_id: null, gateway_id: '${aws_internet_gateway.igw.id}', nat_gateway_id: '', instance_id: null, network_interface_id: '', transit_gateway_id: '' }],
      },
    },
    aws_security_group_rule: {
      r: { type: 'ingress', security_group_id: '${aws_security_group.sg.id}', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'], source_security_group_id: '', ipv6_cidr_blocks: null, self: false },
    },
  }), null, 2));
  const table = entity(model, 'aws_route_table.t', 'route-table');
  assert.deepEqual(table.routes.map((r) => [r.target.kind, alts(r.target.ref), alts(r.destination)]), [['internet-gateway', [{ value: 'aws_internet_gateway.igw' }], [{ value: '::/0' }]]]);
  assert.deepEqual(model.sgRules.map((r) => [r.id, r.peer.kind, alts(r.peer.value)]), [['aws_security_group_rule.r', 'cidr', [{ value: '0.0.0.0/0' }]]]);
});

test('dynamic blocks: the content is read as a block; iterator values are unknown', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_security_group: {
      dyn: {
        vpc_id: '${aws_vpc.main.id}',
        dynamic: {
          ingress: {
            for_each: '${var.private_ids}',
            content: { from_port: '${ingress.value}', to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
          },
        },
      },
    },
  }), null, 2));
  const group = entity(model, 'aws_security_group.dyn', 'security-group');
  assert.deepEqual(group.ingress.map((r) => [r.id, alts(r.peer.value), alts(r.fromPort), alts(r.toPort)]), [
    ['aws_security_group.dyn.ingress[0]', [{ value: '0.0.0.0/0' }], [{ value: undefined }], [{ value: 22 }]],
  ]);
});

test('an attribute that a resource writes as a reference resolves through it (a rule\'s security_group_id is its group)', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_security_group_rule: { r: { type: 'ingress', security_group_id: '${aws_security_group.sg.id}', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] } },
    aws_route_table: { t: { vpc_id: '${aws_security_group.sg.vpc_id}' } },
    aws_instance: { i: { subnet_id: '${aws_subnet.a[0].id}', vpc_security_group_ids: ['${aws_security_group_rule.r.security_group_id}'] } },
  }), null, 2));
  assert.deepEqual(alts(entity(model, 'aws_route_table.t', 'route-table').vpc), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(entity(model, 'aws_instance.i', 'workload').securityGroups.map(alts), [[{ value: 'aws_security_group.sg' }]]);
});

test('try, coalesce and length, and references into resources that are never created', () => {
  const { model } = modelOf(JSON.stringify(module({
    aws_vpc_ipv4_cidr_block_association: { extra: { count: '${var.create ? 1 : 0}', vpc_id: '${aws_vpc.main.id}' } },
    aws_route_table: {
      by_try: { vpc_id: '${try(aws_vpc_ipv4_cidr_block_association.extra[0].vpc_id, aws_vpc.main.id, "")}' },
      by_coalesce: { vpc_id: '${coalesce("", aws_vpc.main.id)}' },
      unknown_first: { vpc_id: '${try(var.no_default, aws_vpc.main.id)}' },
    },
    aws_lb: { none: { subnets: '${aws_vpc_ipv4_cidr_block_association.extra[*].id}' } },
    aws_instance: {
      counted: { count: '${length(var.private_ids) > 1 ? 1 : 0}', subnet_id: '${aws_subnet.a[0].id}' },
      gone: { count: '${length(var.private_ids) > 5 ? 1 : 0}' },
      none_of_set: { for_each: '${toset([])}' },
      none_of_map: { for_each: {} },
    },
  }), null, 2));
  assert.deepEqual(alts(entity(model, 'aws_route_table.by_try', 'route-table').vpc), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(alts(entity(model, 'aws_route_table.by_coalesce', 'route-table').vpc), [{ value: 'aws_vpc.main' }]);
  // try() of a value unknown at lint time: it may well succeed, so the result is unknown.
  assert.deepEqual(alts(entity(model, 'aws_route_table.unknown_first', 'route-table').vpc), [{ value: undefined }]);
  // A splat over a resource that is never created is an empty list.
  assert.deepEqual(entity(model, 'aws_lb.none', 'load-balancer').subnets, []);
  assert.deepEqual(model.workloads.map((w) => w.id), ['aws_instance.counted']);
});

test('a variable defaulting to null, [] or {} is a placeholder for its caller: unknown, never "unset"', () => {
  const text = JSON.stringify({
    variable: { subnet_id: { default: null }, subnet_ids: { default: [] }, tags: { default: {} } },
    resource: {
      aws_instance: { i: { subnet_id: '${var.subnet_id}' } },
      aws_autoscaling_group: { g: { vpc_zone_identifier: '${var.subnet_ids}', launch_configuration: 'lc' } },
    },
  }, null, 2);
  const { model } = modelOf(text);
  assert.deepEqual(entity(model, 'aws_instance.i', 'workload').subnets.map(alts), [[{ value: undefined }]]);
  assert.deepEqual(entity(model, 'aws_autoscaling_group.g', 'workload').subnets.map(alts), [[{ value: undefined }]]);
  assert.deepEqual(lintFiles([{ path: 'main.tf.json', text }]).findings.map((f) => f.ruleId), []);
});
