// VPC plumbing in Terraform: VPCs, internet gateways, subnets, route tables (inline and standalone routes),
// associations, the main/default route table, NAT gateways and Elastic IPs.
import { Eip, InternetGateway, NatGateway, Prop, Route, RouteTable, RouteTargetKind, Subnet, Vpc } from '../../model/types';
import { Node, getPair, getValue } from '../../source/tree';
import { BuildContext, Resource } from './context';
import { asBool, asRef, asString, isBlank, refTargets } from './props';
import { eachTarget, linkGuarded } from '../shared/links';
import { addRouteToTables, linkExternalRouteTable, noteExternalRoute, routeTargetsOf } from '../shared/routes';

export function buildVpc(ctx: BuildContext, res: Resource): void {
  const vpc: Vpc = { ...res.base, kind: 'vpc' };
  const cidr = res.r.prop(res.body, 'cidr_block', asString);
  if (cidr) vpc.cidr = cidr;
  ctx.add(vpc, ctx.model.vpcs);
}

/**
 * aws_default_vpc: the region's default VPC, which AWS gives an attached internet gateway and a main route
 * table sending 0.0.0.0/0 to it. Neither is written, so both are entities of this resource.
 */
export function buildDefaultVpc(ctx: BuildContext, res: Resource): void {
  buildVpc(ctx, res);
  const self: Prop<string> = { alts: [{ value: res.id }], loc: res.base.loc, valueLoc: res.base.loc };
  const igw: InternetGateway = { ...res.base, id: `${res.id}.internet_gateway`, kind: 'internet-gateway', attachments: [{ id: res.id, vpc: self, loc: res.base.loc }] };
  ctx.add(igw, ctx.model.internetGateways);
  const table: RouteTable = { ...res.base, id: `${res.id}.main_route_table`, kind: 'route-table', vpc: self, routes: [], associations: [], isMain: true };
  const tableRef: Prop<string> = { alts: [{ value: table.id }], loc: res.base.loc, valueLoc: res.base.loc };
  table.routes.push({
    id: `${table.id}.route[0]`,
    routeTable: tableRef,
    destination: { alts: [{ value: '0.0.0.0/0' }], loc: res.base.loc, valueLoc: res.base.loc },
    target: { kind: 'internet-gateway', ref: { alts: [{ value: igw.id }], loc: res.base.loc, valueLoc: res.base.loc } },
    loc: res.base.loc,
  });
  ctx.add(table, ctx.model.routeTables);
}

/** aws_default_subnet: a subnet of the default VPC (the module's aws_default_vpc, when it declares one). */
export function buildDefaultSubnet(ctx: BuildContext, res: Resource): void {
  const subnet: Subnet = { ...res.base, kind: 'subnet' };
  const vpcs = [...ctx.byAddress.values()].filter((r) => r.type === 'aws_default_vpc');
  if (vpcs.length === 1) subnet.vpc = { alts: [{ value: vpcs[0].id }], loc: res.base.loc, valueLoc: res.base.loc };
  const mapPublic = res.r.prop(res.body, 'map_public_ip_on_launch', asBool);
  if (mapPublic) subnet.mapPublicIpOnLaunch = mapPublic;
  ctx.add(subnet, ctx.model.subnets);
}

/** After every table exists: a written main table of the default VPC replaces the one AWS made. */
export function finishDefaultVpcs(ctx: BuildContext): void {
  for (const table of ctx.model.routeTables) {
    if (!table.isMain || !table.id.endsWith('.main_route_table') || ctx.byAddress.get(table.id)) continue;
    const vpc = table.vpc?.alts[0]?.value;
    if (ctx.model.routeTables.some((t) => t !== table && t.isMain && refTargets(t.vpc).some((v) => v.id === vpc))) table.isMain = false;
  }
}

export function buildInternetGateway(ctx: BuildContext, res: Resource): void {
  const igw: InternetGateway = { ...res.base, kind: 'internet-gateway', attachments: [] };
  // `vpc_id` on the gateway attaches it.
  const pair = getPair(res.body, 'vpc_id');
  const vpc = pair && res.r.pairProp(pair, asRef);
  if (pair && vpc) igw.attachments.push({ id: res.id, vpc, loc: res.r.loc(pair) });
  ctx.add(igw, ctx.model.internetGateways);
}

