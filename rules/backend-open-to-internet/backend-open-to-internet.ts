// backend-open-to-internet: a backend's security group admits the world; only the internet-facing ALB's group belongs there.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, LoadBalancer, SgRule } from '../../server/src/model/types';
import { combineWhen, knownValues } from '../../server/src/topology/guards';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { ownedBySpecificRule } from '../shared/exposed-ports';
import { RuleGroup, admitsFromGroup, backendsUsing, externalGroupUnknown, groupsOfRule, plainLinkUnknown, isIntendedEdgeGroup, isRuleSuppressed, listNames, removeRuleFix, replaceSourceFix, ruleFindingBase, rulesOf, earlierWorldTwin, hasNonWorldBranch } from '../shared/sg-findings';
import { RuleCase, describeTraffic, isWebOnly, isWorldCase, ruleCases } from '../shared/sg-rule-cases';
import { openFunctionUrls } from './function-urls';

const ID = 'backend-open-to-internet';

export const rule: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description: "A backend's security group admits traffic from 0.0.0.0/0 or ::/0: the backend is reachable without the ALB.",
    fixable: true,
    docs: 'rules/backend-open-to-internet/backend-open-to-internet.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const sgRule of rulesOf(topology.model, 'ingress')) {
      if (isRuleSuppressed(sgRule, ID)) continue;
      for (const group of groupsOfRule(topology, sgRule)) {
        const finding = check(topology, sgRule, group);
        if (finding) findings.push(finding);
      }
    }
    findings.push(...openFunctionUrls(topology));
    return findings;
  },
};

/** "AppServers are reachable", "AppGroup is reachable": several backends, or one named in the plural. */
function isPlural(names: string[]): boolean {
  return names.length > 1 || /[^sS][sS]$/.test(names[0] ?? '');
}

function check(topology: Topology, sgRule: SgRule, group: RuleGroup): RuleFinding | undefined {
  if (group.external) return checkExternal(topology, sgRule, group);
  if (!group.group || isIntendedEdgeGroup(topology, group.group)) return undefined;
  // Lambda functions accept no inbound connections: their groups' ingress opens nothing.
  const backends = backendsUsing(topology, group.id).filter((b) => !(b.entity.kind === 'workload' && b.entity.workloadKind === 'lambda-function'));
  if (!backends.length) return undefined;
  const lbsInGroup = topology.groupMembers(group.id).filter((m): m is LoadBalancer => m.kind === 'load-balancer' && topology.role(m) === 'edge');
  for (const c of ruleCases(sgRule)) {
    if (!isWorldCase(sgRule, c)) continue;
    // ICMP reaches no service (and path MTU discovery needs it): not a way around the ALB.
    if (c.protocol === 'icmp' || c.protocol === 'icmpv6') continue;
    // The internet-facing load balancer's own 80/443 is the intended edge.
    if (lbsInGroup.length && isWebOnly(c)) continue;
    if (ownedBySpecificRule(topology, group.id, c)) continue;
    const when = combineWhen(c.when, group.when);
    if (when === null) continue;
    const names = backends.map((b) => b.entity.id);
    const plural = isPlural(names);
    const traffic = describeTraffic(c);
    const direct = backends.some(isDirectlyReachable);
    const lbs = [...new Set(backends.flatMap((b) => b.behind).filter((lb) => topology.role(lb) === 'edge'))];
    // In private subnets with no public address, the group's world rule is reached only through a load balancer.
    const reach = direct
      ? `${listNames(names)} ${plural ? 'are' : 'is'} reachable without the ALB`
      : `${listNames(names)} ${plural ? 'sit' : 'sits'} in private subnets with no public IP, so ${lbs.length ? `only ${listNames(lbs.map((lb) => lb.id))} ${lbs.length > 1 ? 'reach' : 'reaches'} ${plural ? 'them' : 'it'} from the internet: admit the load balancer's group instead of the world${lbs.some((lb) => lb.lbKind === 'network') ? ' (a Network Load Balancer passes client addresses: give it a security group and admit that)' : ''}` : `nothing reaches ${plural ? 'them' : 'it'} from the internet today: admit only the groups that need ${plural ? 'them' : 'it'}`}`;
    return {
      ...ruleFindingBase(sgRule, group),
      message: `${group.id} admits ${traffic} from ${c.peer}: ${reach}`,
      lowered: !direct,
      path: [
        { loc: sgRule.peer.value.loc, message: `${group.id} admits ${traffic} from ${c.peer}` },
        ...backends.map((b) => ({ loc: b.entity.loc, message: `${b.entity.id} uses ${group.id}` })),
      ],
      when,
      notes: c.note ? [c.note] : undefined,
      unknown: plainLinkUnknown(backends, group.id),
      fixes: fixes(topology, sgRule, group, c, backends),
    };
  }
  return undefined;
}

