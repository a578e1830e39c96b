// What a fix must keep when it moves things between subnets: zones, a working NAT path, outbound internet, who uses a database.
import { referencesIn } from '../../server/src/diff/references';
import { Entity, Loc, Model, Subnet } from '../../server/src/model/types';
import { getPair, Node, toPlain } from '../../server/src/source/tree';
import { knownValues } from '../../server/src/topology/guards';
import { BackendView, SubnetView, Topology } from '../../server/src/topology/topology';

/**
 * The value-tree node at `loc`: its own span, or the span of the pair that holds it (a resource's `Properties: ...`).
 * Found by descending from the file's root through the child whose span contains `loc` (children are in source order,
 * so a binary search): no index of every node is built, which cost more than all the lookups of a large template.
 */
export function nodeAt(model: Model, loc: Loc | undefined): Node | undefined {
  if (!loc) return undefined;
  const root = model.files.find((f) => f.path === loc.file)?.root;
  const { start, end } = loc.span;
  let node = root;
  while (node) {
    if (node.span.start === start && node.span.end === end) return node;
    if (node.kind === 'map') {
      const pair = containing(node.pairs, start, end);
      if (!pair) return undefined;
      if (pair.span.start === start && pair.span.end === end) return pair.value;
      // The key holds no node of interest: go into the value.
      node = pair.value.span.start <= start && end <= pair.value.span.end ? pair.value : undefined;
    } else if (node.kind === 'seq') node = containing(node.items, start, end);
    else return undefined;
  }
  return undefined;
}

/** The element whose span contains [start, end]: the last one starting at or before `start` (elements are in source order). */
function containing<T extends { span: { start: number; end: number } }>(list: T[], start: number, end: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const span = list[found].span;
  return span.start <= start && end <= span.end ? list[found] : undefined;
}

function property(model: Model, entity: Entity, keys: string[]): Node | undefined {
  const body = nodeAt(model, entity.propertiesLoc);
  if (body?.kind !== 'map') return undefined;
  for (const key of keys) {
    const pair = getPair(body, key);
    if (pair) return pair.value;
  }
  return undefined;
}

/**
 * The subnet's Availability Zone as comparable text (`{"Fn::Select":[0,{"Fn::GetAZs":""}]}`, `eu-west-1a`,
 * `${data.aws_availability_zones.available.names[1]}`); a subnet whose zone is not written gets a key of its own,
 * so that two such subnets count as two zones (AWS picks one for each).
 */
export function zoneOf(model: Model, subnet: Subnet): string {
  const keys = model.dialect === 'terraform' ? ['availability_zone', 'availability_zone_id'] : ['AvailabilityZone', 'AvailabilityZoneId'];
  const node = property(model, subnet, keys);
  return node ? JSON.stringify(toPlain(node)) : `?${subnet.id}`;
}

/** Zones of a set of subnet ids (unknown ids count as one zone each). */
export function zonesOf(topology: Topology, subnetIds: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of subnetIds) {
    const subnet = topology.entity(id);
    out.add(subnet?.kind === 'subnet' ? zoneOf(topology.model, subnet) : `?${id}`);
  }
  return out;
}

/** A private subnet whose default route leads to a public NAT gateway that itself has an internet path and an Elastic IP. */
export function natWorks(topology: Topology, view: SubnetView): boolean {
  if (view.cls !== 'private' || view.gateway?.kind !== 'nat-gateway') return false;
  const nat = view.gateway;
  if (nat.connectivity && !nat.connectivity.alts.some((a) => a.value === 'public')) return false;
  if (!nat.allocation) return false;
  const natSubnet = knownValues(nat.subnet)[0];
  const natViews = topology.subnetViews(natSubnet);
  return natViews.length > 0 && natViews.every((v) => v.cls === 'public');
}

