// Backend views: workloads, databases and clusters that are not edges, with launch templates
// merged in, subnets classified, groups resolved and the load balancers that forward to them.
import { Database, EksCluster, Entity, LoadBalancer, Model, Prop, SecurityGroup, Workload } from '../model/types';
import { combineWhen, knownValues } from './guards';
import { TopologyIndex, push } from './index-maps';
import { BackendView, SubnetView } from './topology';

export function buildBackends(
  model: Model,
  index: TopologyIndex,
  views: Map<string, SubnetView[]>,
  edges: Set<Entity>,
): { backends: BackendView[]; backendById: Map<string, BackendView> } {
  const byId = index.byId;
  // Launch templates used by an ASG or instance are judged through their user.
  const templateUsers = new Map<string, Workload[]>();
  for (const workload of model.workloads) {
    for (const id of knownValues(workload.launchTemplate)) push(templateUsers, id, workload);
  }
  const behindById = lbsForwardingTo(model);
  const eniOwners = interfaceOwners(model);

  const backends: BackendView[] = [];
  const backendById = new Map<string, BackendView>();
  const candidates: (Workload | Database | EksCluster)[] = [...model.workloads, ...model.databases, ...model.eksClusters];
  for (const entity of candidates) {
    if (edges.has(entity)) continue;
    if (entity.kind === 'workload' && isTemplate(entity) && templateUsers.has(entity.id)) continue;
    // An ENI an instance attaches is judged through the instance (which takes its subnet and groups), once.
    if (eniOwners.has(entity.id)) continue;
    let template: Workload | undefined;
    if (entity.kind === 'workload') {
      const id = knownValues(entity.launchTemplate)[0];
      const found = id !== undefined ? byId.get(id) : undefined;
      if (found?.kind === 'workload') template = found;
    }
    const subnetProps = entity.subnets.length ? entity.subnets : template?.subnets ?? [];
    const groupProps = [...entity.securityGroups, ...(template?.securityGroups ?? [])];
    const groups = resolveGroups(groupProps, byId);
    const publicIp = entity.kind === 'workload' ? entity.publicIp ?? template?.publicIp : undefined;
    const behind = new Set<LoadBalancer>();
    for (const member of [entity, template]) for (const lb of member ? behindById.get(member.id) ?? [] : []) behind.add(lb);
    const view: BackendView = {
      entity,
      subnets: placeIn(subnetProps, views),
      groups,
      publicIp,
      behind: [...behind],
      inDefaultVpc: inDefaultVpc(entity, template, subnetProps, groupProps, groups),
      launchTemplate: template,
      members: template ? [entity, template] : [entity],
      plainLinks: plainLinks([...subnetProps, ...groupProps]),
    };
    backends.push(view);
    backendById.set(entity.id, view);
    if (template && !backendById.has(template.id)) backendById.set(template.id, view);
  }
  for (const [eniId, instance] of eniOwners) {
    const view = backendById.get(instance.id);
    const eni = byId.get(eniId);
    if (!view || !eni || backendById.has(eniId)) continue;
    view.members.push(eni);
    backendById.set(eniId, view);
  }
  return { backends, backendById };
}

/**
 * ENIs attached to an instance (NetworkInterfaces[].NetworkInterfaceId, a NetworkInterfaceAttachment, a
 * Terraform network_interface block), by ENI id: the adapters give the instance the ENI's own subnet and
 * group properties, so an instance property that lies in an ENI's block marks the attachment.
 */
function interfaceOwners(model: Model): Map<string, Workload> {
  const enis = model.workloads.filter((w) => w.workloadKind === 'network-interface');
  const owners = new Map<string, Workload>();
  if (!enis.length) return owners;
  const byPropStart = new Map<string, Workload>();
  for (const eni of enis) for (const prop of [...eni.subnets, ...eni.securityGroups]) byPropStart.set(`${prop.loc.file}|${prop.loc.span.start}`, eni);
  for (const instance of model.workloads) {
    if (instance.workloadKind !== 'instance') continue;
    for (const prop of [...instance.subnets, ...instance.securityGroups]) {
      const eni = byPropStart.get(`${prop.loc.file}|${prop.loc.span.start}`);
      const inside = eni && prop.loc.span.start >= eni.blockLoc.span.start && prop.loc.span.end <= eni.blockLoc.span.end;
      if (eni && inside && !owners.has(eni.id)) owners.set(eni.id, instance);
    }
  }
  return owners;
}