/** A public subnet, the default VPC, or a placement not known here: the internet may reach it without a load balancer. */
function isDirectlyReachable(view: BackendView): boolean {
  if (view.inDefaultVpc || !view.subnets.length) return true;
  return view.subnets.some((subnet) => subnet.cls === 'public' || subnet.cls === 'unknown');
}

/**
 * A rule on a group from elsewhere (an import, a parameter, a literal id) that opens an application port to the
 * world: the template asks for it, and what uses the group is outside the file. 80/443 alone is what an
 * internet-facing load balancer's group admits, so an unknown group open only on those is taken as an edge.
 */
function checkExternal(topology: Topology, sgRule: SgRule, group: RuleGroup): RuleFinding | undefined {
  for (const c of ruleCases(sgRule)) {
    if (!isWorldCase(sgRule, c) || c.protocol === 'icmp' || c.protocol === 'icmpv6' || isWebOnly(c)) continue;
    if (ownedBySpecificRule(topology, group.id, c)) continue;
    const when = combineWhen(c.when, group.when);
    if (when === null) continue;
    const traffic = describeTraffic(c);
    return {
      ...ruleFindingBase(sgRule, group),
      message: `${group.id} admits ${traffic} from ${c.peer}: any backend that uses it is reachable without the ALB`,
      path: [{ loc: sgRule.peer.value.loc, message: `${group.id} admits ${traffic} from ${c.peer}` }],
      when,
      notes: c.note ? [c.note] : undefined,
      unknown: externalGroupUnknown(group),
      fixes: [removeRuleFix(topology.model, sgRule, `Remove the world-open rule from ${group.id}`)],
    };
  }
  return undefined;
}

/** The security group of an internet-facing load balancer that forwards to one of the backends. */
function albGroup(topology: Topology, backends: BackendView[]): { lb: LoadBalancer; groupId: string } | undefined {
  for (const backend of backends) {
    for (const lb of backend.behind) {
      if (topology.role(lb) !== 'edge') continue;
      const groupId = lb.securityGroups.flatMap((p) => knownValues(p)).find((id) => topology.entity(id)?.kind === 'security-group');
      if (groupId) return { lb, groupId };
    }
  }
  return undefined;
}

function fixes(topology: Topology, sgRule: SgRule, group: RuleGroup, c: RuleCase, backends: BackendView[]): Fix[] {
  const model = topology.model;
  const out: Fix[] = [];
  const remove = `Remove the world-open rule from ${group.id}`;
  // A world rule in one Fn::If branch only: replacing or removing it drops the other branch's peer too.
  const otherBranch = hasNonWorldBranch(sgRule);
  const alt = otherBranch ? undefined : albGroup(topology, backends);
  if (!otherBranch && earlierWorldTwin(topology, sgRule, group.id, c)) {
    // 0.0.0.0/0 beside ::/0: the other rule's fix keeps the load balancer's access; this one just goes.
    return [removeRuleFix(model, sgRule, `${remove} (the same traffic from 0.0.0.0/0 is fixed on its own rule)`, true)];
  }
  if (alt && alt.groupId !== group.id && !admitsFromGroup(topology, group.group, alt.groupId, c)) {
    const replace = replaceSourceFix(model, sgRule, alt.groupId, `Admit ${group.id} only from ${alt.lb.id}'s group ${alt.groupId} instead of ${c.peer}`);
    if (replace) out.push(replace);
  }
  // Removing is safe when nothing in the template reaches the backends through this rule (no load balancer
  // forwards to them) or the load balancer's group is admitted already; otherwise it is a suggestion.
  const lbs = backends.some((b) => b.behind.some((lb) => topology.role(lb) === 'edge'));
  const alreadyAdmitted = alt ? admitsFromGroup(topology, group.group, alt.groupId, c) || alt.groupId === group.id : false;
  const safeRemove = !otherBranch && out.length === 0 && (!lbs || alreadyAdmitted);
  const title = otherBranch
    ? `${remove} (also drops the peer of its other Fn::If branch)`
    : lbs && !alreadyAdmitted
      ? `${remove} (the load balancer in front of ${listNames(backends.map((b) => b.entity.id))} loses access too)`
      : remove;
  out.push(removeRuleFix(model, sgRule, title, safeRemove));
  return out;
}
