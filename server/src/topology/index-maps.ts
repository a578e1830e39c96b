// Index maps built once per model, so every topology question is a lookup, not a scan.
import { Entity, Guard, InternetGateway, Model, NatGateway, RouteTable, SgRule, Subnet } from '../model/types';
import { knownValues } from './guards';

export interface TopologyIndex {
  byId: Map<string, Entity>;
  subnetVpc: Map<string, string>;
  tableVpc: Map<string, string>;
  associationsBySubnet: Map<string, { table: RouteTable; when: Guard[] | undefined }[]>;
  mainTableByVpc: Map<string, RouteTable>;
  subnetsByVpc: Map<string, Subnet[]>;
  natsByVpc: Map<string, NatGateway[]>;
  /** Rules by group id, inline and standalone, without duplicates. */
  rulesByGroup: Map<string, { ingress: SgRule[]; egress: SgRule[] }>;
  igwAttachedTo(igw: InternetGateway, vpc: string | undefined): boolean | undefined;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(model: Model): TopologyIndex {
  const byId = model.byId;
  const subnetVpc = new Map<string, string>();
  const subnetsByVpc = new Map<string, Subnet[]>();
  for (const subnet of model.subnets) {
    const vpc = knownValues(subnet.vpc)[0];
    if (vpc !== undefined) {
      subnetVpc.set(subnet.id, vpc);
      push(subnetsByVpc, vpc, subnet);
    }
  }
  const tableVpc = new Map<string, string>();
  const associationsBySubnet = new Map<string, { table: RouteTable; when: Guard[] | undefined }[]>();
  const mainTableByVpc = new Map<string, RouteTable>();
  for (const table of model.routeTables) {
    const vpc = knownValues(table.vpc)[0];
    if (vpc !== undefined) tableVpc.set(table.id, vpc);
    if (table.isMain && vpc !== undefined) mainTableByVpc.set(vpc, table);
    for (const association of table.associations) {
      const assocEntity = byId.get(association.id);
      const resourceGuard = assocEntity?.condition ? [{ condition: assocEntity.condition, holds: true }] : undefined;
      for (const alt of association.subnet.alts) {
        if (alt.value === undefined) continue;
        const when = alt.when?.length || resourceGuard ? [...(resourceGuard ?? []), ...(alt.when ?? [])] : undefined;
        push(associationsBySubnet, alt.value, { table, when });
      }
    }
  }
  const natsByVpc = new Map<string, NatGateway[]>();
  for (const nat of model.natGateways) {
    const subnet = knownValues(nat.subnet)[0];
    const vpc = subnet !== undefined ? subnetVpc.get(subnet) : undefined;
    if (vpc !== undefined) push(natsByVpc, vpc, nat);
  }
  const rulesByGroup = new Map<string, { ingress: SgRule[]; egress: SgRule[] }>();
  const seen = new Set<SgRule>();
  const add = (groupId: string, rule: SgRule) => {
    let entry = rulesByGroup.get(groupId);
    if (!entry) rulesByGroup.set(groupId, (entry = { ingress: [], egress: [] }));
    const list = rule.direction === 'ingress' ? entry.ingress : entry.egress;
    if (!list.includes(rule)) list.push(rule);
  };
  for (const group of model.securityGroups) {
    for (const rule of [...group.ingress, ...group.egress]) {
      seen.add(rule);
      add(group.id, rule);
    }
  }
  for (const rule of model.sgRules) {
    if (seen.has(rule)) continue;
    for (const groupId of knownValues(rule.group)) add(groupId, rule);
  }
  const igwAttachedTo = (igw: InternetGateway, vpc: string | undefined): boolean | undefined => {
    if (!igw.attachments.length) return false;
    let unknown = false;
    for (const attachment of igw.attachments) {
      for (const alt of attachment.vpc.alts) {
        if (alt.value === undefined) unknown = true;
        else if (vpc === undefined || alt.value === vpc) return true;
      }
    }
    return unknown ? undefined : false;
  };
  return { byId, subnetVpc, tableVpc, associationsBySubnet, mainTableByVpc, subnetsByVpc, natsByVpc, rulesByGroup, igwAttachedTo };
}
