// Security groups and their rules, built alike by both adapters (defaults such as AWS's allow-all egress stay per format).
import { EntityBase, Loc, Model, Prop, SecurityGroup, SgRule } from '../../model/types';
import { addThroughRef } from './links';
import { unknownAt } from './props';

export type Direction = 'ingress' | 'egress';

/** A group with no rules yet; whether AWS's default egress applies is for each format to decide. */
export function newSecurityGroup(base: EntityBase): SecurityGroup {
  return { ...base, kind: 'security-group', ingress: [], egress: [], defaultEgressAll: false };
}

export function rulesOf(sg: SecurityGroup, direction: Direction): SgRule[] {
  return direction === 'ingress' ? sg.ingress : sg.egress;
}

/** Where the inline rules of one direction are written (fixes insert there). */
export function setRuleListLoc(sg: SecurityGroup, direction: Direction, loc: Loc): void {
  if (direction === 'ingress') sg.ingressListLoc = loc;
  else sg.egressListLoc = loc;
}

/** A rule without a peer is invalid for AWS; it keeps an unknown peer so it never causes a finding. */
export function unknownPeer(loc: Loc): SgRule['peer'] {
  return { kind: 'cidr', value: unknownAt(loc) };
}

/** What a rule allows besides its peer. */
export interface RuleDetails {
  protocol?: Prop<string>;
  fromPort?: Prop<number>;
  toPort?: Prop<number>;
  description?: Prop<string>;
}

export function applyRuleDetails(rule: SgRule, details: RuleDetails): SgRule {
  if (details.protocol) rule.protocol = details.protocol;
  if (details.fromPort) rule.fromPort = details.fromPort;
  if (details.toPort) rule.toPort = details.toPort;
  if (details.description) rule.description = details.description;
  return rule;
}

/** A standalone rule resource joins each group it names (through a guarded reference, only under that guard). */
export function attachStandaloneRule(model: Model, rule: SgRule, group: Prop<string>, direction: Direction): void {
  addThroughRef(model, group, 'security-group', rule, (guarded) => ({ ...rule, group: guarded }), (sg) => rulesOf(sg, direction));
}
