// public-database's fix for a world-open database port: restrict it to the groups of the backends that use the database, never just remove it.
import { Database, Fix, JsonValue, Model, SgRule, TextEdit } from '../../server/src/model/types';
import { knownValues } from '../../server/src/topology/guards';
import { Topology } from '../../server/src/topology/topology';
import { referringBackends } from '../shared/placement';
import { RuleGroup, admitsFromGroup, earlierWorldTwin, groupRef, hasNonWorldBranch, listNames, removeRuleFix, replaceSourceFix } from '../shared/sg-findings';
import { RuleCase } from '../shared/sg-rule-cases';

/** Groups of the backends the template shows using the databases (they refer to it, or to its cluster); one per backend. */
function userGroups(topology: Topology, dbs: Database[]): { groups: string[]; users: string[]; unknown: boolean } {
  const groups: string[] = [];
  const users: string[] = [];
  let unknown = false;
  for (const db of dbs) {
    const ids = [db.id, ...knownValues(db.cluster)];
    const views = ids.flatMap((id) => referringBackends(topology, id));
    if (!views.length) unknown = true;
    for (const view of views) {
      if (users.includes(view.entity.id)) continue;
      users.push(view.entity.id);
      const first = view.groups[0];
      if (!first) unknown = true;
      else if (!view.groups.some((g) => groups.includes(g.id))) groups.push(first.id);
    }
  }
  return { groups, users, unknown };
}

/** A standalone ingress rule: the case's traffic from `source` to `group`. */
function ingressFrom(model: Model, group: RuleGroup, c: RuleCase, source: string, near: NonNullable<RuleGroup['group']>): TextEdit[] {
  const writer = model.writer;
  const terraform = model.dialect === 'terraform';
  const base = terraform ? `${group.id.split('.').pop()}_from_${source.split('.').pop()}` : `${group.id}From${source}`;
  const name = writer.freshId(base, terraform ? 'aws_vpc_security_group_ingress_rule' : 'AWS::EC2::SecurityGroupIngress');
  const key = terraform && !name.startsWith('aws_vpc_security_group_ingress_rule.') ? `aws_vpc_security_group_ingress_rule.${name}` : name;
  const all = c.protocol === 'all';
  const ports: Record<string, JsonValue> = all || c.from === undefined || c.to === undefined ? {} : terraform ? { from_port: c.from, to_port: c.to } : { FromPort: c.from, ToPort: c.to };
  const protocol = all ? '-1' : c.protocol;
  const resource: JsonValue = terraform
    ? { security_group_id: groupRef(model, group.id), ip_protocol: protocol, ...ports, referenced_security_group_id: groupRef(model, source) }
    : { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: groupRef(model, group.id), IpProtocol: protocol, ...ports, SourceSecurityGroupId: groupRef(model, source) } };
  return writer.addResources(near, { [key]: resource });
}

export function restrictFixes(topology: Topology, sgRule: SgRule, group: RuleGroup, c: RuleCase, dbs: Database[]): Fix[] {
  const model = topology.model;
  const names = listNames(dbs.map((d) => d.id));
  const remove = `Remove the world-open rule from ${group.id}`;
  const otherBranch = hasNonWorldBranch(sgRule);
  if (!otherBranch && earlierWorldTwin(topology, sgRule, group.id, c)) {
    return [removeRuleFix(model, sgRule, `${remove} (the same traffic from 0.0.0.0/0 is restricted on its own rule)`, true)];
  }
  const { groups, users, unknown } = userGroups(topology, dbs);
  const missing = groups.filter((g) => !admitsFromGroup(topology, group.group, g, c));
  const out: Fix[] = [];
  if (!unknown && groups.length && group.group) {
    const title = `Admit ${group.id} only from the group${groups.length > 1 ? 's' : ''} of ${listNames(users)} (${listNames(groups)}) instead of ${c.peer}`;
    if (!missing.length) {
      // Every user's group is admitted already: the world rule only adds the internet.
      if (!otherBranch) return [removeRuleFix(model, sgRule, `${remove} (${listNames(groups)} ${groups.length > 1 ? 'are' : 'is'} admitted by other rules)`, true)];
    } else {
      const extra = missing.slice(1).flatMap((g) => ingressFrom(model, group, c, g, group.group!));
      const replace = replaceSourceFix(model, sgRule, missing[0], otherBranch ? `${title} (replaces the peer of its other Fn::If branch too)` : title, extra);
      if (replace) out.push(otherBranch ? { title: replace.title, edits: replace.edits } : replace);
    }
  }
  {
    // Removing would cut the application off (who uses the database may not be in the template): only offered.
    const key = model.dialect === 'terraform' ? 'source_security_group_id' : 'SourceSecurityGroupId';
    const title = unknown
      ? `${remove} (the template does not say which backends use ${names}: admit their groups with ${key} first, or they lose access)`
      : `${remove} (the backends that use ${names} lose access too)`;
    out.push(removeRuleFix(model, sgRule, title, false));
  }
  return out;
}
