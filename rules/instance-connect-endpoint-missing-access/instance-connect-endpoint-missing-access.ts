// instance-connect-endpoint-missing-access: the VPC has an EC2 Instance Connect Endpoint, but it cannot reach SSH/RDP on the instances.
import { PathStep, Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, InstanceConnectEndpoint, JsonValue, Model, SecurityGroup, SgRule } from '../../server/src/model/types';
import { knownValues } from '../../server/src/topology/guards';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { groupRef, listNames } from '../shared/sg-findings';
import { coversPort, ruleCases } from '../shared/sg-rule-cases';

const ID = 'instance-connect-endpoint-missing-access';

export const rule: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'warning',
    description: 'An EC2 Instance Connect Endpoint cannot reach SSH (22) or RDP (3389) on instances of its VPC: admins are pushed towards world-open ports.',
    fixable: true,
    docs: `rules/${ID}/${ID}.md`,
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const [vpc, endpoints] of endpointsByVpc(topology)) {
      findings.push(...endpointEgress(topology, vpc, endpoints));
      findings.push(...instanceIngress(topology, vpc, endpoints));
    }
    return findings;
  },
};

/** Administration ports the endpoint tunnels to: either one makes an instance reachable. */
const ADMIN_PORTS = [22, 3389];
const SSH = 22;

interface Endpoint {
  endpoint: InstanceConnectEndpoint;
  groups: SecurityGroup[];
}

/** Endpoints with known groups, by VPC (an endpoint without groups uses the VPC's default group: unknown here). */
function endpointsByVpc(topology: Topology): Map<string, Endpoint[]> {
  const out = new Map<string, Endpoint[]>();
  for (const endpoint of topology.model.instanceConnectEndpoints) {
    const vpc = topology.vpcOf(endpoint);
    if (vpc === undefined || !endpoint.securityGroups.length) continue;
    const ids = endpoint.securityGroups.flatMap((prop) => knownValues(prop));
    const groups = ids.map((id) => topology.entity(id)).filter((e): e is SecurityGroup => e?.kind === 'security-group');
    // A group given as a literal id or a parameter: what it allows is unknown.
    if (groups.length !== endpoint.securityGroups.length) continue;
    const list = out.get(vpc) ?? [];
    list.push({ endpoint, groups });
    out.set(vpc, list);
  }
  return out;
}

/** The rule admits (ingress) or allows (egress) an admin port, for some peer and some Fn::If branch. */
function coversAdminPort(rule: SgRule): boolean {
  return ruleCases(rule).some((c) => ADMIN_PORTS.some((port) => coversPort(c, 'tcp', port)));
}

function hasUnknownPeer(rule: SgRule): boolean {
  return rule.peer.kind === 'prefix-list' || rule.peer.value.alts.some((alt) => alt.value === undefined);
}

// ---- The endpoint's own egress ----

function endpointEgress(topology: Topology, vpc: string, endpoints: Endpoint[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const { endpoint, groups } of endpoints) {
    // Egress is allowed when any of the endpoint's groups allows it (AWS's default egress included).
    const allowed = groups.some((g) => g.defaultEgressAll || g.egress.some((r) => hasUnknownPeer(r) || coversAdminPort(r)));
    if (allowed) continue;
    const group = groups[0];
    const loc = group.egressListLoc ?? group.loc;
    const path: PathStep[] = [
      { loc: endpoint.loc, message: `${endpoint.id} uses ${listNames(groups.map((g) => g.id))}` },
      { loc, message: `${group.id} allows no egress on tcp 22 or 3389` },
    ];
    out.push({
      resource: group.id,
      loc,
      message: `${group.id}, the group of EC2 Instance Connect Endpoint ${endpoint.id}, allows no egress on SSH (tcp 22) or RDP (tcp 3389): the endpoint cannot open a session to any instance, which invites opening admin ports to the world`,
      path,
      fixes: [egressFix(topology.model, group, vpc)],
      constructPath: group.constructPath,
    });
  }
  return out;
}

/** A standalone egress rule: SSH to the VPC's range (a group-to-group pair of inline rules would be a dependency cycle). */
function egressFix(model: Model, group: SecurityGroup, vpc: string): Fix {
  const writer = model.writer;
  const terraform = model.dialect === 'terraform';
  const name = writer.freshId(terraform ? `${group.id.split('.').pop()}_ssh_egress` : `${group.id}SshEgress`, terraform ? 'aws_vpc_security_group_egress_rule' : 'AWS::EC2::SecurityGroupEgress');
  const key = terraform && !name.startsWith('aws_vpc_security_group_egress_rule.') ? `aws_vpc_security_group_egress_rule.${name}` : name;
  const resource: JsonValue = terraform
    ? { security_group_id: groupRef(model, group.id), ip_protocol: 'tcp', from_port: SSH, to_port: SSH, cidr_ipv4: writer.ref(vpc, 'cidr_block'), description: 'SSH from the Instance Connect Endpoint to the VPC' }
    : {
        Type: 'AWS::EC2::SecurityGroupEgress',
        Properties: { GroupId: groupRef(model, group.id), IpProtocol: 'tcp', FromPort: SSH, ToPort: SSH, CidrIp: writer.ref(vpc, 'CidrBlock'), Description: 'SSH from the Instance Connect Endpoint to the VPC' },
      };
  // It opens a port on a group: a suggestion, never applied by --fix (a preferred fix widens nothing).
  return { title: `Allow ${group.id} SSH egress to the VPC (adds tcp 22 egress to ${group.id})`, edits: writer.addResources(group, { [key]: resource }) };
}

