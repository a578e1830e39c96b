// Derives the exposure map from the engine's topology and findings: a pure function, no I/O, no layout.
import { Finding } from '../engine/types';
import { Entity, EntityBase, Guard, LoadBalancer, Loc, Model, SgRule } from '../model/types';
import { positionAt } from '../source/tree';
import { describeWhen, knownValues } from '../topology/guards';
import { SubnetClass, SubnetView, Topology } from '../topology/topology';
import { ExposureMap, MapCluster, MapEdge, MapFinding, MapNode, MapSource, NodeKind } from './types';

/** One template, Terraform module or CDK stack to draw. */
export interface MapPart {
  /** Shown as a box around the part when the map holds several. */
  label: string;
  model: Model;
  topology: Topology;
  findings: Finding[];
}

export interface BuildOptions {
  /** diff --map: findings the change introduces (by ruleId|resource); others are drawn muted. */
  introduced?: Set<string>;
}

/** Rules whose finding is a path from the internet to a resource: drawn as a red edge. */
export const EXPOSURE_RULES = new Set([
  'public-ip-on-backend',
  'eip-on-backend',
  'backend-in-public-subnet',
  'backend-open-to-internet',
  'world-open-admin-port',
  'public-database',
  'eks-public-endpoint',
  'default-vpc-placement',
]);

/** Most specific first: an edge's label names the first of its rules. */
const EXPOSURE_ORDER = ['world-open-admin-port', 'public-database', 'backend-open-to-internet', 'public-ip-on-backend', 'eip-on-backend', 'eks-public-endpoint', 'default-vpc-placement', 'backend-in-public-subnet'];

export const INTERNET = 'internet';
const RANK: Record<SubnetClass, number> = { public: 0, unknown: 1, private: 2, isolated: 3 };

export function findingKey(finding: { ruleId: string; resource: string }): string {
  return `${finding.ruleId}|${finding.resource}`;
}

export function buildExposureMap(parts: MapPart[], options: BuildOptions = {}): ExposureMap {
  const map: ExposureMap = { clusters: [], nodes: [], edges: [], otherFindings: [], diff: options.introduced ? true : undefined };
  map.nodes.push({ id: INTERNET, kind: 'internet', label: 'Internet', detail: '0.0.0.0/0, ::/0', findings: [], exposed: false });
  parts.forEach((part, i) => new PartBuilder(map, part, parts.length > 1 ? `p${i}:` : '', parts.length > 1, options).build());
  const exposedSources = new Set(map.edges.filter((e) => e.kind === 'exposure').map((e) => e.from));
  for (const node of map.nodes) if (exposedSources.has(node.id)) node.exposed = true;
  return map;
}

class PartBuilder {
  private readonly nodeOf = new Map<string, string[]>();
  private readonly clusterOf = new Map<string, MapCluster>();
  private readonly nodes = new Map<string, MapNode>();
  private readonly edges = new Map<string, MapEdge>();
  private readonly root: string | undefined;

  constructor(
    private readonly map: ExposureMap,
    private readonly part: MapPart,
    private readonly pre: string,
    wrap: boolean,
    private readonly options: BuildOptions,
  ) {
    if (wrap) {
      this.root = `${pre}part`;
      this.map.clusters.push({ id: this.root, kind: 'part', label: part.label, findings: [] });
    }
  }

  build(): void {
    const { model, topology } = this.part;
    this.vpcs();
    this.subnets();
    for (const igw of model.internetGateways) {
      const node = this.addNode(igw, 'internet-gateway', 'internet gateway', this.root);
      this.addEdge(INTERNET, node.id, 'flow', '');
    }
    for (const lb of model.loadBalancers) this.addNode(lb, 'load-balancer', lbDetail(lb), this.placement(lb));
    for (const nat of model.natGateways) this.addNode(nat, 'nat-gateway', 'NAT gateway', this.placement(nat));
    for (const eice of model.instanceConnectEndpoints) this.addNode(eice, 'endpoint', 'EC2 Instance Connect Endpoint', this.placement(eice));
    for (const edge of topology.edges) {
      if (edge.kind === 'workload' && !this.nodeOf.has(edge.id)) this.addNode(edge, 'load-balancer', `${edge.type}, intended edge`, this.placement(edge));
    }
    for (const view of topology.backends) {
      const entity = view.entity;
      const kind: NodeKind = entity.kind === 'database' ? 'data-store' : 'backend';
      const node = this.addNode(entity, kind, shortType(entity.type), this.placement(entity, view.inDefaultVpc));
      for (const member of view.members) if (member !== entity) this.nodeOf.set(member.id, [node.id]);
    }
    this.flows();
    this.findings();
    this.map.nodes.push(...this.nodes.values());
    this.map.edges.push(...this.edges.values());
  }

