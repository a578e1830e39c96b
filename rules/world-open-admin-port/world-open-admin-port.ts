// world-open-admin-port: SSH (22) or RDP (3389) open to 0.0.0.0/0 or ::/0; admin access goes through an EC2 Instance Connect Endpoint.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, JsonValue, Model, SgRule, TextEdit, Workload, SecurityGroup } from '../../server/src/model/types';
import { combineWhen, knownValues } from '../../server/src/topology/guards';
import { native, refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';
import { ADMIN_PORT_RULE, adminPortsOf, adminRuleJudges, adminTargets } from '../shared/exposed-ports';
import { RuleGroup, admitsFromGroup, externalGroupUnknown, groupRef, groupsOfRule, isRuleSuppressed, listNames, removeRuleFix, replaceSourceFix, ruleFindingBase, rulesOf, earlierWorldTwin, hasNonWorldBranch } from '../shared/sg-findings';
import { RuleCase, describeTraffic, isWorldCase, ruleCases } from '../shared/sg-rule-cases';

export const rule: Rule = {
  meta: {
    id: ADMIN_PORT_RULE,
    defaultSeverity: 'error',
    description: 'SSH (22) or RDP (3389) is open to 0.0.0.0/0 or ::/0: administration must go through an EC2 Instance Connect Endpoint.',
    fixable: true,
    docs: 'rules/world-open-admin-port/world-open-admin-port.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const sgRule of rulesOf(topology.model, 'ingress')) {
      if (isRuleSuppressed(sgRule, ADMIN_PORT_RULE)) continue;
      for (const group of groupsOfRule(topology, sgRule)) {
        const finding = check(topology, sgRule, group);
        if (finding) findings.push(finding);
      }
    }
    for (const workload of topology.model.workloads) {
      const finding = checkRemoteAccess(topology, workload);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/**
 * An EKS managed node group with remote access by SSH key and no source security groups: AWS makes a group
 * that opens port 22 on every node to 0.0.0.0/0, written nowhere in the template.
 */
function checkRemoteAccess(topology: Topology, workload: Workload): RuleFinding | undefined {
  const access = workload.remoteAccess;
  if (!access?.sshKey || access.sourceGroups.length) return undefined;
  const model = topology.model;
  const sources = native(model, 'SourceSecurityGroups', 'source_security_group_ids');
  return {
    resource: workload.id,
    loc: access.loc,
    message: `EKS node group ${workload.id} allows remote access by SSH key with no ${sources}: AWS opens SSH (tcp 22) on its nodes to 0.0.0.0/0, so they can be administered from anywhere instead of through an EC2 Instance Connect Endpoint`,
    path: [{ loc: access.loc, message: `${workload.id} enables remote access without ${sources}` }],
    when: access.when,
    fixes: [],
    constructPath: workload.constructPath,
  };
}

function check(topology: Topology, sgRule: SgRule, group: RuleGroup): RuleFinding | undefined {
  if (!adminRuleJudges(topology, group.id)) return undefined;
  // A launch template is named through the group that launches it (the ASG), once.
  const users = [...new Set(adminTargets(topology, group.id).map((m) => topology.backendOf(m.id)?.entity.id ?? m.id))];
  for (const c of ruleCases(sgRule)) {
    if (!isWorldCase(sgRule, c)) continue;
    const admin = adminPortsOf(c);
    if (!admin.length) continue;
    const when = combineWhen(c.when, group.when);
    if (when === null) continue;
    const services = [...new Set(admin.map((a) => a.name))].join(' and ');
    const traffic = describeTraffic(c);
    const what = c.protocol === 'all' || c.from !== c.to ? `${traffic} (${services} included)` : `${services} (${traffic})`;
    const who = users.length ? `${listNames(users)} can be administered from anywhere` : `anything in ${group.id} can be administered from anywhere`;
    const port = admin[0].port;
    return {
      ...ruleFindingBase(sgRule, group),
      message: `${group.id} admits ${what} from ${c.peer}: ${who} instead of through an EC2 Instance Connect Endpoint`,
      path: [{ loc: sgRule.peer.value.loc, message: `${group.id} admits ${traffic} from ${c.peer}` }],
      when,
      notes: c.note ? [c.note] : undefined,
      unknown: externalGroupUnknown(group),
      fixes: fixes(topology, sgRule, group, c, port),
    };
  }
  return undefined;
}

function fixes(topology: Topology, sgRule: SgRule, group: RuleGroup, c: RuleCase, port: number): Fix[] {
  const model = topology.model;
  const out: Fix[] = [];
  const vpc = group.group ? topology.vpcOf(group.group) : undefined;
  const endpoints = vpc === undefined ? [] : model.instanceConnectEndpoints.filter((e) => topology.vpcOf(e) === vpc);
  const endpointGroup = endpoints.flatMap((e) => e.securityGroups.flatMap((p) => knownValues(p))).find((id) => topology.entity(id)?.kind === 'security-group');
  const remove = `Remove the world-open rule from ${group.id}`;
  // A world rule in one Fn::If branch only: replacing or removing it would drop the other branch's peer too.
  const otherBranch = hasNonWorldBranch(sgRule);
  if (!otherBranch && earlierWorldTwin(topology, sgRule, group.id, c)) {
    return [removeRuleFix(model, sgRule, `${remove} (the same traffic from 0.0.0.0/0 is fixed on its own rule)`, true)];
  }
  let endpointAdmitted = false;
  if (endpointGroup) {
    const endpoint = endpoints.find((e) => e.securityGroups.some((p) => knownValues(p).includes(endpointGroup)))!;
    const title = `Admit ${group.id} from the Instance Connect Endpoint's group ${endpointGroup} (${endpoint.id}) instead of ${c.peer}`;
    // A rule from the endpoint's group that already covers this traffic: replacing would duplicate it.
    endpointAdmitted = admitsFromGroup(topology, group.group, endpointGroup, c);
    const replace = endpointAdmitted ? undefined : replaceSourceFix(model, sgRule, endpointGroup, otherBranch ? `${title} (replaces the peer of its other Fn::If branch too)` : title);
    if (replace) out.push(otherBranch ? { title: replace.title, edits: replace.edits } : replace);
  } else if (vpc !== undefined && !endpoints.length && group.group) {
    const subnet = subnetsOfClass(topology, vpc, 'private')[0] ?? subnetsOfClass(topology, vpc, 'isolated')[0];
    if (subnet) {
      const added = addEndpoint(model, group.group.id, vpc, subnet.id, port);
      // A new endpoint makes instance-connect-endpoint-missing-access judge every server of the VPC: preferred only
      // when none of them would be reported (the fix must not ask for SSH where there was none).
      const unreachable = serversWithoutAdminIngress(topology, vpc, group.group);
      const note = unreachable.length ? ` (${listNames(unreachable)} then ${unreachable.length > 1 ? 'have' : 'has'} no SSH from it)` : '';
      const title = `Add an EC2 Instance Connect Endpoint in ${subnet.id} and admit ${group.id} from its group instead of ${c.peer}${note}`;
      const replace = replaceSourceFix(model, sgRule, added.groupId, otherBranch ? `${title} (replaces the peer of its other Fn::If branch too)` : title, added.edits);
      if (replace) out.push(otherBranch || unreachable.length ? { title: replace.title, edits: replace.edits } : replace);
    }
  }
  // Removing keeps everything only when the endpoint's group is admitted already (or there is no endpoint to keep).
  const safeRemove = !otherBranch && !out.some((f) => f.preferred) && (endpointAdmitted || !endpointGroup);
  const note = otherBranch ? ' (also drops the peer of its other Fn::If branch)' : endpointAdmitted ? '' : endpointGroup ? ' (the Instance Connect Endpoint loses access too)' : ' (no way in for admins is left)';
  out.push(removeRuleFix(model, sgRule, remove + note, safeRemove && endpointAdmitted));
  return out;
}

/** Servers (instances, Auto Scaling groups) of the VPC, outside `group`, with no admin-port ingress from an address range. */
function serversWithoutAdminIngress(topology: Topology, vpc: string, group: SecurityGroup): string[] {
  const out: string[] = [];
  for (const view of topology.backends) {
    const kind = view.entity.kind === 'workload' ? view.entity.workloadKind : undefined;
    if (kind !== 'instance' && kind !== 'auto-scaling-group') continue;
    if (!view.groups.length || view.groups.includes(group) || topology.vpcOf(view.entity) !== vpc) continue;
    const admitted = view.groups.some((g) => g.ingress.some((r) => r.peer.kind !== 'group' && ruleCases(r).some((rc) => adminPortsOf(rc).some((a) => a.protocol === 'tcp'))));
    if (!admitted) out.push(view.entity.id);
  }
  return out;
}

/** The endpoint and its group (egress to the admin port inside the VPC), as new resources next to `near`. */
function addEndpoint(model: Model, nearId: string, vpc: string, subnet: string, port: number): { groupId: string; edits: TextEdit[] } {
  const near = model.byId.get(nearId)!;
  const terraform = model.dialect === 'terraform';
  const groupName = model.writer.freshId(terraform ? 'instance_connect_endpoint' : 'InstanceConnectEndpointSg', native(model, 'AWS::EC2::SecurityGroup', 'aws_security_group'));
  const endpointName = model.writer.freshId(terraform ? 'instance_connect_endpoint' : 'InstanceConnectEndpoint', native(model, 'AWS::EC2::InstanceConnectEndpoint', 'aws_ec2_instance_connect_endpoint'));
  const groupId = terraform && !groupName.startsWith('aws_security_group.') ? `aws_security_group.${groupName}` : groupName;
  const endpointId = terraform && !endpointName.startsWith('aws_ec2_instance_connect_endpoint.') ? `aws_ec2_instance_connect_endpoint.${endpointName}` : endpointName;
  // Egress to the VPC's range, not to the target group: a group-to-group pair of rules would be a dependency cycle.
  const vpcCidr: JsonValue = terraform ? model.writer.ref(vpc, 'cidr_block') : model.writer.ref(vpc, 'CidrBlock');
  const resources: Record<string, JsonValue> = terraform
    ? {
        [groupId]: { description: 'EC2 Instance Connect Endpoint', vpc_id: refTo(model, vpc), egress: [{ protocol: 'tcp', from_port: port, to_port: port, cidr_blocks: [vpcCidr] }] },
        [endpointId]: { subnet_id: refTo(model, subnet), security_group_ids: [groupRef(model, groupId)] },
      }
    : {
        [groupId]: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'EC2 Instance Connect Endpoint',
            VpcId: refTo(model, vpc),
            SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: vpcCidr }],
          },
        },
        [endpointId]: {
          Type: 'AWS::EC2::InstanceConnectEndpoint',
          Properties: { SubnetId: refTo(model, subnet), SecurityGroupIds: [groupRef(model, groupId)] },
        },
      };
  return { groupId, edits: model.writer.addResources(near, resources) };
}
