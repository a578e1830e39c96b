// VPC plumbing: VPCs, internet gateways, subnets, route tables and routes, NAT gateways, Elastic IPs.
import { Eip, InternetGateway, NatGateway, Route, RouteTable, RouteTargetKind, Subnet, Vpc } from '../../model/types';
import { getPair } from '../../source/tree';
import { BuildContext, Resource } from './context';
import { asBool, asRef, asString, guardProp } from './props';
import { linkGuarded } from '../shared/links';
import { addRouteToTables, linkExternalRouteTable, noteExternalRoute, routeTargetsOf } from '../shared/routes';

export function buildVpc(ctx: BuildContext, res: Resource): void {
  const vpc: Vpc = { ...res.base, kind: 'vpc' };
  const cidr = ctx.reader.prop(res.props, 'CidrBlock', asString);
  if (cidr) vpc.cidr = cidr;
  ctx.add(vpc, ctx.model.vpcs);
}

export function buildInternetGateway(ctx: BuildContext, res: Resource): void {
  const igw: InternetGateway = { ...res.base, kind: 'internet-gateway', attachments: [] };
  ctx.add(igw, ctx.model.internetGateways);
}

export function buildSubnet(ctx: BuildContext, res: Resource): void {
  const subnet: Subnet = { ...res.base, kind: 'subnet' };
  const vpc = ctx.reader.prop(res.props, 'VpcId', asRef);
  if (vpc) subnet.vpc = vpc;
  const mapPublic = ctx.reader.prop(res.props, 'MapPublicIpOnLaunch', asBool);
  if (mapPublic) subnet.mapPublicIpOnLaunch = mapPublic;
  const ipv6 = ctx.reader.prop(res.props, 'AssignIpv6AddressOnCreation', asBool);
  if (ipv6) subnet.assignIpv6OnCreation = ipv6;
  ctx.add(subnet, ctx.model.subnets);
}

export function buildRouteTable(ctx: BuildContext, res: Resource): void {
  const table: RouteTable = { ...res.base, kind: 'route-table', routes: [], associations: [] };
  const vpc = ctx.reader.prop(res.props, 'VpcId', asRef);
  if (vpc) table.vpc = vpc;
  ctx.add(table, ctx.model.routeTables);
}

export function buildNatGateway(ctx: BuildContext, res: Resource): void {
  const nat: NatGateway = { ...res.base, kind: 'nat-gateway' };
  const subnet = ctx.reader.prop(res.props, 'SubnetId', asRef);
  if (subnet) nat.subnet = subnet;
  const allocation = ctx.reader.prop(res.props, 'AllocationId', asRef);
  if (allocation) nat.allocation = allocation;
  const connectivity = ctx.reader.prop(res.props, 'ConnectivityType', asString);
  if (connectivity) nat.connectivity = connectivity;
  ctx.add(nat, ctx.model.natGateways);
}

export function buildEip(ctx: BuildContext, res: Resource): void {
  const eip: Eip = { ...res.base, kind: 'eip', attachedTo: [] };
  const pair = getPair(res.props, 'InstanceId');
  const target = pair && ctx.reader.pairProp(pair, asRef);
  if (pair && target) eip.attachedTo.push({ id: res.id, target, loc: ctx.loc(pair) });
  ctx.add(eip, ctx.model.eips);
}

// ---- Linking resources that only add to other entities (run after every entity exists) ----

export function linkGatewayAttachment(ctx: BuildContext, res: Resource): void {
  const igwProp = ctx.reader.prop(res.props, 'InternetGatewayId', asRef);
  const vpc = ctx.reader.prop(res.props, 'VpcId', asRef);
  if (!vpc) return;
  // The attachment's own Condition guards it: the gateway is attached only where it holds.
  const own = res.base.condition ? guardProp(vpc, [{ condition: res.base.condition, holds: true }]) : vpc;
  if (!own) return;
  linkGuarded(ctx.model, igwProp, 'internet-gateway', own, (igw, guarded) => igw.attachments.push({ id: res.id, vpc: guarded, loc: res.base.blockLoc }));
}

export function linkRouteTableAssociation(ctx: BuildContext, res: Resource): void {
  const tableProp = ctx.reader.prop(res.props, 'RouteTableId', asRef);
  const subnet = ctx.reader.prop(res.props, 'SubnetId', asRef);
  if (!subnet) return;
  linkGuarded(ctx.model, tableProp, 'route-table', subnet, (table, guarded) => table.associations.push({ id: res.id, subnet: guarded, loc: res.base.blockLoc }));
  // A table from elsewhere (parameter, import, literal id): the subnet's class is unknown, not its main table's.
  linkExternalRouteTable(ctx.model, res.id, tableProp, subnet, res.base.condition, res.base.blockLoc);
}

const TARGET_KEYS: [string, RouteTargetKind | 'gateway'][] = [
  ['GatewayId', 'gateway'],
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
];

/** GatewayId holds internet, egress-only and VPN gateways: tell them apart by what it refers to. */
function gatewayKind(ctx: BuildContext, id: string | undefined, literal: string | undefined): RouteTargetKind {
  const type = ctx.resolver.resourceType(id);
  if (type === 'AWS::EC2::InternetGateway') return 'internet-gateway';
  if (type === 'AWS::EC2::EgressOnlyInternetGateway') return 'egress-only-internet-gateway';
  if (literal?.startsWith('igw-')) return 'internet-gateway';
  if (literal?.startsWith('eigw-')) return 'egress-only-internet-gateway';
  return 'other';
}

export function linkRoute(ctx: BuildContext, res: Resource): void {
  const routeTable = ctx.reader.prop(res.props, 'RouteTableId', asRef);
  if (!routeTable) return;
  const destination =
    ctx.reader.prop(res.props, 'DestinationCidrBlock', asString) ??
    ctx.reader.prop(res.props, 'DestinationIpv6CidrBlock', asString) ??
    ctx.reader.prop(res.props, 'DestinationPrefixListId', asString);
  // One Route per target kind: `NatGatewayId: !If [C, !Ref Nat, NoValue]` beside `GatewayId: !If [C, NoValue, !Ref Igw]`
  // is a common pattern, and each branch must reach the topology with its guard.
  for (const target of routeTargets(ctx, res)) {
    const route: Route = { id: res.id, routeTable, target, loc: res.base.blockLoc, entity: res.base };
    if (destination) route.destination = destination;
    noteExternalRoute(ctx.model, route);
    addRouteToTables(ctx.model, route);
  }
}

function routeTargets(ctx: BuildContext, res: Resource): Route['target'][] {
  const out: Route['target'][] = [];
  for (const [key, kind] of TARGET_KEYS) {
    const ref = ctx.reader.prop(res.props, key, asRef);
    if (ref) out.push(...routeTargetsOf(kind, ref, (id, literal) => gatewayKind(ctx, id, literal)));
  }
  return out;
}

export function linkEipAssociation(ctx: BuildContext, res: Resource): void {
  const target = ctx.reader.prop(res.props, 'InstanceId', asRef) ?? ctx.reader.prop(res.props, 'NetworkInterfaceId', asRef);
  const eipProp = ctx.reader.prop(res.props, 'AllocationId', asRef) ?? ctx.reader.prop(res.props, 'EIP', asRef);
  if (!target) return;
  linkGuarded(ctx.model, eipProp, 'eip', target, (eip, guarded) => eip.attachedTo.push({ id: res.id, target: guarded, loc: res.base.blockLoc }));
}