// ---- The instances' ingress ----

/** Instances and Auto Scaling groups: what admins log in to (containers, functions and clusters are not). */
function isServer(view: BackendView): boolean {
  return view.entity.kind === 'workload' && (view.entity.workloadKind === 'instance' || view.entity.workloadKind === 'auto-scaling-group');
}

function vpcOfView(topology: Topology, view: BackendView): string | undefined {
  return topology.vpcOf(view.entity) ?? (view.launchTemplate && topology.vpcOf(view.launchTemplate)) ?? knownValues(view.groups[0]?.vpc)[0];
}

/** IPv4 a.b.c.d/n as [first, last] addresses; undefined when not IPv4 CIDR text. */
function range(cidr: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const ip = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
  const bits = Number(m[5]);
  if (bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(ip / size) * size;
  return [first, first + size - 1];
}

/** Whether a CIDR peer may include addresses of the VPC (where the endpoint's interface lives); unknown counts as may. */
function mayIncludeVpc(cidr: string, vpcCidrs: string[]): boolean {
  const peer = range(cidr);
  if (!peer || !vpcCidrs.length) return true;
  return vpcCidrs.some((v) => {
    const own = range(v);
    return !own || (peer[0] <= own[1] && own[0] <= peer[1]);
  });
}

/** Some group of the instance admits an admin port from an endpoint's group, or from a range that may hold the endpoint. */
function reachable(view: BackendView, endpointGroups: Set<string>, vpcCidrs: string[]): boolean {
  return view.groups.some((group) =>
    group.ingress.some((r) => {
      if (hasUnknownPeer(r)) return true;
      return ruleCases(r).some((c) => {
        if (!ADMIN_PORTS.some((port) => coversPort(c, 'tcp', port))) return false;
        if (r.peer.kind === 'group') return endpointGroups.has(c.peer);
        if (r.peer.kind === 'cidr') return mayIncludeVpc(c.peer, vpcCidrs);
        return false;
      });
    }),
  );
}

function instanceIngress(topology: Topology, vpc: string, endpoints: Endpoint[]): RuleFinding[] {
  const model = topology.model;
  const endpointGroups = new Set(endpoints.flatMap((e) => e.groups.map((g) => g.id)));
  const vpcEntity = topology.entity(vpc);
  const vpcCidrs = vpcEntity?.kind === 'vpc' ? knownValues(vpcEntity.cidr) : [];
  // Unreachable instances, gathered on the group a fix would extend (their first group).
  const byGroup = new Map<SecurityGroup, BackendView[]>();
  for (const view of topology.backends) {
    if (!isServer(view) || !view.groups.length || vpcOfView(topology, view) !== vpc) continue;
    if (reachable(view, endpointGroups, vpcCidrs)) continue;
    const list = byGroup.get(view.groups[0]) ?? [];
    list.push(view);
    byGroup.set(view.groups[0], list);
  }
  const { endpoint, groups } = endpoints[0];
  const source = groups[0];
  const out: RuleFinding[] = [];
  for (const [group, views] of byGroup) {
    const names = listNames(views.map((v) => v.entity.id));
    const loc = group.ingressListLoc ?? group.loc;
    out.push({
      resource: group.id,
      loc,
      message: `${group.id} admits no SSH (tcp 22) or RDP (tcp 3389) from EC2 Instance Connect Endpoint ${endpoint.id} (group ${source.id}): ${names} cannot be administered the intended way, which invites opening admin ports to the world`,
      path: [
        { loc: endpoint.loc, message: `${endpoint.id} is the VPC's way in for admins, through ${source.id}` },
        ...views.map((v) => ({ loc: v.entity.loc, message: `${v.entity.id} uses ${group.id}` })),
        { loc, message: `${group.id} has no ingress rule from ${source.id} on tcp 22 or 3389` },
      ],
      fixes: [ingressFix(model, group, source)],
      constructPath: group.constructPath,
    });
  }
  return out;
}

/** A standalone ingress rule, SSH from the endpoint's group (standalone, so no dependency cycle between groups). */
function ingressFix(model: Model, group: SecurityGroup, source: SecurityGroup): Fix {
  const writer = model.writer;
  const terraform = model.dialect === 'terraform';
  const name = writer.freshId(terraform ? `${group.id.split('.').pop()}_ssh_from_eice` : `${group.id}SshFromInstanceConnect`, terraform ? 'aws_vpc_security_group_ingress_rule' : 'AWS::EC2::SecurityGroupIngress');
  const key = terraform && !name.startsWith('aws_vpc_security_group_ingress_rule.') ? `aws_vpc_security_group_ingress_rule.${name}` : name;
  const resource: JsonValue = terraform
    ? { security_group_id: groupRef(model, group.id), ip_protocol: 'tcp', from_port: SSH, to_port: SSH, referenced_security_group_id: groupRef(model, source.id), description: 'SSH from the EC2 Instance Connect Endpoint' }
    : {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: groupRef(model, group.id), IpProtocol: 'tcp', FromPort: SSH, ToPort: SSH, SourceSecurityGroupId: groupRef(model, source.id), Description: 'SSH from the EC2 Instance Connect Endpoint' },
      };
  // It opens SSH where there was none: a suggestion, never applied by --fix.
  return { title: `Admit SSH to ${group.id} from the Instance Connect Endpoint's group ${source.id} (opens tcp 22 on ${group.id})`, edits: writer.addResources(group, { [key]: resource }) };
}