  // ---- boxes ----

  private vpcs(): void {
    const { model } = this.part;
    for (const vpc of model.vpcs) {
      const cidr = knownValues(vpc.cidr)[0];
      this.addCluster({ id: `${this.pre}vpc:${vpc.id}`, kind: 'vpc', label: vpc.id, detail: cidr ? `VPC ${cidr}` : 'VPC', parent: this.root, ...this.common(vpc) }, vpc.id);
    }
  }

  private vpcCluster(vpcId: string | undefined): string | undefined {
    const key = vpcId ?? '(unknown VPC)';
    const id = `${this.pre}vpc:${key}`;
    if (!this.map.clusters.some((c) => c.id === id)) {
      const detail = vpcId === undefined ? 'VPC not known from the template' : 'VPC from outside the template';
      this.map.clusters.push({ id, kind: 'vpc', label: vpcId ?? 'unknown VPC', detail, parent: this.root, findings: [] });
    }
    return id;
  }

  private subnets(): void {
    const { model, topology } = this.part;
    for (const subnet of model.subnets) {
      const views = topology.subnetViews(subnet.id);
      const first = views[0];
      const vpc = this.vpcCluster(topology.vpcOf(subnet));
      const conditional = [subnet.condition ? `exists if ${subnet.condition}` : undefined, views.length > 1 || first?.when?.length ? classConditions(views) : undefined].filter(Boolean).join('; ');
      this.addCluster(
        {
          id: `${this.pre}subnet:${subnet.id}`,
          kind: 'subnet',
          label: subnet.id,
          cls: first?.cls ?? 'unknown',
          detail: first ? subnetDetail(first) : 'unknown: no route table',
          parent: vpc,
          ...this.common(subnet),
          conditional: conditional || undefined,
        },
        subnet.id,
      );
    }
  }

  private addCluster(cluster: MapCluster, entityId: string): void {
    this.map.clusters.push(cluster);
    this.clusterOf.set(entityId, cluster);
  }

  /** The box an entity is drawn in: its most exposed subnet, else its VPC, else the default VPC or the part. */
  private placement(entity: Entity, inDefaultVpc = false): string | undefined {
    const { topology } = this.part;
    const subnets = topology.subnetsOf(entity).filter((id) => this.clusterOf.has(id));
    if (subnets.length) {
      const rank = (id: string) => RANK[topology.subnetView(id)?.cls ?? 'unknown'];
      return this.clusterOf.get([...subnets].sort((a, b) => rank(a) - rank(b))[0])!.id;
    }
    if (inDefaultVpc) {
      const id = `${this.pre}vpc:(default VPC)`;
      if (!this.map.clusters.some((c) => c.id === id)) {
        this.map.clusters.push({ id, kind: 'vpc', label: 'default VPC', detail: 'every subnet public', parent: this.root, findings: [] });
      }
      return id;
    }
    const vpc = topology.vpcOf(entity);
    if (vpc !== undefined) return this.vpcCluster(vpc);
    return this.root;
  }

  // ---- nodes and edges ----

  private addNode(entity: Entity, kind: NodeKind, detail: string, parent: string | undefined): MapNode {
    const existing = this.nodeOf.get(entity.id);
    if (existing?.length) return this.nodes.get(existing[0])!;
    const subnets = this.part.topology.subnetsOf(entity);
    // Drawn in one subnet; the others are named (hover and outline show the detail in full).
    const others = subnets.length > 1 ? ` (+${subnets.length - 1} subnet${subnets.length > 2 ? 's' : ''})` : '';
    const node: MapNode = { id: `${this.pre}${entity.id}`, kind, label: entity.id, detail: detail + others, subnets: subnets.length > 1 ? subnets : undefined, parent, ...this.common(entity), exposed: false };
    this.nodes.set(node.id, node);
    this.nodeOf.set(entity.id, [node.id]);
    return node;
  }

