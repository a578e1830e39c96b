// Security groups and their rules: inline SecurityGroupIngress/Egress lists and standalone rule resources.
import { Node, getPair } from '../../source/tree';
import { Guard, Loc, Prop, SgRule } from '../../model/types';
import { BuildContext, Resource } from './context';
import { asNumber, asRef, asString } from './props';
import { selfRef } from '../shared/props';
import { Direction, RuleDetails, applyRuleDetails, attachStandaloneRule, newSecurityGroup, rulesOf, setRuleListLoc, unknownPeer } from '../shared/security-groups';

const PEERS: Record<Direction, [string, SgRule['peer']['kind']][]> = {
  ingress: [
    ['CidrIp', 'cidr'],
    ['CidrIpv6', 'cidr6'],
    ['SourceSecurityGroupId', 'group'],
    ['SourceSecurityGroupName', 'group'],
    ['SourcePrefixListId', 'prefix-list'],
  ],
  egress: [
    ['CidrIp', 'cidr'],
    ['CidrIpv6', 'cidr6'],
    ['DestinationSecurityGroupId', 'group'],
    ['DestinationPrefixListId', 'prefix-list'],
  ],
};

/**
 * The rules of one rule map (inline item or standalone Properties). Usually one; a map whose peer is chosen by
 * Fn::If (`CidrIp: !If [C, 0.0.0.0/0, NoValue]` beside `SourceSecurityGroupId: !If [C, NoValue, !Ref Sg]`)
 * holds one rule per peer property, each with its own guards, so no branch's peer is lost.
 */
function readRules(ctx: BuildContext, map: Node | undefined, direction: Direction, id: string, group: Prop<string>, loc: Loc, when?: Guard[]): SgRule[] {
  const r = ctx.reader;
  const peers: { key: string; peer: SgRule['peer'] }[] = [];
  for (const [key, kind] of PEERS[direction]) {
    const value = r.prop(map, key, kind === 'group' ? asRef : asString, when);
    if (value) peers.push({ key, peer: { kind, value } });
  }
  if (!peers.length) peers.push({ key: '', peer: unknownPeer(loc) });
  const details: RuleDetails = {
    protocol: r.prop(map, 'IpProtocol', asString, when),
    fromPort: r.prop(map, 'FromPort', asNumber, when),
    toPort: r.prop(map, 'ToPort', asNumber, when),
    description: r.prop(map, 'Description', asString, when),
  };
  // The first peer keeps the rule's id; further ones are named by their property.
  return peers.map(({ key, peer }, n) => applyRuleDetails({ id: n === 0 ? id : `${id}.${key}`, group, direction, peer, loc }, details));
}

export function buildSecurityGroup(ctx: BuildContext, res: Resource): void {
  const sg = newSecurityGroup(res.base);
  const vpc = ctx.reader.prop(res.props, 'VpcId', asRef);
  if (vpc) sg.vpc = vpc;
  for (const direction of ['ingress', 'egress'] as const) {
    const key = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
    const pair = getPair(res.props, key);
    if (!pair) continue;
    setRuleListLoc(sg, direction, ctx.loc(pair));
    const items = ctx.reader.objectItems(res.props, key);
    // Index by position in the written list, so ids stay stable across Fn::If items.
    const seq = pair.value.kind === 'seq' ? pair.value.items : [];
    items.forEach((entry, n) => {
      const index = seq.indexOf(entry.item);
      const id = `${res.id}.${direction}[${index >= 0 ? index : n}]`;
      const loc = ctx.loc(entry.item);
      for (const rule of readRules(ctx, entry.map, direction, id, selfRef(res.id, loc, entry.when), loc, entry.when)) {
        rulesOf(sg, direction).push(rule);
        ctx.model.sgRules.push(rule);
      }
    });
  }
  ctx.add(sg, ctx.model.securityGroups);
}

/** AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: appended to the groups they name. */
export function linkStandaloneRule(ctx: BuildContext, res: Resource, direction: Direction): void {
  const group = ctx.reader.prop(res.props, 'GroupId', asRef) ?? ctx.reader.prop(res.props, 'GroupName', asRef);
  if (!group) return;
  for (const rule of readRules(ctx, res.props, direction, res.id, group, res.base.blockLoc)) {
    rule.entity = res.base;
    ctx.model.sgRules.push(rule);
    attachStandaloneRule(ctx.model, rule, group, direction);
  }
}

/** After every rule is attached: AWS's allow-all egress applies when no egress rule was written. */
export function finishSecurityGroups(ctx: BuildContext): void {
  for (const sg of ctx.model.securityGroups) sg.defaultEgressAll = sg.egress.length === 0;
}
