// Security group rule findings: which groups a rule belongs to, who uses them, where the finding goes, and the rule fixes.
import { RuleFinding } from '../../server/src/engine/types';
import { Fix, Guard, JsonValue, Model, SecurityGroup, SgRule } from '../../server/src/model/types';
import { quoteSource } from '../../server/src/topology/rule-kit';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { RuleCase, coversPort, ruleCases } from './sg-rule-cases';
import { isWorldCidr } from '../../server/src/topology/guards';

/** One group a rule belongs to (a standalone rule's GroupId may be an Fn::If). */
export interface RuleGroup {
  id: string;
  group?: SecurityGroup;
  when: Guard[] | undefined;
  /** The group is not a resource of this template: where it comes from, as written ("`!ImportValue app-sg`"). */
  external?: string;
}

export function groupsOfRule(topology: Topology, rule: SgRule): RuleGroup[] {
  const out: RuleGroup[] = [];
  for (const alt of rule.group.alts) {
    const entity = topology.entity(alt.value);
    const group = entity?.kind === 'security-group' ? entity : undefined;
    if (group) {
      out.push({ id: group.id, group, when: alt.when });
      continue;
    }
    // A group from elsewhere (a literal id, an import, a parameter): the rule still asks for what it opens.
    const source = alt.literal !== undefined ? '`' + alt.literal + '`' : quoteSource(topology.model, rule.group.valueLoc);
    out.push({ id: alt.value ?? alt.literal ?? source.replace(/`/g, ''), when: alt.when, external: source });
  }
  return out;
}

/** The unknown piece of a finding on a group from elsewhere: who uses it is outside the file. */
export function externalGroupUnknown(group: RuleGroup): string | undefined {
  if (!group.external) return undefined;
  return `the group is defined outside this template, so what uses it is not known here`;
}

/**
 * The unknown piece when every backend reaches the group only through a plain string naming it (not a
 * Ref): CloudFormation reads that string as a group name or ID, so the link is possible, not certain.
 */
export function plainLinkUnknown(views: BackendView[], groupId: string): string | undefined {
  if (!views.length || !views.every((view) => view.plainLinks.has(groupId))) return undefined;
  const names = views.map((view) => view.entity.id);
  return `${listNames(names)} ${names.length > 1 ? 'name' : 'names'} ${groupId} by a plain string, not a Ref, which CloudFormation reads as a group name or ID`;
}

/** Rules of one direction, each once (inline and standalone), in template order. */
export function rulesOf(model: Model, direction: 'ingress' | 'egress'): SgRule[] {
  return model.sgRules.filter((rule) => rule.direction === direction);
}

/** The finding's resource: the standalone rule resource, or the group that holds the inline rule. */
export function ruleResource(rule: SgRule, groupId: string): string {
  return rule.entity?.id ?? groupId;
}

/**
 * A standalone rule resource's own Metadata suppressions. The engine applies those of entities in
 * model.byId; standalone rules are not entities there, so the rule honours them itself.
 */
export function isRuleSuppressed(rule: SgRule, ruleId: string): boolean {
  return !!rule.entity?.suppressions.some((s) => s.ruleId === '*' || s.ruleId === ruleId);
}

/** Whether another rule is on (so that overlapping findings are left to it). */
export function ruleEnabled(topology: Topology, ruleId: string): boolean {
  return topology.config.rules[ruleId] !== 'off';
}

/** A reference to a security group's ID, for source/destination group properties. */
export function groupRef(model: Model, id: string): JsonValue {
  return model.dialect === 'terraform' ? model.writer.ref(id, 'id') : model.writer.ref(id, 'GroupId');
}

/** Remove the rule: the list item of an inline rule, or the whole standalone rule resource. */
export function removeRuleFix(model: Model, rule: SgRule, title: string, preferred = false): Fix {
  const edits = rule.entity ? model.writer.remove(rule.entity.blockLoc) : model.writer.remove(rule.loc);
  return preferred ? { title, edits, preferred } : { title, edits };
}

/** Replace the rule's CIDR peer with a source group, in place; undefined when the writer cannot. */
export function replaceSourceFix(model: Model, rule: SgRule, sourceGroupId: string, title: string, extra: ReturnType<Model['writer']['remove']> = []): Fix | undefined {
  const key = model.dialect === 'terraform' ? 'source_security_group_id' : 'SourceSecurityGroupId';
  const edits = model.writer.replaceProperty?.(rule.peer.value, [[key, groupRef(model, sourceGroupId)]]) ?? [];
  if (!edits.length) return undefined;
  return { title, edits: [...edits, ...extra], preferred: true };
}

const byGroupCache = new WeakMap<Topology, Map<string, SgRule[]>>();

/** Rules (each once, inline and standalone) of a group in one direction; indexed once per topology. */
export function rulesOfGroup(topology: Topology, groupId: string, direction: 'ingress' | 'egress'): SgRule[] {
  let map = byGroupCache.get(topology);
  if (!map) {
    map = new Map();
    for (const rule of topology.model.sgRules) {
      for (const group of groupsOfRule(topology, rule)) {
        const key = `${rule.direction}|${group.id}`;
        const list = map.get(key) ?? [];
        if (!list.includes(rule)) list.push(rule);
        map.set(key, list);
      }
    }
    byGroupCache.set(topology, map);
  }
  return map.get(`${direction}|${groupId}`) ?? [];
}

/** The group already admits `sourceGroupId` on the case's traffic (replacing would duplicate a rule). */
export function admitsFromGroup(topology: Topology, group: SecurityGroup | undefined, sourceGroupId: string, c: RuleCase): boolean {
  if (!group) return false;
  return rulesOfGroup(topology, group.id, 'ingress').some((rule) => {
    if (rule.peer.kind !== 'group') return false;
    if (!rule.peer.value.alts.some((alt) => alt.value === sourceGroupId)) return false;
    return ruleCases(rule).some((other) => sameOrWider(other, c));
  });
}

function sameOrWider(other: RuleCase, c: RuleCase): boolean {
  if (other.protocol !== 'all' && other.protocol !== c.protocol) return false;
  if (other.from === undefined || other.to === undefined) return true;
  if (c.from === undefined || c.to === undefined) return false;
  return other.from <= c.from && c.to <= other.to && coversPort(other, c.protocol, c.from);
}

const membersCache = new WeakMap<Topology, Map<string, BackendView[]>>();

/** Backend views that use a group (directly or through their launch template), cached per topology. */
export function backendsUsing(topology: Topology, groupId: string): BackendView[] {
  let map = membersCache.get(topology);
  if (!map) {
    map = new Map();
    for (const view of topology.backends) {
      for (const group of view.groups) {
        const list = map.get(group.id) ?? [];
        if (!list.includes(view)) list.push(view);
        map.set(group.id, list);
      }
    }
    membersCache.set(topology, map);
  }
  return map.get(groupId) ?? [];
}

/** Marked an intended edge by the user: the group itself, or any resource that uses it. */
export function isIntendedEdgeGroup(topology: Topology, group: SecurityGroup): boolean {
  const marked = (entity: { id: string; intendedEdge?: boolean }) => !!entity.intendedEdge || topology.config.intendedEdges.includes(entity.id);
  return marked(group) || topology.groupMembers(group.id).some(marked);
}

/** "AppServer", "AppServer and Worker", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Common fields of a finding on a rule's peer property. */
export function ruleFindingBase(rule: SgRule, group: RuleGroup): Pick<RuleFinding, 'resource' | 'loc' | 'constructPath'> {
  const owner = rule.entity ?? group.group;
  const base: Pick<RuleFinding, 'resource' | 'loc' | 'constructPath'> = { resource: ruleResource(rule, group.id), loc: rule.peer.value.loc };
  if (owner?.constructPath) base.constructPath = owner.constructPath;
  return base;
}

/** The rule's peer is an Fn::If (or conditional) with a branch that is not the world: removing or replacing it drops that branch too. */
export function hasNonWorldBranch(rule: SgRule): boolean {
  return rule.peer.value.alts.some((alt) => alt.value === undefined || !isWorldCidr(alt.value));
}

/**
 * An earlier world-open rule of the same group that admits the same traffic (0.0.0.0/0 beside ::/0): its fix keeps the
 * intended flows, so this one can simply go (replacing both would write the same rule twice, which EC2 rejects).
 */
export function earlierWorldTwin(topology: Topology, rule: SgRule, groupId: string, c: RuleCase): SgRule | undefined {
  for (const other of rulesOfGroup(topology, groupId, 'ingress')) {
    if (other === rule) return undefined;
    if (other.peer.kind !== 'cidr' && other.peer.kind !== 'cidr6') continue;
    if (hasNonWorldBranch(other) || other.group.alts.length !== 1) continue;
    if (ruleCases(other).some((o) => isWorldCidr(o.peer) && !o.when?.length && o.protocol === c.protocol && o.from === c.from && o.to === c.to)) return other;
  }
  return undefined;
}