/** Workloads that take a public IP from their subnet's MapPublicIpOnLaunch when they do not say otherwise. */
function followsSubnet(view: BackendView): boolean {
  const kind = view.entity.kind === 'workload' ? view.entity.workloadKind : undefined;
  return kind === 'instance' || kind === 'auto-scaling-group' || kind === 'launch-template' || kind === 'launch-configuration' || kind === 'eks-nodegroup';
}

function isOn(value: unknown): boolean {
  return value === true || value === 'true' || value === 'ENABLED';
}

/** An Elastic IP is attached to the backend or one of its members. */
export function hasEip(topology: Topology, view: BackendView): boolean {
  const ids = new Set(view.members.map((m) => m.id));
  return topology.model.eips.some((eip) => eip.attachedTo.some((a) => knownValues(a.target).some((id) => ids.has(id))));
}

export interface OutboundOptions {
  /** Judge the backend as if it asked for no public IP. */
  withoutPublicIp?: boolean;
  /** Judge the backend as if no Elastic IP were attached. */
  withoutEip?: boolean;
  /** Judge subnets as if MapPublicIpOnLaunch were false in these. */
  noAutoIpIn?: Set<string>;
}

const PRIVATE_RANGE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|fc|fd)/i;

/** The backend's groups let it send to some internet address (AWS's default egress, a public or unknown range, a prefix list). */
export function egressToInternet(topology: Topology, backend: BackendView): boolean {
  if (!backend.groups.length) return true;
  return backend.groups.some((group) => {
    if (topology.unrestrictedEgress(group) === 'default') return true;
    return group.egress.some((rule) => rule.peer.kind === 'prefix-list' || ((rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6') && rule.peer.value.alts.some((a) => a.value === undefined || !PRIVATE_RANGE.test(a.value))));
  });
}

/** Whether a backend placed in `view` reaches the internet outbound: its groups allow it, and a working NAT or a public address in a public subnet carries it. */
export function hasOutbound(topology: Topology, backend: BackendView, view: SubnetView, options: OutboundOptions = {}): boolean {
  if (!egressToInternet(topology, backend)) return false;
  if (natWorks(topology, view)) return true;
  if (view.cls !== 'public') return false;
  if (!options.withoutEip && hasEip(topology, backend)) return true;
  if (options.withoutPublicIp) return false;
  const explicit = backend.publicIp;
  if (explicit && explicit.alts.length) return explicit.alts.some((a) => isOn(a.value));
  if (!followsSubnet(backend) || options.noAutoIpIn?.has(view.subnet.id)) return false;
  return !!view.subnet.mapPublicIpOnLaunch?.alts.some((a) => isOn(a.value));
}

/** The backend reaches the internet outbound in every subnet it is placed in (and is placed somewhere). */
export function outboundEverywhere(topology: Topology, backend: BackendView, options: OutboundOptions = {}): boolean {
  return backend.subnets.length > 0 && backend.subnets.every((view) => hasOutbound(topology, backend, view, options));
}

const usersCache = new WeakMap<Topology, Map<string, string[]>>();

/**
 * Backends (workloads) that refer to an entity in their own properties or their launch template's (Ref, GetAtt,
 * Sub, Terraform interpolation): for a database, the applications that use it, as far as the template says.
 */
export function referringBackends(topology: Topology, targetId: string): BackendView[] {
  let map = usersCache.get(topology);
  if (!map) usersCache.set(topology, (map = new Map()));
  let ids = map.get(targetId);
  if (!ids) {
    ids = [];
    const model = topology.model;
    const wanted = new Set([targetId]);
    for (const view of topology.backends) {
      if (view.entity.kind !== 'workload') continue;
      const refers = view.members.some((member) => {
        const body = nodeAt(model, member.propertiesLoc);
        return !!body && referencesIn(model.dialect, toPlain(body), wanted).size > 0;
      });
      if (refers) ids.push(view.entity.id);
    }
    map.set(targetId, ids);
  }
  return ids.map((id) => topology.backendOf(id)).filter((v): v is BackendView => !!v);
}
