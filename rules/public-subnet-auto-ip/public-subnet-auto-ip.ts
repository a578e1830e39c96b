// public-subnet-auto-ip: MapPublicIpOnLaunch on a public subnet that hosts (or could host) backends.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { combineWhen, isTrue } from '../../server/src/topology/guards';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Fix, Subnet } from '../../server/src/model/types';
import { Topology } from '../../server/src/topology/topology';
import { outboundEverywhere } from '../shared/placement';
import { listNames } from '../shared/sg-findings';

export const rule: Rule = {
  meta: {
    id: 'public-subnet-auto-ip',
    defaultSeverity: 'warning',
    description: 'A public subnet that hosts or could host backends gives every instance launched in it a public IP.',
    fixable: true,
    docs: 'rules/public-subnet-auto-ip/public-subnet-auto-ip.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const subnet of topology.model.subnets) {
      const prop = subnet.mapPublicIpOnLaunch;
      if (!prop) continue;
      const members = topology.subnetMembers(subnet.id);
      // Subnets used only by edges (ALB, NAT, Instance Connect Endpoint) may map public IPs harmlessly.
      if (members.length && members.every((m) => topology.role(m) === 'edge')) continue;
      const backends = members.filter((m) => topology.role(m) === 'backend');
      let hit: { when: ReturnType<typeof combineWhen>; label: string; path: RuleFinding['path'] } | undefined;
      for (const { when } of guardedAlts(prop, isTrue)) {
        for (const view of topology.subnetViews(subnet.id)) {
          if (view.cls !== 'public') continue;
          const combined = combineWhen(when, view.when);
          if (combined === null) continue;
          if (!hit || (combined?.length ?? 0) < (hit.when?.length ?? 0)) hit = { when: combined, label: view.label, path: view.path };
        }
      }
      if (!hit) continue;
      const when = hit.when ?? undefined;
      const hosts = backends.length ? `hosts backend ${backends.map((b) => b.id).join(', ')}` : 'could host backends';
      findings.push({
        resource: subnet.id,
        loc: prop.loc,
        message: `${hit.label} gives every instance launched in it a public IP and ${hosts}: reachable from the internet without the ALB`,
        path: [...hit.path, { loc: prop.loc, message: `${native(topology.model, 'MapPublicIpOnLaunch', 'map_public_ip_on_launch')} is true` }],
        when,
        fixes: [autoIpFix(topology, subnet, prop)],
        constructPath: subnet.constructPath,
      });
    }
    return findings;
  },
};

/** Preferred only when every backend placed in the subnet keeps outbound internet without the mapped address. */
function autoIpFix(topology: Topology, subnet: Subnet, prop: NonNullable<Subnet['mapPublicIpOnLaunch']>): Fix {
  const edits = topology.model.writer.setValue(prop, false);
  const title = `Do not map public IPs on launch in ${subnet.id}`;
  const noAutoIpIn = new Set([subnet.id]);
  const losing = topology.backends.filter((view) => view.subnets.some((v) => v.subnet.id === subnet.id) && outboundEverywhere(topology, view) && !outboundEverywhere(topology, view, { noAutoIpIn }));
  if (!losing.length) return { title, edits, preferred: true };
  const names = losing.map((v) => v.entity.id);
  return { title: `${title} (${listNames(names)} ${names.length > 1 ? 'lose' : 'loses'} outbound internet until moved to a private subnet behind NAT)`, edits };
}