  private common(entity: EntityBase): { source?: MapSource; conditional?: string; findings: MapFinding[] } {
    return { source: this.source(entity.loc), conditional: entity.condition ? `exists if ${entity.condition}` : undefined, findings: [] };
  }

  private source(loc: Loc): MapSource | undefined {
    const file = this.part.model.files.find((f) => f.path === loc.file);
    if (!file) return undefined;
    const { line, character } = positionAt(file.lineStarts, loc.span.start);
    return { file: loc.file, line, character };
  }

  private addEdge(from: string, to: string, kind: MapEdge['kind'], label: string, extra: Partial<MapEdge> = {}): MapEdge | undefined {
    if (from === to) return undefined;
    const id = `${kind}:${from}->${to}`;
    const existing = this.edges.get(id) ?? this.map.edges.find((e) => e.id === id);
    if (existing) {
      if (label && !samePorts(existing.label, label)) existing.label = existing.label ? `${existing.label}, ${label}` : label;
      if (extra.ruleIds) for (const rule of extra.ruleIds) if (!existing.ruleIds.includes(rule)) existing.ruleIds.push(rule);
      if (extra.introduced) existing.introduced = true;
      if (!extra.conditional) existing.conditional = undefined;
      return existing;
    }
    const edge: MapEdge = { id, from, to, kind, label, ruleIds: [], ...extra };
    this.edges.set(id, edge);
    return edge;
  }

  private igwNodeFor(entity: Entity): string {
    const { topology } = this.part;
    for (const id of topology.subnetsOf(entity)) {
      const gateway = topology.subnetView(id)?.gateway;
      if (gateway?.kind === 'internet-gateway' && this.nodeOf.has(gateway.id)) return this.nodeOf.get(gateway.id)![0];
    }
    const vpc = topology.vpcOf(entity);
    for (const igw of this.part.model.internetGateways) {
      if (vpc !== undefined && topology.igwAttachedTo(igw, vpc)) return this.nodeOf.get(igw.id)![0];
    }
    return INTERNET;
  }

  /** Allowed flows: internet -> internet-facing LBs, LB -> targets, group -> group, NAT -> IGW. */
  private flows(): void {
    const { model, topology } = this.part;
    for (const lb of model.loadBalancers) {
      const lbNode = this.nodeOf.get(lb.id)?.[0];
      if (!lbNode) continue;
      if (topology.role(lb) === 'edge') this.addEdge(this.igwNodeFor(lb), lbNode, 'flow', listenerPorts(lb), { conditional: lb.condition ? `if ${lb.condition}` : undefined });
    }
    for (const view of topology.backends) {
      const to = this.nodeOf.get(view.entity.id)?.[0];
      if (!to) continue;
      for (const lb of view.behind) {
        const from = this.nodeOf.get(lb.id)?.[0];
        if (from) this.addEdge(from, to, 'flow', targetPorts(view.entity, lb, model));
      }
    }
    for (const group of model.securityGroups) {
      const members = this.membersOf(group.id);
      if (!members.length) continue;
      for (const rule of [...group.ingress, ...model.sgRules.filter((r) => r.direction === 'ingress' && !group.ingress.includes(r) && knownValues(r.group).includes(group.id))]) {
        if (rule.peer.kind !== 'group') continue;
        for (const peer of knownValues(rule.peer.value)) {
          // A flow from a group that exists only under a condition is conditional too.
          const guard = ruleGuard(rule, model.byId.get(peer)?.condition ?? group.condition);
          for (const from of this.membersOf(peer)) for (const to of members) this.addEdge(from, to, 'flow', portsOf(rule), { conditional: guard });
        }
      }
    }
    for (const nat of model.natGateways) {
      const from = this.nodeOf.get(nat.id)?.[0];
      const igw = this.igwNodeFor(nat);
      // A NAT outside a public subnet has no way out (nat-gateway-placement says so on the node): no egress drawn.
      const inPublic = topology.subnetsOf(nat).some((id) => topology.subnetView(id)?.cls === 'public');
      if (from && igw !== INTERNET && inPublic) this.addEdge(from, igw, 'egress', 'egress 0.0.0.0/0');
    }
  }

