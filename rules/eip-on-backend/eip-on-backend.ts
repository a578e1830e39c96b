// eip-on-backend: an Elastic IP attached to a backend instance or ENI gives it a fixed public address.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Topology, BackendView } from '../../server/src/topology/topology';
import { Fix, Loc } from '../../server/src/model/types';
import { outboundEverywhere } from '../shared/placement';

export const rule: Rule = {
  meta: {
    id: 'eip-on-backend',
    defaultSeverity: 'error',
    description: 'An Elastic IP is attached to a backend instance or network interface: a public address that bypasses the ALB.',
    fixable: true,
    docs: 'rules/eip-on-backend/eip-on-backend.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const eip of topology.model.eips) {
      for (const attachment of eip.attachedTo) {
        const alts = attachment.target.alts.filter((alt) => alt.value !== undefined && topology.backendOf(alt.value)?.entity.kind === 'workload');
        alts.sort((a, b) => (a.when?.length ?? 0) - (b.when?.length ?? 0));
        const alt = alts[0];
        if (!alt) continue;
        const backend = topology.backendOf(alt.value)!;
        const target = topology.entity(alt.value)!;
        const place = backend.subnets[0]?.label;
        // An ENI an instance attaches is part of that instance: name the instance, and the ENI it goes through.
        const named = backend.entity.id === target.id ? target.id : `${backend.entity.id} via ${target.id}`;
        const standalone = attachment.id !== eip.id && topology.model.byId.has(attachment.id) ? attachment.id : undefined;
        const resource = standalone ?? (topology.model.resourceIds.has(attachment.id) ? attachment.id : eip.id);
        findings.push({
          resource,
          loc: attachment.loc,
          message: `${eip.id} gives backend ${named}${place ? ` in ${place}` : ''} a public address: reachable from the internet without the ALB`,
          path: [...(backend.subnets[0]?.path ?? []), { loc: attachment.loc, message: `${eip.id} is attached to ${target.id}${named === target.id ? '' : `, a network interface of ${backend.entity.id}`}` }],
          when: alt.when,
          fixes: [eipFix(topology, backend, target.id, attachment.loc)],
          constructPath: eip.constructPath,
        });
      }
    }
    return findings;
  },
};

/** Removing the address is preferred only when the backend keeps outbound internet without it (NAT, or a public IP of its own). */
function eipFix(topology: Topology, backend: BackendView, targetId: string, loc: Loc): Fix {
  const edits = topology.model.writer.remove(loc);
  const keeps = !outboundEverywhere(topology, backend) || outboundEverywhere(topology, backend, { withoutEip: true });
  const title = `Remove the Elastic IP association with ${targetId}`;
  if (keeps) return { title, edits, preferred: true };
  return { title: `${title} (${backend.entity.id} loses outbound internet until it is moved to a private subnet behind NAT)`, edits };
}
