// Builds the Topology from a Model once: index maps, subnet classes, roles and backend views.
import { Config } from '../engine/types';
import { Entity, Model, SecurityGroup, SgRule } from '../model/types';
import { buildBackends } from './backends';
import { buildIndex, push } from './index-maps';
import { isWorldCidr, knownValues } from './guards';
import { isUnrestrictedEgress, isWorldRule } from './rules-of-groups';
import { classifySubnets } from './subnets';
import { BackendView, Role, Topology } from './topology';

export function buildTopology(model: Model, config: Config): Topology {
  const index = buildIndex(model);
  const views = classifySubnets(model, index);
  const intended = new Set(config.intendedEdges);

  const edges: Entity[] = [];
  const edgeSet = new Set<Entity>();
  const addEdge = (entity: Entity) => {
    if (!edgeSet.has(entity)) {
      edgeSet.add(entity);
      edges.push(entity);
    }
  };
  for (const lb of model.loadBalancers) if (isInternetFacing(lb.scheme?.alts.map((a) => a.value))) addEdge(lb);
  for (const nat of model.natGateways) addEdge(nat);
  for (const eice of model.instanceConnectEndpoints) addEdge(eice);
  // An instance or ENI that a route table sends its default route through is a NAT instance: an edge, like a NAT gateway.
  for (const table of model.routeTables) {
    for (const route of table.routes) {
      if (route.target.kind !== 'instance' && route.target.kind !== 'network-interface') continue;
      if (!route.destination?.alts.some((d) => isWorldCidr(d.value))) continue;
      for (const id of knownValues(route.target.ref)) {
        const target = model.byId.get(id);
        if (target?.kind === 'workload') addEdge(target);
      }
    }
  }
  for (const entity of model.byId.values()) if (entity.intendedEdge || intended.has(entity.id)) addEdge(entity);

  const { backends, backendById } = buildBackends(model, index, views, edgeSet);

  // Group membership and subnet membership, with launch templates' users counted as members too.
  const members = new Map<string, Entity[]>();
  const subnetMembers = new Map<string, Entity[]>();
  const subnetsOfEntity = new Map<Entity, string[]>();
  const addMember = (groupId: string, entity: Entity) => {
    const list = members.get(groupId);
    if (!list) members.set(groupId, [entity]);
    else if (!list.includes(entity)) list.push(entity);
  };
  const placed: Entity[] = [...model.workloads, ...model.databases, ...model.loadBalancers, ...model.eksClusters, ...model.instanceConnectEndpoints, ...model.natGateways];
  for (const entity of placed) {
    const groups = 'securityGroups' in entity ? entity.securityGroups : [];
    for (const prop of groups) for (const id of knownValues(prop)) addMember(id, entity);
    const subnetIds = new Set<string>();
    const subnetProps = 'subnets' in entity ? entity.subnets : 'subnet' in entity && entity.subnet ? [entity.subnet] : [];
    for (const prop of subnetProps) for (const id of knownValues(prop)) subnetIds.add(id);
    subnetsOfEntity.set(entity, [...subnetIds]);
    for (const id of subnetIds) push(subnetMembers, id, entity);
  }
  for (const view of backends) {
    if (!view.launchTemplate) continue;
    for (const group of view.groups) addMember(group.id, view.entity);
    const own = subnetsOfEntity.get(view.entity) ?? [];
    if (!own.length) {
      const inherited = subnetsOfEntity.get(view.launchTemplate) ?? [];
      subnetsOfEntity.set(view.entity, inherited);
      for (const id of inherited) push(subnetMembers, id, view.entity);
    }
  }

  const vpcCache = new Map<Entity, string | undefined>();
  const vpcOf = (entity: Entity): string | undefined => {
    if (vpcCache.has(entity)) return vpcCache.get(entity);
    let vpc: string | undefined;
    switch (entity.kind) {
      case 'vpc': vpc = entity.id; break;
      case 'subnet': vpc = index.subnetVpc.get(entity.id); break;
      case 'route-table': vpc = index.tableVpc.get(entity.id); break;
      case 'security-group': vpc = knownValues(entity.vpc)[0]; break;
      case 'internet-gateway': vpc = entity.attachments.flatMap((a) => knownValues(a.vpc))[0]; break;
      default: {
        for (const subnet of subnetsOfEntity.get(entity) ?? []) {
          vpc = index.subnetVpc.get(subnet);
          if (vpc !== undefined) break;
        }
        if (vpc === undefined && 'securityGroups' in entity) {
          for (const prop of entity.securityGroups) {
            const group = model.byId.get(knownValues(prop)[0] ?? '');
            if (group?.kind === 'security-group') vpc = knownValues(group.vpc)[0];
            if (vpc !== undefined) break;
          }
        }
      }
    }
    vpcCache.set(entity, vpc);
    return vpc;
  };

  const role = (entity: Entity): Role => {
    if (edgeSet.has(entity)) return 'edge';
    if (backendById.has(entity.id)) return 'backend';
    return 'infra';
  };

  const worldCache = new Map<SecurityGroup, SgRule[]>();
  return {
    model,
    config,
    entity: (id) => (id === undefined ? undefined : model.byId.get(id)),
    subnetView: (id) => (id === undefined ? undefined : views.get(id)?.[0]),
    subnetViews: (id) => (id === undefined ? [] : views.get(id) ?? []),
    role,
    edges,
    backends,
    backendOf: (id) => (id === undefined ? undefined : backendById.get(id)),
    groupMembers: (groupId) => members.get(groupId) ?? [],
    worldIngress: (group) => {
      let cached = worldCache.get(group);
      if (!cached) worldCache.set(group, (cached = (index.rulesByGroup.get(group.id)?.ingress ?? []).filter(isWorldRule)));
      return cached;
    },
    unrestrictedEgress: (group) => {
      const explicit = index.rulesByGroup.get(group.id)?.egress ?? [];
      const open = explicit.filter((rule) => isWorldRule(rule) && isUnrestrictedEgress(rule));
      if (open.length) return open;
      return group.defaultEgressAll && !explicit.length ? 'default' : [];
    },
    vpcOf,
    subnetsInVpc: (vpcId) => index.subnetsByVpc.get(vpcId) ?? [],
    natGatewaysInVpc: (vpcId) => index.natsByVpc.get(vpcId) ?? [],
    routeTablesOf: (subnetId) => {
      const explicit = index.associationsBySubnet.get(subnetId)?.map((a) => a.table) ?? [];
      if (explicit.length) return [...new Set(explicit)];
      const vpc = index.subnetVpc.get(subnetId);
      const main = vpc !== undefined ? index.mainTableByVpc.get(vpc) : undefined;
      return main ? [main] : [];
    },
    igwAttachedTo: index.igwAttachedTo,
    subnetsOf: (entity) => subnetsOfEntity.get(entity) ?? [],
    subnetMembers: (subnetId) => subnetMembers.get(subnetId) ?? [],
  };
}

/** Scheme absent means internet-facing; an Fn::If with an internet-facing branch counts too. */
function isInternetFacing(values: (string | undefined)[] | undefined): boolean {
  if (!values?.length) return true;
  return values.some((value) => value === 'internet-facing' || value === undefined);
}

export type { BackendView };
