// internet-facing-lb-in-private-subnet: an internet-facing load balancer placed in non-public subnets.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Guard, LoadBalancer } from '../../server/src/model/types';
import { combineWhen } from '../../server/src/topology/guards';
import { idsOf, refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';
import { zoneOf, zonesOf } from '../shared/placement';

export const rule: Rule = {
  meta: {
    id: 'internet-facing-lb-in-private-subnet',
    defaultSeverity: 'error',
    description: 'An internet-facing load balancer sits in a subnet with no route to the internet gateway: the edge is unreachable.',
    fixable: true,
    docs: 'rules/internet-facing-lb-in-private-subnet/internet-facing-lb-in-private-subnet.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const lb of topology.model.loadBalancers) {
      if (lb.lbKind === 'gateway') continue;
      const facing = internetFacingWhen(lb);
      if (facing === false) continue;
      findings.push(...checkSubnets(topology, lb, facing));
    }
    return findings;
  },
};

/** false when never internet-facing; otherwise the guard under which it is (undefined = always). */
function internetFacingWhen(lb: LoadBalancer): Guard[] | undefined | false {
  if (!lb.scheme) return undefined;
  const alts = lb.scheme.alts.filter((alt) => alt.value === 'internet-facing');
  if (!alts.length) return false;
  return alts.find((alt) => !alt.when?.length) ? undefined : alts[0].when;
}

function checkSubnets(topology: Topology, lb: LoadBalancer, facing: Guard[] | undefined): RuleFinding[] {
  const out: RuleFinding[] = [];
  const used = idsOf(lb.subnets);
  const model = topology.model;
  // Load balancers keep subnets in at least two zones (when they had two): targets are chosen zone by zone.
  const current = [...used];
  const needed = Math.min(2, zonesOf(topology, current).size);
  const taken = new Set<string>();
  let combined = [...current];
  for (const prop of lb.subnets) {
    for (const alt of prop.alts) {
      if (alt.value === undefined) continue;
      const views = topology.subnetViews(alt.value);
      if (!views.length || views.some((v) => v.cls === 'public' || v.cls === 'unknown' || v.gateway?.kind === 'internet-gateway')) continue;
      const when = combineWhen(facing, alt.when);
      if (when === null) continue;
      const view = views[0];
      const fixes: Fix[] = [];
      const zone = zoneOf(model, view.subnet);
      const replaced = (ids: string[], target: string) => ids.map((id) => (id === alt.value ? target : id));
      const free = subnetsOfClass(topology, topology.vpcOf(view.subnet), 'public').filter((s) => !used.has(s.id) && !taken.has(s.id));
      free.sort((a, b) => Number(zoneOf(model, b) === zone) - Number(zoneOf(model, a) === zone));
      const good = free.find((s) => zonesOf(topology, replaced(current, s.id)).size >= needed && zonesOf(topology, replaced(combined, s.id)).size >= needed);
      const target = good ?? free[0];
      if (target) {
        taken.add(target.id);
        if (good) combined = replaced(combined, target.id);
        const title = `Place ${lb.id} in public subnet ${target.id}${good ? '' : ` (${lb.id} then spans fewer Availability Zones)`}`;
        fixes.push({ title, edits: model.writer.setValue(prop, refTo(model, target.id)), ...(good ? { preferred: true } : {}) });
      }
      const schemeEdits = model.dialect === 'terraform' ? model.writer.setProperty(lb, ['internal'], true) : lb.scheme ? model.writer.setValue(lb.scheme, 'internal') : model.writer.setProperty(lb, ['Scheme'], 'internal');
      // Internal changes what the load balancer is for (and replaces it): only ever a suggestion.
      fixes.push({ title: `Make ${lb.id} internal (replaces it; it no longer accepts traffic from the internet)`, edits: schemeEdits });
      out.push({
        resource: lb.id,
        loc: prop.loc,
        message: `Internet-facing load balancer ${lb.id} is in ${view.label}, which has no route to an internet gateway: the edge cannot be reached from the internet`,
        path: [...view.path, { loc: prop.loc, message: `${lb.id} is placed in ${view.subnet.id}` }],
        when,
        fixes,
        constructPath: lb.constructPath,
      });
    }
  }
  return out;
}