export function buildSubnet(ctx: BuildContext, res: Resource): void {
  const subnet: Subnet = { ...res.base, kind: 'subnet' };
  const vpc = res.r.prop(res.body, 'vpc_id', asRef);
  if (vpc) subnet.vpc = vpc;
  const mapPublic = res.r.prop(res.body, 'map_public_ip_on_launch', asBool);
  if (mapPublic) subnet.mapPublicIpOnLaunch = mapPublic;
  const ipv6 = res.r.prop(res.body, 'assign_ipv6_address_on_creation', asBool);
  if (ipv6) subnet.assignIpv6OnCreation = ipv6;
  ctx.add(subnet, ctx.model.subnets);
}

/** aws_route_table and aws_default_route_table: inline `route` blocks become the table's routes. */
export function buildRouteTable(ctx: BuildContext, res: Resource): void {
  const table: RouteTable = { ...res.base, kind: 'route-table', routes: [], associations: [] };
  if (res.type === 'aws_default_route_table') {
    // default_route_table_id = aws_vpc.x.default_route_table_id: the VPC's main table.
    table.isMain = true;
    const vpc = res.r.prop(res.body, 'default_route_table_id', asRef);
    if (vpc && refTargets(vpc).some((t) => ['aws_vpc', 'aws_default_vpc'].includes(ctx.resolver.resourceType(t.id) ?? ''))) table.vpc = vpc;
  } else {
    const vpc = res.r.prop(res.body, 'vpc_id', asRef);
    if (vpc) table.vpc = vpc;
  }
  const self: Prop<string> = { alts: [{ value: res.id }], loc: res.base.loc, valueLoc: res.base.loc };
  for (const block of res.r.blocks(res.body, 'route')) {
    const loc = res.r.loc(block.item);
    const routeTable: Prop<string> = block.when?.length ? { alts: [{ value: res.id, when: block.when }], loc, valueLoc: loc } : { ...self, loc, valueLoc: loc };
    const destination = res.r.first(block.map, ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'], asString, block.when);
    for (const target of routeTargets(ctx, res, block.map, ROUTE_TARGETS)) {
      const route: Route = { id: `${res.id}.route[${block.index}]`, routeTable, target, loc };
      if (destination) route.destination = destination;
      table.routes.push(route);
    }
  }
  ctx.add(table, ctx.model.routeTables);
}

export function buildNatGateway(ctx: BuildContext, res: Resource): void {
  const nat: NatGateway = { ...res.base, kind: 'nat-gateway' };
  const subnet = res.r.prop(res.body, 'subnet_id', asRef);
  if (subnet) nat.subnet = subnet;
  const allocation = res.r.prop(res.body, 'allocation_id', asRef);
  if (allocation) nat.allocation = allocation;
  const connectivity = res.r.prop(res.body, 'connectivity_type', asString);
  if (connectivity) nat.connectivity = connectivity;
  ctx.add(nat, ctx.model.natGateways);
}

export function buildEip(ctx: BuildContext, res: Resource): void {
  const eip: Eip = { ...res.base, kind: 'eip', attachedTo: [] };
  for (const key of ['instance', 'network_interface']) {
    const pair = getPair(res.body, key);
    const target = pair && res.r.pairProp(pair, asRef);
    if (pair && target) eip.attachedTo.push({ id: res.id, target, loc: res.r.loc(pair) });
  }
  ctx.add(eip, ctx.model.eips);
}

// ---- Resources that only add to other entities (run after every entity exists) ----

export function linkGatewayAttachment(ctx: BuildContext, res: Resource): void {
  const igwProp = res.r.prop(res.body, 'internet_gateway_id', asRef);
  const vpc = res.r.prop(res.body, 'vpc_id', asRef);
  if (!vpc) return;
  linkGuarded(ctx.model, igwProp, 'internet-gateway', vpc, (igw, guarded) => igw.attachments.push({ id: res.id, vpc: guarded, loc: res.base.blockLoc }));
}

export function linkRouteTableAssociation(ctx: BuildContext, res: Resource): void {
  const tableProp = res.r.prop(res.body, 'route_table_id', asRef);
  const subnet = res.r.prop(res.body, 'subnet_id', asRef);
  if (!subnet) return; // a gateway (edge) association places no subnet
  linkGuarded(ctx.model, tableProp, 'route-table', subnet, (table, guarded) => table.associations.push({ id: res.id, subnet: guarded, loc: res.base.blockLoc }));
  // A table from elsewhere (variable, data source, literal id): the subnet's class is unknown, not its main table's.
  linkExternalRouteTable(ctx.model, res.id, tableProp, subnet, res.base.condition, res.base.blockLoc);
}

/** aws_main_route_table_association: the table becomes its VPC's main table. */
export function linkMainRouteTable(ctx: BuildContext, res: Resource): void {
  const tableProp = res.r.prop(res.body, 'route_table_id', asRef);
  const vpc = res.r.prop(res.body, 'vpc_id', asRef);
  eachTarget(ctx.model, tableProp, 'route-table', (table) => {
    table.isMain = true;
    if (!table.vpc && vpc) table.vpc = vpc;
    // The association replaces the VPC's default table as its main table.
    const vpcIds = new Set(refTargets(table.vpc).map((v) => v.id));
    for (const other of ctx.model.routeTables) {
      if (other !== table && other.isMain && refTargets(other.vpc).some((v) => vpcIds.has(v.id))) other.isMain = false;
    }
  });
}

type TargetKey = [string, RouteTargetKind | 'gateway'];

const TARGETS_BASE: TargetKey[] = [
  ['gateway_id', 'gateway'],
  ['nat_gateway_id', 'nat-gateway'],
  ['egress_only_gateway_id', 'egress-only-internet-gateway'],
  ['network_interface_id', 'network-interface'],
  ['transit_gateway_id', 'transit-gateway'],
  ['vpc_peering_connection_id', 'vpc-peering'],
  ['vpc_endpoint_id', 'vpc-endpoint'],
  ['carrier_gateway_id', 'other'],
  ['local_gateway_id', 'other'],
  ['core_network_arn', 'other'],
];
// Inline route blocks and aws_route name their targets alike (instance_id: older providers).
const ROUTE_TARGETS: TargetKey[] = [...TARGETS_BASE, ['instance_id', 'instance']];

/** gateway_id holds internet, egress-only, VPN and other gateways: tell them apart by what it refers to. */
function gatewayKind(ctx: BuildContext, id: string | undefined, literal: string | undefined): RouteTargetKind {
  const type = ctx.resolver.resourceType(id);
  if (type === 'aws_internet_gateway') return 'internet-gateway';
  if (type === 'aws_egress_only_internet_gateway') return 'egress-only-internet-gateway';
  if (type === 'aws_nat_gateway') return 'nat-gateway';
  if (type === undefined && literal?.startsWith('igw-')) return 'internet-gateway';
  if (type === undefined && literal?.startsWith('eigw-')) return 'egress-only-internet-gateway';
  return 'other';
}

function routeTargets(ctx: BuildContext, res: Resource, map: Node | undefined, keys: TargetKey[]): Route['target'][] {
  const out: Route['target'][] = [];
  for (const [key, kind] of keys) {
    // An empty string is how attribute-as-blocks route lists write "no target".
    if (isBlank(getValue(map, key))) continue;
    const ref = res.r.prop(map, key, asRef);
    if (ref) out.push(...routeTargetsOf(kind, ref, (id, literal) => gatewayKind(ctx, id, literal)));
  }
  return out;
}

/** aws_route: added to the tables it names. */
export function linkRoute(ctx: BuildContext, res: Resource): void {
  const routeTable = res.r.prop(res.body, 'route_table_id', asRef);
  if (!routeTable) return;
  const destination = res.r.first(res.body, ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'], asString);
  for (const target of routeTargets(ctx, res, res.body, ROUTE_TARGETS)) {
    const route: Route = { id: res.id, routeTable, target, loc: res.base.blockLoc, entity: res.base };
    if (destination) route.destination = destination;
    noteExternalRoute(ctx.model, route);
    addRouteToTables(ctx.model, route);
  }
}

export function linkEipAssociation(ctx: BuildContext, res: Resource): void {
  const target = res.r.first(res.body, ['instance_id', 'network_interface_id'], asRef);
  const eipProp = res.r.first(res.body, ['allocation_id', 'public_ip'], asRef);
  if (!target) return;
  linkGuarded(ctx.model, eipProp, 'eip', target, (eip, guarded) => eip.attachedTo.push({ id: res.id, target: guarded, loc: res.base.blockLoc }));
}
