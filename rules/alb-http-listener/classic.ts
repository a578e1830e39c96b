// alb-http-listener for Classic Load Balancers: an inline HTTP listener of an internet-facing classic ELB.
import { RuleFinding } from '../../server/src/engine/types';
import { Guard, LoadBalancer } from '../../server/src/model/types';
import { combineAll } from '../../server/src/topology/guards';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

/**
 * A classic load balancer cannot redirect: an HTTP listener serves the application in clear text (whatever
 * the application does next). Moving it to HTTPS needs a certificate the template does not name, so no fix.
 */
export function classicHttpListeners(topology: Topology): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const lb of topology.model.loadBalancers) {
    if (lb.lbKind !== 'classic') continue;
    const facing = internetFacingWhen(lb);
    if (facing === null) continue;
    for (const listener of lb.listeners) {
      const http = guardedAlts(listener.protocol, (value) => value.toUpperCase() === 'HTTP', facing)[0];
      if (!http || !listener.protocol) continue;
      const when = combineAll(http.when, listener.loadBalancer.alts[0]?.when);
      if (when === null) continue;
      const port = listener.port?.alts.find((alt) => alt.value !== undefined)?.value;
      const on = port !== undefined ? ` on port ${port}` : '';
      const key = native(topology.model, 'Protocol', 'lb_protocol');
      findings.push({
        resource: lb.id,
        loc: listener.protocol.loc,
        message: `A listener of internet-facing Classic Load Balancer ${lb.id} serves plain HTTP${on}: requests and cookies cross the internet in clear text, and a classic load balancer cannot redirect to HTTPS (use HTTPS with a certificate, or an ALB that redirects)`,
        path: [
          { loc: lb.loc, message: `${lb.id} is an internet-facing Classic Load Balancer` },
          { loc: listener.protocol.loc, message: `its listener${on} has ${key} HTTP` },
        ],
        when,
        fixes: [],
        ...(lb.constructPath ? { constructPath: lb.constructPath } : {}),
      });
    }
  }
  return findings;
}

/** Guard under which the load balancer is internet-facing (absent scheme = internet-facing), null when never. */
function internetFacingWhen(lb: LoadBalancer): Guard[] | undefined | null {
  if (!lb.scheme) return undefined;
  const alts = lb.scheme.alts.filter((alt) => alt.value === 'internet-facing');
  if (!alts.length) return null;
  return alts.find((alt) => !alt.when?.length) ? undefined : alts[0].when;
}