/** A launch template or configuration: placed by whoever launches it. */
export function isTemplate(workload: Workload): boolean {
  return workload.workloadKind === 'launch-template' || workload.workloadKind === 'launch-configuration';
}

/** Subnet views for each subnet property alternative, with the alternative's guard folded in. */
function placeIn(props: Prop<string>[], views: Map<string, SubnetView[]>): SubnetView[] {
  const out: SubnetView[] = [];
  for (const prop of props) {
    for (const alt of prop.alts) {
      if (alt.value === undefined) continue;
      for (const view of views.get(alt.value) ?? []) {
        const when = combineWhen(alt.when, view.when);
        if (when === null) continue;
        out.push({ ...view, when, via: prop });
      }
    }
  }
  return out;
}

/** Ids that the props reach only through plain-string alternatives (see Alt.plainName). */
function plainLinks(props: Prop<string>[]): Set<string> {
  const plain = new Set<string>();
  const linked = new Set<string>();
  for (const prop of props) {
    for (const alt of prop.alts) {
      if (alt.value === undefined) continue;
      (alt.plainName ? plain : linked).add(alt.value);
    }
  }
  for (const id of linked) plain.delete(id);
  return plain;
}

function resolveGroups(props: Prop<string>[], byId: Map<string, Entity>): SecurityGroup[] {
  const out: SecurityGroup[] = [];
  for (const prop of props) {
    for (const id of knownValues(prop)) {
      const group = byId.get(id);
      if (group?.kind === 'security-group' && !out.includes(group)) out.push(group);
    }
  }
  return out;
}

/** No subnet at all (and in a VPC), or only groups that name no VPC: AWS uses the default VPC. */
function inDefaultVpc(
  entity: Workload | Database | EksCluster,
  template: Workload | undefined,
  subnetProps: Prop<string>[],
  groupProps: Prop<string>[],
  groups: SecurityGroup[],
): boolean {
  if (entity.kind === 'eks-cluster') return false;
  if (entity.kind === 'workload') {
    if (entity.outsideVpc || template?.outsideVpc) return false;
    // A standalone template or an ENI is placed by whoever uses it.
    if (isTemplate(entity) || entity.workloadKind === 'network-interface' || entity.workloadKind === 'lambda-function') return false;
  }
  if (entity.kind === 'database' && (entity.publicEndpoint || entity.subnetGroup)) return false;
  if (!subnetProps.length) return true;
  const allResolved = groupProps.length > 0 && groups.length === groupProps.length && groupProps.every((p) => p.alts.every((a) => a.value !== undefined));
  return allResolved && groups.every((group) => !group.vpc);
}

/** Load balancers forwarding to each workload id: target groups, classic LB instances and names. */
function lbsForwardingTo(model: Model): Map<string, LoadBalancer[]> {
  const out = new Map<string, LoadBalancer[]>();
  const add = (id: string, lb: LoadBalancer | undefined) => {
    if (!lb) return;
    const list = out.get(id);
    if (!list) out.set(id, [lb]);
    else if (!list.includes(lb)) list.push(lb);
  };
  const lbById = new Map(model.loadBalancers.map((lb) => [lb.id, lb]));
  const tgLbs = new Map<string, LoadBalancer[]>();
  for (const tg of model.targetGroups) {
    const lbs = tg.loadBalancers.map((id) => lbById.get(id)).filter((lb): lb is LoadBalancer => !!lb);
    tgLbs.set(tg.id, lbs);
    for (const prop of tg.targets) for (const id of knownValues(prop)) for (const lb of lbs) add(id, lb);
  }
  for (const lb of model.loadBalancers) for (const prop of lb.instances) for (const id of knownValues(prop)) add(id, lb);
  for (const workload of model.workloads) {
    for (const prop of workload.targetGroups) for (const tg of knownValues(prop)) for (const lb of tgLbs.get(tg) ?? []) add(workload.id, lb);
    for (const prop of workload.loadBalancers) for (const id of knownValues(prop)) add(workload.id, lbById.get(id));
  }
  return out;
}
