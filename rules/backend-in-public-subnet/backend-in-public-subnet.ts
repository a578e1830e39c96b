// backend-in-public-subnet: a backend placed in a subnet whose default route goes to the internet gateway.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Subnet } from '../../server/src/model/types';
import { idsOf, refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { BackendView, SubnetView, Topology } from '../../server/src/topology/topology';

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
      const seen = new Set<string>();
      const publicViews: SubnetView[] = [];
      for (const view of backend.subnets) {
        if (view.cls !== 'public' || !view.via) continue;
        const key = `${view.via.loc.span.start}|${view.subnet.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        publicViews.push(view);
      }
      // Each public entry gets its own unused private subnet, so fix-all (which applies every
      // finding's fix in one pass) never writes the same private subnet twice into one list.
      const moves = plannedMoves(topology, backend, publicViews);
      publicViews.forEach((view, index) => findings.push(finding(topology, backend, view, moves[index])));
    }
    return findings;
  },
};

/** What the fix does with one public entry: point it at a private subnet, or drop it from the list. */
type Move = { place: Subnet } | 'remove' | undefined;

function plannedMoves(topology: Topology, backend: BackendView, publicViews: SubnetView[]): Move[] {
  const used = idsOf(backend.subnets.map((s) => s.via!).filter(Boolean));
  const severalEntries = new Set(backend.subnets.map((s) => s.via)).size > 1;
  const taken = new Set<string>();
  return publicViews.map((view): Move => {
    const privates = subnetsOfClass(topology, topology.vpcOf(view.subnet), 'private');
    const target = privates.find((s) => !used.has(s.id) && !taken.has(s.id));
    if (target) {
      taken.add(target.id);
      return { place: target };
    }
    // The list already names (or another entry's fix adds) a private subnet: drop the public one.
    return privates.length && severalEntries ? 'remove' : undefined;
  });
}

function finding(topology: Topology, backend: BackendView, view: SubnetView, move: Move): RuleFinding {
  const via = view.via!;
  const entity = backend.entity;
  const fixes: Fix[] = [];
  if (move === 'remove') {
    fixes.push({ title: `Remove public subnet ${view.subnet.id} from ${entity.id}`, edits: topology.model.writer.remove(via.loc), preferred: true });
  } else if (move) {
    fixes.push({ title: `Place ${entity.id} in private subnet ${move.place.id}`, edits: topology.model.writer.setValue(via, refTo(topology.model, move.place.id)), preferred: true });
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
