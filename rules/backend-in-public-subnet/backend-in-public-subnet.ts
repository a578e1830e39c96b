// backend-in-public-subnet: a backend placed in a subnet whose default route goes to the internet gateway.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Subnet, TextEdit } from '../../server/src/model/types';
import { idsOf, refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { BackendView, SubnetView, Topology } from '../../server/src/topology/topology';
import { hasOutbound, natWorks, zoneOf, zonesOf } from '../shared/placement';

export const rule: Rule = {
  meta: {
    id: 'backend-in-public-subnet',
    defaultSeverity: 'warning',
    description: 'A backend sits in a public subnet (default route to the internet gateway) instead of a private one behind NAT.',
    fixable: true,
    docs: 'rules/backend-in-public-subnet/backend-in-public-subnet.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const backend of topology.backends) {
      // EKS control planes span public and private subnets by design (public ones host load balancers).
      if (backend.entity.kind === 'eks-cluster') continue;
      const publicViews = publicEntries(backend);
      // Each public entry gets its own unused private subnet, so fix-all (which applies every
      // finding's fix in one pass) never writes the same private subnet twice into one list.
      const moves = plannedMoves(topology, backend, publicViews);
      publicViews.forEach((view, index) => findings.push(finding(topology, backend, view, moves[index])));
    }
    return findings;
  },
};

/** The backend's subnet entries that are public, each once. */
function publicEntries(backend: BackendView): SubnetView[] {
  const seen = new Set<string>();
  const out: SubnetView[] = [];
  for (const view of backend.subnets) {
    if (view.cls !== 'public' || !view.via) continue;
    const key = `${view.via.loc.span.start}|${view.subnet.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(view);
  }
  return out;
}

/**
 * The edits that move every public entry of a backend to a private subnet (or drop it), when each move is safe;
 * undefined otherwise. public-ip-on-backend bundles them with turning the public IP off.
 */
export function safeMoveToPrivate(topology: Topology, backend: BackendView): { edits: TextEdit[]; places: string[] } | undefined {
  const views = publicEntries(backend);
  if (!views.length || views.some((v) => v.when?.length)) return undefined;
  const moves = plannedMoves(topology, backend, views);
  if (moves.some((m) => !m || !m.safe)) return undefined;
  const edits: TextEdit[] = [];
  const places: string[] = [];
  views.forEach((view, i) => {
    const move = moves[i]!;
    if ('remove' in move) edits.push(...topology.model.writer.remove(view.via!.loc));
    else {
      edits.push(...topology.model.writer.setValue(view.via!, refTo(topology.model, move.place.id)));
      places.push(move.place.id);
    }
  });
  return { edits, places };
}

/**
 * What the fix does with one public entry: point it at a private subnet, or drop it from the list. `safe` when it
 * keeps what worked: outbound internet (the private subnet's NAT works), and the zones (Auto Scaling groups keep
 * as many, DB subnet groups at least two), applied alone or with the other entries' fixes.
 */
type Move = ({ place: Subnet } | { remove: true }) & { safe: boolean; why?: string };

/** Zones a backend must keep: an Auto Scaling group all it has, a database (subnet group) two, others none. */
function zonesNeeded(backend: BackendView, before: number): number {
  const entity = backend.entity;
  if (entity.kind === 'workload' && entity.workloadKind === 'auto-scaling-group') return before;
  if (entity.kind === 'database') return Math.min(2, before);
  return 0;
}

function plannedMoves(topology: Topology, backend: BackendView, publicViews: SubnetView[]): (Move | undefined)[] {
  const model = topology.model;
  const used = idsOf(backend.subnets.map((s) => s.via!).filter(Boolean));
  const severalEntries = new Set(backend.subnets.map((s) => s.via)).size > 1;
  const current = [...new Set(backend.subnets.map((s) => s.subnet.id))];
  const needed = zonesNeeded(backend, zonesOf(topology, current).size);
  const zonesWith = (ids: string[]) => zonesOf(topology, ids).size;
  const taken = new Set<string>();
  let combined = [...current];
  const moves = publicViews.map((view): Move | undefined => {
    const privates = subnetsOfClass(topology, topology.vpcOf(view.subnet), 'private');
    const free = privates.filter((s) => !used.has(s.id) && !taken.has(s.id));
    const needsNat = hasOutbound(topology, backend, view);
    const zone = zoneOf(model, view.subnet);
    const replaced = (ids: string[], target: string) => ids.map((id) => (id === view.subnet.id ? target : id));
    // Same zone first, then one that keeps the count; a private subnet whose NAT works when the backend had outbound internet.
    const candidates = [...free].sort((a, b) => Number(zoneOf(model, b) === zone) - Number(zoneOf(model, a) === zone));
    const good = candidates.find((s) => (!needsNat || natWorksIn(topology, s)) && zonesWith(replaced(current, s.id)) >= needed && zonesWith(replaced(combined, s.id)) >= needed);
    const target = good ?? candidates[0];
    if (target) {
      taken.add(target.id);
      if (good) combined = replaced(combined, target.id);
      const why = good ? undefined : needsNat && !natWorksIn(topology, target) ? `${target.id} has no working NAT: ${backend.entity.id} loses outbound internet there` : `${backend.entity.id} then spans fewer Availability Zones`;
      return { place: target, safe: !!good, why };
    }
    // The list already names (or another entry's fix adds) a private subnet: drop the public one.
    if (!privates.length || !severalEntries) return undefined;
    const without = (ids: string[]) => ids.filter((id) => id !== view.subnet.id);
    const keepsZones = zonesWith(without(current)) >= needed && zonesWith(without(combined)) >= needed;
    const keepsOutbound = !needsNat || backend.subnets.some((v) => v.subnet.id !== view.subnet.id && natWorks(topology, v));
    const safe = keepsZones && keepsOutbound;
    if (safe) combined = without(combined);
    const why = !keepsZones ? `${backend.entity.id} then spans fewer Availability Zones` : !keepsOutbound ? `${backend.entity.id} loses outbound internet` : undefined;
    return { remove: true, safe, why };
  });
  return moves;
}

/** A private subnet of the model whose NAT path works (judged through its first view). */
function natWorksIn(topology: Topology, subnet: Subnet): boolean {
  const views = topology.subnetViews(subnet.id);
  return views.length > 0 && views.every((v) => natWorks(topology, v));
}

function finding(topology: Topology, backend: BackendView, view: SubnetView, move: Move | undefined): RuleFinding {
  const via = view.via!;
  const entity = backend.entity;
  const fixes: Fix[] = [];
  const note = move?.why ? ` (${move.why})` : '';
  if (move && 'remove' in move) {
    fixes.push({ title: `Remove public subnet ${view.subnet.id} from ${entity.id}${note}`, edits: topology.model.writer.remove(via.loc), ...(move.safe ? { preferred: true } : {}) });
  } else if (move) {
    fixes.push({ title: `Place ${entity.id} in private subnet ${move.place.id}${note}`, edits: topology.model.writer.setValue(via, refTo(topology.model, move.place.id)), ...(move.safe ? { preferred: true } : {}) });
  }
  return {
    resource: entity.id,
    loc: via.loc,
    message: `${entity.id} is placed in public subnet ${view.label}: backends belong in private subnets behind the ALB and NAT`,
    path: view.path,
    when: view.when,
    fixes,
    constructPath: entity.constructPath,
  };
}