  private membersOf(groupId: string): string[] {
    const out = new Set<string>();
    for (const member of this.part.topology.groupMembers(groupId)) for (const id of this.nodeOf.get(member.id) ?? []) out.add(id);
    return [...out];
  }

  /** Findings onto nodes and boxes; exposure findings also become red edges from the internet side. */
  private findings(): void {
    const { model, topology } = this.part;
    const exposurePorts = new Map<MapEdge, Set<string>>();
    for (const finding of this.part.findings) {
      const introduced = this.options.introduced?.has(findingKey(finding));
      const mapFinding: MapFinding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, ...(introduced ? { introduced } : {}) };
      const entity = model.byId.get(finding.resource);
      const targets = this.targetsOf(finding.resource, entity);
      const cluster = this.clusterOf.get(finding.resource);
      if (cluster) cluster.findings.push(mapFinding);
      for (const id of targets) this.nodes.get(id)?.findings.push(mapFinding);
      if (!cluster && !targets.length) this.map.otherFindings.push({ ...mapFinding, resource: finding.resource });
      if (!EXPOSURE_RULES.has(finding.ruleId)) continue;
      const conditional = describeWhen(finding.when).trim() || undefined;
      const ports = entity?.kind === 'security-group' ? topology.worldIngress(entity).map(portsOf) : [];
      for (const id of targets) {
        const node = this.nodes.get(id)!;
        if (node.kind === 'load-balancer' || node.kind === 'nat-gateway' || node.kind === 'endpoint') continue;
        node.exposed = true;
        const target = model.byId.get(node.label);
        const from = target ? this.igwNodeFor(target) : INTERNET;
        const edge = this.addEdge(from, id, 'exposure', '', { ruleIds: [finding.ruleId], conditional, introduced });
        if (!edge) continue;
        const set = exposurePorts.get(edge) ?? new Set<string>();
        for (const port of ports) set.add(port);
        exposurePorts.set(edge, set);
      }
    }
    // Labels name the ports open to the world (where a group says so) and the most specific rule; all rules stay in ruleIds.
    for (const [edge, ports] of exposurePorts) {
      edge.ruleIds.sort((a, b) => EXPOSURE_ORDER.indexOf(a) - EXPOSURE_ORDER.indexOf(b));
      const rules = edge.ruleIds.length > 1 ? `${edge.ruleIds[0]} +${edge.ruleIds.length - 1}` : edge.ruleIds[0];
      edge.label = [[...ports].join(', '), rules].filter(Boolean).join(' · ');
    }
  }

  /** Nodes a finding on `resource` belongs to: the node itself, or for a group / listener / EIP, the nodes they apply to. */
  private targetsOf(resource: string, entity: Entity | undefined): string[] {
    const own = this.nodeOf.get(resource);
    if (own) return own;
    if (!entity) return [];
    switch (entity.kind) {
      case 'security-group':
        return this.membersOf(entity.id);
      case 'listener':
        return knownValues(entity.loadBalancer).flatMap((id) => this.nodeOf.get(id) ?? []);
      case 'eip':
        return entity.attachedTo.flatMap((a) => knownValues(a.target)).flatMap((id) => this.nodeOf.get(id) ?? []);
      case 'waf-association':
        return knownValues(entity.resource).flatMap((id) => this.nodeOf.get(id) ?? []);
      default:
        return [];
    }
  }
}

/** "HTTP 8080" from a target group and "tcp 8080" from a group say the same port: one label is enough. */
function samePorts(existing: string, label: string): boolean {
  const port = /\d+(-\d+)?$/.exec(label)?.[0];
  return existing.split(', ').some((part) => part === label || (port !== undefined && part.endsWith(` ${port}`)));
}

