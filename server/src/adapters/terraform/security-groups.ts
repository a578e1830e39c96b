// Security groups in Terraform: inline ingress/egress blocks, aws_security_group_rule and the
// aws_vpc_security_group_{ingress,egress}_rule resources. One SgRule per peer (a block may list several CIDRs).
import { Node, getPair, getValue } from '../../source/tree';
import { Guard, Loc, Prop, SgRule } from '../../model/types';
import { BuildContext, Resource } from './context';
import { TfReader, asBool, asNumber, asRef, asString, firstValue, isBlank, refTargets } from './props';
import { selfRef } from '../shared/props';
import { Direction, RuleDetails, applyRuleDetails, attachStandaloneRule, newSecurityGroup, rulesOf, setRuleListLoc, unknownPeer } from '../shared/security-groups';
type PeerKind = SgRule['peer']['kind'];

/** List arguments of an inline block / aws_security_group_rule that name peers. */
const LIST_PEERS: [string, PeerKind][] = [
  ['cidr_blocks', 'cidr'],
  ['ipv6_cidr_blocks', 'cidr6'],
  ['security_groups', 'group'],
  ['prefix_list_ids', 'prefix-list'],
];

/** Single-valued peers of aws_security_group_rule and aws_vpc_security_group_*_rule. */
const SCALAR_PEERS: [string, PeerKind][] = [
  ['source_security_group_id', 'group'],
  ['cidr_ipv4', 'cidr'],
  ['cidr_ipv6', 'cidr6'],
  ['referenced_security_group_id', 'group'],
  ['prefix_list_id', 'prefix-list'],
];

interface Peer {
  kind: PeerKind;
  value: Prop<string>;
  /** For list items: the item, which stands for the rule when a block names several peers. */
  item?: Loc;
  /** Names the peer among several of one rule block (`cidr_blocks[1]`). */
  label: string;
}

function peersOf(r: TfReader, map: Node | undefined, groupId: string, when?: Guard[]): Peer[] {
  const out: Peer[] = [];
  for (const [key, kind] of LIST_PEERS) {
    r.list(map, key, kind === 'group' ? asRef : asString, when).forEach((value, k) => out.push({ kind, value, label: `${key}[${k}]`, item: value.loc }));
  }
  for (const [key, kind] of SCALAR_PEERS) {
    if (isBlank(getValue(map, key))) continue;
    const value = r.prop(map, key, kind === 'group' ? asRef : asString, when);
    if (value) out.push({ kind, value, label: key });
  }
  const selfPair = getPair(map, 'self');
  const self = selfPair && r.pairProp(selfPair, asBool, when);
  if (selfPair && self && self.alts.some((a) => a.value === true)) {
    const value: Prop<string> = { alts: self.alts.filter((a) => a.value === true).map((a) => ({ value: groupId, ...(a.when ? { when: a.when } : {}) })), loc: self.loc, valueLoc: self.valueLoc };
    out.push({ kind: 'group', value, label: 'self' });
  }
  return out;
}

/** The rules of one rule map: one per peer; a rule with no peer keeps an unknown one (never a finding). */
function readRules(r: TfReader, map: Node | undefined, direction: Direction, id: string, group: Prop<string>, loc: Loc, groupId: string, protocolKey: string, standalone: boolean, when?: Guard[]): SgRule[] {
  const peers = peersOf(r, map, groupId, when);
  const details: RuleDetails = {
    protocol: r.prop(map, protocolKey, asString, when),
    fromPort: r.prop(map, 'from_port', asNumber, when),
    toPort: r.prop(map, 'to_port', asNumber, when),
    description: r.prop(map, 'description', asString, when),
  };
  const list: (Peer | undefined)[] = peers.length ? peers : [undefined];
  return list.map((peer) =>
    applyRuleDetails(
      {
        id: peers.length > 1 ? `${id}.${peer!.label}` : id,
        group,
        direction,
        peer: peer ? { kind: peer.kind, value: peer.value } : unknownPeer(loc),
        // Several peers in one inline block: each is its own rule, located (and removed) on its list item.
        loc: peers.length > 1 && peer?.item && !standalone ? peer.item : loc,
      },
      details,
    ),
  );
}

export function buildSecurityGroup(ctx: BuildContext, res: Resource): void {
  // Terraform removes AWS's default allow-all egress: a group without egress blocks has no egress.
  const sg = newSecurityGroup(res.base);
  const vpc = res.r.prop(res.body, 'vpc_id', asRef);
  if (vpc) sg.vpc = vpc;
  for (const direction of ['ingress', 'egress'] as const) {
    const pair = getPair(res.body, direction);
    if (pair) setRuleListLoc(sg, direction, res.r.loc(pair));
    for (const block of res.r.blocks(res.body, direction)) {
      const loc = res.r.loc(block.item);
      const rules = readRules(res.r, block.map, direction, `${res.id}.${direction}[${block.index}]`, selfRef(res.id, loc, block.when), loc, res.id, 'protocol', false, block.when);
      rulesOf(sg, direction).push(...rules);
      ctx.model.sgRules.push(...rules);
    }
  }
  ctx.add(sg, ctx.model.securityGroups);
}

/** aws_security_group_rule (type ingress/egress) and aws_vpc_security_group_{ingress,egress}_rule. */
export function linkStandaloneRule(ctx: BuildContext, res: Resource, fixed?: Direction): void {
  const direction = fixed ?? (firstValue(res.r.prop(res.body, 'type', asString)) as Direction | undefined);
  if (direction !== 'ingress' && direction !== 'egress') return;
  const group = res.r.prop(res.body, 'security_group_id', asRef);
  if (!group) return;
  const protocolKey = res.type === 'aws_security_group_rule' ? 'protocol' : 'ip_protocol';
  const groupId = refTargets(group)[0]?.id ?? res.id;
  const rules = readRules(res.r, res.body, direction, res.id, group, res.base.blockLoc, groupId, protocolKey, true);
  for (const rule of rules) {
    rule.entity = res.base;
    ctx.model.sgRules.push(rule);
    attachStandaloneRule(ctx.model, rule, group, direction);
  }
}
