// alb-http-listener: an internet-facing ALB listener on plain HTTP that does not redirect to HTTPS.
import { PathStep, Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Guard, JsonValue, Listener, LoadBalancer } from '../../server/src/model/types';
import { combineAll } from '../../server/src/topology/guards';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

export const rule: Rule = {
  meta: {
    id: 'alb-http-listener',
    defaultSeverity: 'warning',
    description: 'An internet-facing ALB listens on plain HTTP without redirecting to HTTPS: requests and cookies cross the internet in clear text.',
    fixable: true,
    docs: 'rules/alb-http-listener/alb-http-listener.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const listener of topology.model.listeners) {
      if (!V2_LISTENER_TYPES.has(listener.type) || listener.redirectsToHttps) continue;
      const finding = check(topology, listener);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

const V2_LISTENER_TYPES = new Set(['AWS::ElasticLoadBalancingV2::Listener', 'aws_lb_listener', 'aws_alb_listener']);

const isHttp = (value: string) => value.toUpperCase() === 'HTTP';

/**
 * The guard under which a load balancer is internet-facing (absent scheme = internet-facing), or
 * null when never; an unknown scheme (parameter without default) is not assumed internet-facing.
 */
function internetFacingWhen(lb: LoadBalancer): Guard[] | undefined | null {
  if (!lb.scheme) return undefined;
  const alts = lb.scheme.alts.filter((alt) => alt.value === 'internet-facing');
  if (!alts.length) return null;
  return alts.find((alt) => !alt.when?.length) ? undefined : alts[0].when;
}

/** Whether any listener of the load balancer may serve HTTPS (an unknown protocol counts as maybe). */
function hasHttpsListener(lb: LoadBalancer): boolean {
  return lb.listeners.some((l) => !l.protocol || l.protocol.alts.some((alt) => alt.value === undefined || alt.value.toUpperCase() === 'HTTPS'));
}

function check(topology: Topology, listener: Listener): RuleFinding | undefined {
  const protocols = guardedAlts(listener.protocol, isHttp);
  if (!protocols.length) return undefined;
  for (const lbAlt of listener.loadBalancer.alts) {
    const lb = topology.entity(lbAlt.value);
    if (lb?.kind !== 'load-balancer' || lb.lbKind !== 'application') continue;
    const facing = internetFacingWhen(lb);
    if (facing === null) continue;
    for (const protocol of protocols) {
      const when = combineAll(facing, lbAlt.when, protocol.when);
      if (when === null) continue;
      const port = listener.port?.alts.find((alt) => alt.value !== undefined)?.value;
      const https = hasHttpsListener(lb);
      const loc = listener.defaultActionsLoc ?? listener.protocol?.loc ?? listener.loc;
      const missing = https ? '' : `; ${lb.id} has no HTTPS listener at all: add one on 443 with a certificate`;
      const path: PathStep[] = [
        { loc: lb.loc, message: `${lb.id} is an internet-facing application load balancer` },
        { loc: listener.protocol?.loc ?? listener.loc, message: `${listener.id} listens on HTTP${port !== undefined ? ` port ${port}` : ''}` },
        { loc, message: `its default action does not redirect to HTTPS` },
      ];
      return {
        resource: listener.id,
        loc,
        message: `${listener.id} on internet-facing ALB ${lb.id} serves plain HTTP${port !== undefined ? ` on port ${port}` : ''} without redirecting to HTTPS: requests and cookies cross the internet in clear text${missing}`,
        path,
        when,
        // Replacing the actions of a listener that is HTTPS in another branch would make it redirect to itself.
        fixes: protocol.when?.length ? [] : [redirectFix(topology, listener, lb, https)],
        constructPath: listener.constructPath,
      };
    }
  }
  return undefined;
}

/** Default action: a permanent redirect to HTTPS on 443, host, path and query kept. */
function redirectFix(topology: Topology, listener: Listener, lb: LoadBalancer, hasHttps: boolean): Fix {
  const model = topology.model;
  const redirect: JsonValue = model.dialect === 'terraform'
    ? [{ type: 'redirect', redirect: [{ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }] }]
    : [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];
  // Without an HTTPS listener the redirect leads nowhere until one is added: the title says so.
  const title = `Redirect ${listener.id} to HTTPS on port 443${hasHttps ? '' : ` (${lb.id} needs an HTTPS listener too)`}`;
  const edits = model.writer.setProperty(listener, [native(model, 'DefaultActions', 'default_action')], redirect);
  return hasHttps ? { title, edits, preferred: true } : { title, edits };
}
