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

/** The rule fields of one rule map (inline item or standalone Properties). */
function readRule(ctx: BuildContext, map: Node | undefined, direction: Direction, id: string, group: Prop<string>, loc: Loc, when?: Guard[]): SgRule {
  const r = ctx.reader;
  let peer: SgRule['peer'] | undefined;
  for (const [key, kind] of PEERS[direction]) {
    const value = r.prop(map, key, kind === 'group' ? asRef : asString, when);
    if (value) {
      peer = { kind, value };
      break;
    }
  }
  // A rule without a peer is invalid for AWS; keep it with an unknown peer so it never causes a finding.
  const rule: SgRule = { id, group, direction, peer: peer ?? { kind: 'cidr', value: { alts: [{ value: undefined }], loc, valueLoc: loc } }, loc };
  const protocol = r.prop(map, 'IpProtocol', asString, when);
  if (protocol) rule.protocol = protocol;
  const fromPort = r.prop(map, 'FromPort', asNumber, when);
  if (fromPort) rule.fromPort = fromPort;
  const toPort = r.prop(map, 'ToPort', asNumber, when);
  if (toPort) rule.toPort = toPort;
  const description = r.prop(map, 'Description', asString, when);
  if (description) rule.description = description;
  return rule;
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
      const rule = readRule(ctx, entry.map, direction, id, group, loc, entry.when);
      (direction === 'ingress' ? sg.ingress : sg.egress).push(rule);
      ctx.model.sgRules.push(rule);
    });
  }
  ctx.add(sg, ctx.model.securityGroups);
}

/** AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: appended to the groups they name. */
export function linkStandaloneRule(ctx: BuildContext, res: Resource, direction: Direction): void {
  const group = ctx.reader.prop(res.props, 'GroupId', asRef) ?? ctx.reader.prop(res.props, 'GroupName', asRef);
  if (!group) return;
  const rule = readRule(ctx, res.props, direction, res.id, group, res.base.blockLoc);
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

/** After every rule is attached: AWS's allow-all egress applies when no egress rule was written. */
export function finishSecurityGroups(ctx: BuildContext): void {
  for (const sg of ctx.model.securityGroups) sg.defaultEgressAll = sg.egress.length === 0;
}
