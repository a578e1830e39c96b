// unrestricted-egress: a backend's group lets it connect anywhere on any port (explicitly, or by CloudFormation's default): the reverse-shell path.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, JsonValue, Model, SecurityGroup, SgRule, TextEdit } from '../../server/src/model/types';
import { combineWhen } from '../../server/src/topology/guards';
import { native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';
import { backendsUsing, groupsOfRule, isIntendedEdgeGroup, isRuleSuppressed, listNames, removeRuleFix, ruleFindingBase, rulesOfGroup } from '../shared/sg-findings';
import { coversPort, describeTraffic, isAllTraffic, isWorldCase, ruleCases } from '../shared/sg-rule-cases';

const ID = 'unrestricted-egress';

export const rule: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'warning',
    description: "A backend's security group allows all egress to 0.0.0.0/0 or ::/0 (explicitly or by CloudFormation's default): the reverse-shell path.",
    fixable: true,
    docs: 'rules/unrestricted-egress/unrestricted-egress.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    const originals = new Map(topology.model.sgRules.map((r) => [r.id, r]));
    for (const group of topology.model.securityGroups) {
      // Workloads run code (a reverse shell needs some); managed databases' groups are left alone.
      // A VPC with no internet gateway, no NAT and no route out of it: nothing can leave, whatever the group allows.
      const backends = backendsUsing(topology, group.id).filter((b) => b.entity.kind === 'workload' && !isSealed(topology, topology.vpcOf(b.entity)));
      if (!backends.length || isIntendedEdgeGroup(topology, group)) continue;
      const names = listNames(backends.map((b) => b.entity.id));
      const open = topology.unrestrictedEgress(group);
      if (open === 'default') findings.push(defaultEgress(topology.model, group, names));
      else {
        const seen = new Set<SgRule>();
        for (const sgRule of open) {
          // A standalone rule under an Fn::If group appears as a guarded copy: report the rule once.
          const original = originals.get(sgRule.id) ?? sgRule;
          if (seen.has(original) || isRuleSuppressed(original, ID)) continue;
          seen.add(original);
          const finding = explicitEgress(topology, original, group, names);
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
};

const WHY = 'can connect anywhere on any port (the reverse-shell and exfiltration path)';

function defaultEgress(model: Model, group: SecurityGroup, names: string): RuleFinding {
  const key = native(model, 'SecurityGroupEgress', 'egress');
  const rule: JsonValue = model.dialect === 'terraform'
    ? { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }
    : { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' };
  return {
    resource: group.id,
    loc: group.loc,
    message: `${group.id} has no ${key}, so AWS's default allows all traffic to 0.0.0.0/0: ${names} ${WHY}`,
    path: [{ loc: group.loc, message: `${group.id} writes no egress rule` }],
    fixes: [{ title: `Limit ${group.id}'s egress to tcp 443`, edits: model.writer.setProperty(group, [key], [rule]) }],
    ...(group.constructPath ? { constructPath: group.constructPath } : {}),
  };
}

/**
 * The VPC is in the template and provably has no way out: no internet gateway that is (or may be) attached,
 * no NAT gateway, and no route to anything but VPC endpoints, with every subnet's route tables known.
 */
function isSealed(topology: Topology, vpcId: string | undefined): boolean {
  const model = topology.model;
  if (vpcId === undefined || topology.entity(vpcId)?.kind !== 'vpc') return false;
  if (model.internetGateways.some((igw) => topology.igwAttachedTo(igw, vpcId) !== false)) return false;
  if (topology.natGatewaysInVpc(vpcId).length || model.externalRoutes?.length) return false;
  for (const subnet of topology.subnetsInVpc(vpcId)) {
    if (subnet.externalRouteTables?.length) return false;
    for (const table of topology.routeTablesOf(subnet.id)) {
      if (table.routes.some((route) => route.target.kind !== 'vpc-endpoint')) return false;
    }
  }
  return true;
}

function explicitEgress(topology: Topology, sgRule: SgRule, group: SecurityGroup, names: string): RuleFinding | undefined {
  const ruleGroup = groupsOfRule(topology, sgRule).find((g) => g.id === group.id);
  if (!ruleGroup) return undefined;
  for (const c of ruleCases(sgRule)) {
    if (!isWorldCase(sgRule, c) || !isAllTraffic(c)) continue;
    const when = combineWhen(c.when, ruleGroup.when);
    if (when === null) continue;
    const traffic = describeTraffic(c);
    const fix = limitTo443(topology, sgRule, group, c.peer);
    return {
      ...ruleFindingBase(sgRule, ruleGroup),
      message: `${group.id} allows ${traffic} to ${c.peer}: ${names} ${WHY}`,
      path: [{ loc: sgRule.peer.value.loc, message: `${group.id} allows ${traffic} to ${c.peer}` }],
      when,
      fixes: fix ? [fix] : [],
    };
  }
  return undefined;
}

/** Rewrite the rule in place to tcp 443 (the peer stays 0.0.0.0/0 or ::/0); removal when the group already allows that. */
function limitTo443(topology: Topology, sgRule: SgRule, group: SecurityGroup, peer: string): Fix | undefined {
  const model = topology.model;
  const title = `Limit ${group.id}'s egress to tcp 443`;
  if (allows443(topology, group, sgRule, peer)) return removeRuleFix(model, sgRule, `${title} (remove this rule: tcp 443 to ${peer} is already allowed)`);
  if (!sgRule.protocol) return undefined;
  const names = model.dialect === 'terraform' ? ['protocol', 'from_port', 'to_port'] : ['IpProtocol', 'FromPort', 'ToPort'];
  const ports = [sgRule.fromPort, sgRule.toPort];
  if (ports.every(Boolean)) {
    const edits = [...model.writer.setValue(sgRule.protocol, 'tcp'), ...ports.flatMap((prop) => model.writer.setValue(prop!, 443))];
    return edits.length ? { title, edits } : undefined;
  }
  // A missing port (protocol -1 needs none): the protocol property becomes protocol and ports.
  if (!model.writer.replaceProperty) return undefined;
  const entries: [string, JsonValue][] = [[names[0], 'tcp']];
  const edits: TextEdit[] = [];
  ports.forEach((prop, i) => {
    if (prop) edits.push(...model.writer.setValue(prop, 443));
    else entries.push([names[i + 1], 443]);
  });
  const replaced = model.writer.replaceProperty(sgRule.protocol, entries);
  if (!replaced.length) return undefined;
  return { title, edits: [...edits, ...replaced] };
}

/** Another egress rule of the group already allows tcp 443 to the same peer (a rewrite would duplicate it). */
function allows443(topology: Topology, group: SecurityGroup, except: SgRule, peer: string): boolean {
  return rulesOfGroup(topology, group.id, 'egress').some((other) => {
    if (other === except || other.id === except.id) return false;
    return ruleCases(other).some((c) => c.peer === peer && c.protocol === 'tcp' && coversPort(c, 'tcp', 443) && !isAllTraffic(c));
  });
}