function ruleGuard(rule: SgRule, groupCondition: string | undefined): string | undefined {
  const when: Guard[] = rule.peer.value.alts.flatMap((alt) => alt.when ?? []);
  for (const condition of [rule.entity?.condition, groupCondition]) if (condition && !when.some((g) => g.condition === condition)) when.unshift({ condition, holds: true });
  return describeWhen(when).trim() || undefined;
}

/** "tcp 443", "tcp 8000-8100", "all traffic". */
export function portsOf(rule: SgRule): string {
  const protocol = knownValues(rule.protocol)[0];
  if (protocol === undefined) return 'ports unknown';
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const from = knownValues(rule.fromPort)[0];
  const to = knownValues(rule.toPort)[0] ?? from;
  const name = /^\d+$/.test(protocol) ? { '6': 'tcp', '17': 'udp', '1': 'icmp' }[protocol] ?? `protocol ${protocol}` : protocol;
  if (from === undefined || from === -1) return name;
  return `${name} ${from === to ? from : `${from}-${to}`}`;
}

function listenerPorts(lb: LoadBalancer): string {
  const ports = lb.listeners.map((l) => [knownValues(l.protocol)[0], knownValues(l.port)[0]].filter((v) => v !== undefined).join(' ')).filter(Boolean);
  return [...new Set(ports)].join(', ');
}

function targetPorts(entity: Entity, lb: LoadBalancer, model: Model): string {
  const ports = new Set<string>();
  for (const tg of model.targetGroups) {
    if (!tg.loadBalancers.includes(lb.id)) continue;
    const registered = tg.targets.some((p) => knownValues(p).includes(entity.id)) || (entity.kind === 'workload' && entity.targetGroups.some((p) => knownValues(p).includes(tg.id)));
    const port = knownValues(tg.port)[0];
    if (registered && port !== undefined) ports.add(`${knownValues(tg.protocol)[0] ?? 'port'} ${port}`);
  }
  if (!ports.size && entity.kind === 'workload') for (const port of entity.ports ?? []) ports.add(`port ${port}`);
  return [...ports].join(', ');
}

function lbDetail(lb: LoadBalancer): string {
  const scheme = knownValues(lb.scheme)[0] ?? 'internet-facing';
  const kind = { application: 'ALB', network: 'NLB', gateway: 'GWLB', classic: 'classic LB' }[lb.lbKind];
  return `${kind}, ${scheme}`;
}

function subnetDetail(view: SubnetView): string {
  const route = view.label.includes('(') ? view.label.slice(view.label.indexOf('(') + 1, view.label.lastIndexOf(')')) : '';
  return route ? `${view.cls}: ${route.replace(' -> ', ' → ')}` : view.cls;
}

function classConditions(views: SubnetView[]): string {
  return views.map((v) => `${v.cls}${describeWhen(v.when)}`).join('; ');
}

const SHORT_TYPES: Record<string, string> = {
  'AWS::EC2::Instance': 'EC2 instance',
  'AWS::AutoScaling::AutoScalingGroup': 'Auto Scaling group',
  'AWS::AutoScaling::LaunchConfiguration': 'launch configuration',
  'AWS::EC2::LaunchTemplate': 'launch template',
  'AWS::EC2::NetworkInterface': 'network interface',
  'AWS::ECS::Service': 'ECS service',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::EKS::Cluster': 'EKS cluster',
  'AWS::EKS::Nodegroup': 'EKS node group',
  'AWS::RDS::DBInstance': 'RDS instance',
  'AWS::RDS::DBCluster': 'RDS cluster',
  'aws_instance': 'EC2 instance',
  'aws_autoscaling_group': 'Auto Scaling group',
  'aws_db_instance': 'RDS instance',
  'aws_rds_cluster': 'RDS cluster',
  'aws_ecs_service': 'ECS service',
  'aws_lambda_function': 'Lambda function',
  'aws_eks_cluster': 'EKS cluster',
};

/** A short, readable type: AWS::EC2::Instance -> EC2 instance; others: AWS::Redshift::Cluster -> Redshift Cluster. */
export function shortType(type: string): string {
  if (SHORT_TYPES[type]) return SHORT_TYPES[type];
  const parts = type.split('::');
  return parts.length === 3 ? `${parts[1]} ${parts[2]}` : type;
}
