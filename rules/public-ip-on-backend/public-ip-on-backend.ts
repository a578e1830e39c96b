// public-ip-on-backend: a backend that gets a public IP in a public subnet is reachable without the ALB.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { combineWhen, describeWhen, isTrue } from '../../server/src/topology/guards';
import { guardedAlts } from '../../server/src/topology/rule-kit';
import { Fix } from '../../server/src/model/types';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { outboundEverywhere } from '../shared/placement';
import { listNames } from '../shared/sg-findings';
import { safeMoveToPrivate } from '../backend-in-public-subnet/backend-in-public-subnet';

export const rule: Rule = {
  meta: {
    id: 'public-ip-on-backend',
    defaultSeverity: 'error',
    description: 'A backend (instance, task, node) gets a public IP in a public subnet: reachable from the internet without the ALB.',
    fixable: true,
    docs: 'rules/public-ip-on-backend/public-ip-on-backend.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const backend of topology.backends) {
      const finding = check(topology, backend);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

const ENABLED = (value: unknown) => isTrue(value) || value === 'ENABLED';

function check(topology: Topology, backend: BackendView): RuleFinding | undefined {
  const prop = backend.publicIp;
  if (!prop || backend.entity.kind !== 'workload') return undefined;
  const owner = backend.launchTemplate && !backend.entity.publicIp ? backend.launchTemplate : backend.entity;
  for (const { when: ipWhen } of guardedAlts(prop, ENABLED)) {
    // Where it lands: a public subnet, or the default VPC (whose subnets are all public).
    const placements = backend.inDefaultVpc && !backend.subnets.length
      ? [{ label: 'the default VPC (all subnets public)', when: ipWhen, path: [] as RuleFinding['path'] }]
      : backend.subnets
          .filter((view) => view.cls === 'public')
          .map((view) => ({ label: view.label, when: combineWhen(ipWhen, view.when), path: view.path }))
          .filter((p) => p.when !== null);
    placements.sort((a, b) => (a.when?.length ?? 0) - (b.when?.length ?? 0));
    const place = placements[0];
    if (!place) continue;
    const when = place.when ?? undefined;
    const via = owner !== backend.entity ? ` (via ${owner.id})` : '';
    const isEcs = backend.entity.workloadKind === 'ecs-service';
    const off = isEcs && topology.model.dialect === 'cloudformation' ? 'DISABLED' : false;
    return {
      resource: owner.id,
      loc: prop.loc,
      message: `${backend.entity.id} gets a public IP${via} in ${place.label}: reachable from the internet without the ALB${describeWhen(when)}`,
      path: [...place.path, { loc: prop.loc, message: `${owner.id} asks for a public IP` }],
      when,
      fixes: [publicIpFix(topology, backend, prop, off)],
      constructPath: owner.constructPath,
    };
  }
  return undefined;
}

/**
 * Turning the public IP off is preferred only when the backend keeps its outbound internet (a working NAT, an
 * Elastic IP): in a public subnet without one it would lose it, so moving it to a private subnet comes first.
 */
function publicIpFix(topology: Topology, backend: BackendView, prop: NonNullable<BackendView['publicIp']>, off: boolean | string): Fix {
  const id = backend.entity.id;
  const edits = topology.model.writer.setValue(prop, off);
  const keeps = !outboundEverywhere(topology, backend) || outboundEverywhere(topology, backend, { withoutPublicIp: true });
  if (keeps) return { title: `Do not assign a public IP to ${id}`, edits, preferred: true };
  // With a safe move to private subnets behind NAT, both together keep its outbound internet.
  const move = safeMoveToPrivate(topology, backend);
  if (move && !move.edits.some((m) => edits.some((e) => e.file === m.file && m.span.start < e.span.end && e.span.start < m.span.end))) {
    const where = move.places.length ? ` and place it in private subnet${move.places.length > 1 ? 's' : ''} ${listNames(move.places)}` : ' and drop its public subnets';
    return { title: `Do not assign a public IP to ${id}${where}`, edits: [...edits, ...move.edits], preferred: true };
  }
  return { title: `Do not assign a public IP to ${id} (${id} loses outbound internet until it is moved to a private subnet behind NAT)`, edits };
}
