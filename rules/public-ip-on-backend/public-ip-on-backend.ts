// public-ip-on-backend: a backend that gets a public IP in a public subnet is reachable without the ALB.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Guard, Workload, Fix } from '../../server/src/model/types';
import { combineWhen, isTrue } from '../../server/src/topology/guards';
import { guardedAlts, native, quoteSource } from '../../server/src/topology/rule-kit';
import { listNames } from '../shared/sg-findings';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { isTemplate } from '../../server/src/topology/backends';
import { notebookInternetAccess } from './notebooks';
import { outboundEverywhere } from '../shared/placement';
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
    findings.push(...notebookInternetAccess(topology));
    return findings;
  },
};

const ENABLED = (value: unknown) => isTrue(value) || value === 'ENABLED';
const DISABLED = (value: unknown) => value === false || value === 'DISABLED' || (typeof value === 'string' && value.toLowerCase() === 'false');

/** Workloads that take a public IP from their subnet's MapPublicIpOnLaunch when they do not say otherwise. */
const AUTO_IP_KINDS = new Set(['instance', 'auto-scaling-group', 'launch-template', 'launch-configuration', 'eks-nodegroup']);

function check(topology: Topology, backend: BackendView): RuleFinding | undefined {
  if (backend.entity.kind !== 'workload') return undefined;
  return askedFor(topology, backend) ?? fromSubnet(topology, backend);
}

/** The backend asks for a public IP (its own setting or its launch template's). */
function askedFor(topology: Topology, backend: BackendView): RuleFinding | undefined {
  const prop = backend.publicIp;
  const entity = backend.entity as Workload;
  if (!prop) return undefined;
  const owner = backend.launchTemplate && !entity.publicIp ? backend.launchTemplate : entity;
  const via = owner !== entity ? ` (via ${owner.id})` : '';
  const isEcs = entity.workloadKind === 'ecs-service';
  const off = isEcs && topology.model.dialect === 'cloudformation' ? 'DISABLED' : false;
  const fixes = [publicIpFix(topology, backend, prop, off)];
  const base = { resource: owner.id, loc: prop.loc, fixes, constructPath: owner.constructPath };
  const asks = { loc: prop.loc, message: `${owner.id} asks for a public IP` };
  for (const { when: ipWhen } of guardedAlts(prop, ENABLED)) {
    const place = publicPlacement(backend, ipWhen);
    if (place) {
      const plain = place.subnet && backend.plainLinks.has(place.subnet) ? `${entity.id} names ${place.subnet} by a plain string, not a Ref, which CloudFormation reads as a subnet ID` : undefined;
      return { ...base, message: `${entity.id} gets a public IP${via} in ${place.label}: reachable from the internet without the ALB`, path: [...place.path, asks], when: place.when, unknown: plain };
    }
    // The subnet is outside the file (an import, a parameter, a literal id): the template still asks for the IP.
    const unknown = unknownSubnet(topology, backend);
    if (unknown) {
      const who = isTemplate(entity) ? 'what is launched from it' : entity.id;
      return { ...base, message: `${entity.id} asks for a public IP${via}`, path: [asks], when: ipWhen ?? undefined, unknown: `${unknown}: if that subnet is public, ${who} is reachable without the ALB` };
    }
  }
  return undefined;
}

/** No public-IP setting of its own, in a public subnet that maps public IPs on launch: as reachable as asking. */
function fromSubnet(topology: Topology, backend: BackendView): RuleFinding | undefined {
  const entity = backend.entity as Workload;
  if (!AUTO_IP_KINDS.has(entity.workloadKind) || (backend.publicIp && backend.publicIp.alts.every((alt) => alt.value === undefined || DISABLED(alt.value)))) return undefined;
  for (const view of backend.subnets) {
    if (view.cls !== 'public' || !view.via) continue;
    for (const { when } of guardedAlts(view.subnet.mapPublicIpOnLaunch, isTrue, view.when)) {
      const key = native(topology.model, 'MapPublicIpOnLaunch', 'map_public_ip_on_launch');
      return {
        resource: entity.id,
        loc: view.via.loc,
        message: `${entity.id} gets a public IP from ${view.subnet.id}'s ${key} in ${view.label}: reachable from the internet without the ALB`,
        path: [...view.path, { loc: view.subnet.mapPublicIpOnLaunch!.loc, message: `${view.subnet.id} maps a public IP to every instance launched in it` }],
        when,
        unknown: backend.plainLinks.has(view.subnet.id) ? `${entity.id} names ${view.subnet.id} by a plain string, not a Ref, which CloudFormation reads as a subnet ID` : undefined,
        // Moving the backend is backend-in-public-subnet's fix; turning the mapping off is public-subnet-auto-ip's.
        fixes: [],
        constructPath: entity.constructPath,
      };
    }
  }
  return undefined;
}

/** Where a public IP lands: a public subnet, or the default VPC (whose subnets are all public). */
interface Placement {
  label: string;
  when: Guard[] | undefined;
  path: RuleFinding['path'];
  subnet?: string;
}

function publicPlacement(backend: BackendView, ipWhen: Guard[] | undefined): Placement | undefined {
  const placements = backend.inDefaultVpc && !backend.subnets.length
    ? [{ label: 'the default VPC (all subnets public)', when: ipWhen, path: [] as RuleFinding['path'] }]
    : backend.subnets
        .filter((view) => view.cls === 'public')
        .map((view) => ({ label: view.label, when: combineWhen(ipWhen, view.when), path: view.path, subnet: view.subnet.id }))
        .filter((p): p is Placement & { subnet: string } => p.when !== null);
  placements.sort((a, b) => (a.when?.length ?? 0) - (b.when?.length ?? 0));
  return placements[0];
}

/** "its subnet comes from `!ImportValue net-PublicA`" when a subnet the backend may use is not in the template. */
function unknownSubnet(topology: Topology, backend: BackendView): string | undefined {
  const entity = backend.entity as Workload;
  const props = entity.subnets.length ? entity.subnets : backend.launchTemplate?.subnets ?? [];
  for (const prop of props) {
    if (prop.alts.some((alt) => alt.value === undefined || topology.entity(alt.value)?.kind !== 'subnet')) {
      return `its subnet comes from ${quoteSource(topology.model, prop.valueLoc)}`;
    }
  }
  for (const view of backend.subnets) if (view.cls === 'unknown') return `the routes of its subnet ${view.subnet.id} are not in this template`;
  if (!props.length && isTemplate(entity)) {
    return `nothing in this template launches ${entity.id}, so the subnet it is launched in is not known here`;
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
