// Security groups and their rules: inline SecurityGroupIngress/Egress lists and standalone rule resources.
import { Node, getPair } from '../../source/tree';
import { Guard, Loc, Prop, SecurityGroup, SgRule } from '../../model/types';
import { BuildContext, Resource } from './context';
import { asNumber, asRef, asString, guardProp, refTargets } from './props';

type Direction = 'ingress' | 'egress';

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
  // A rule without a peer is invalid for AWS; keep it with an unknown peer so it never causes a finding.
  if (!peers.length) peers.push({ key: '', peer: { kind: 'cidr', value: { alts: [{ value: undefined }], loc, valueLoc: loc } } });
  const protocol = r.prop(map, 'IpProtocol', asString, when);
  const fromPort = r.prop(map, 'FromPort', asNumber, when);
  const toPort = r.prop(map, 'ToPort', asNumber, when);
  const description = r.prop(map, 'Description', asString, when);
  return peers.map(({ key, peer }, n) => {
    // The first peer keeps the rule's id; further ones are named by their property.
    const rule: SgRule = { id: n === 0 ? id : `${id}.${key}`, group, direction, peer, loc };
    if (protocol) rule.protocol = protocol;
    if (fromPort) rule.fromPort = fromPort;
    if (toPort) rule.toPort = toPort;
    if (description) rule.description = description;
    return rule;
  });
}

export function buildSecurityGroup(ctx: BuildContext, res: Resource): void {
  const sg: SecurityGroup = { ...res.base, kind: 'security-group', ingress: [], egress: [], defaultEgressAll: false };
  const vpc = ctx.reader.prop(res.props, 'VpcId', asRef);
  if (vpc) sg.vpc = vpc;
  for (const direction of ['ingress', 'egress'] as const) {
    const key = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
    const pair = getPair(res.props, key);
    if (!pair) continue;
    if (direction === 'ingress') sg.ingressListLoc = ctx.loc(pair);
    else sg.egressListLoc = ctx.loc(pair);
    const items = ctx.reader.objectItems(res.props, key);
    // Index by position in the written list, so ids stay stable across Fn::If items.
    const seq = pair.value.kind === 'seq' ? pair.value.items : [];
    items.forEach((entry, n) => {
      const index = seq.indexOf(entry.item);
      const id = `${res.id}.${direction}[${index >= 0 ? index : n}]`;
      const loc = ctx.loc(entry.item);
      const group: Prop<string> = { alts: [entry.when?.length ? { value: res.id, when: entry.when } : { value: res.id }], loc, valueLoc: loc };
      for (const rule of readRules(ctx, entry.map, direction, id, group, loc, entry.when)) {
        (direction === 'ingress' ? sg.ingress : sg.egress).push(rule);
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
    for (const t of refTargets(group)) {
      const sg = ctx.model.byId.get(t.id);
      if (sg?.kind !== 'security-group') continue;
      if (!t.when?.length) (direction === 'ingress' ? sg.ingress : sg.egress).push(rule);
      else {
        const guarded = guardProp(group, t.when);
        if (guarded) (direction === 'ingress' ? sg.ingress : sg.egress).push({ ...rule, group: guarded });
      }
    }
  }
}

/** After every rule is attached: AWS's allow-all egress applies when no egress rule was written. */
export function finishSecurityGroups(ctx: BuildContext): void {
  for (const sg of ctx.model.securityGroups) sg.defaultEgressAll = sg.egress.length === 0;
}
