// backend-open-to-internet for Lambda function URLs with AuthType NONE: the function is invoked from the internet directly.
import { RuleFinding } from '../../server/src/engine/types';
import { ServiceEndpoint } from '../../server/src/model/types';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';
import { quoteSource } from '../../server/src/topology/rule-kit';

/**
 * A function URL is a public HTTPS endpoint AWS serves outside any VPC: with AuthType NONE anyone who has the
 * URL invokes the function, past any ALB, its WAF and security groups. Requiring IAM auth changes who can call
 * it, so that fix is offered but not preferred.
 */
export function openFunctionUrls(topology: Topology): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const url of topology.model.serviceEndpoints ?? []) {
    if (url.endpointKind !== 'lambda-url' || topology.role(url) === 'edge' || targetIsEdge(topology, url)) continue;
    const open = guardedAlts(url.setting, (value) => value.toUpperCase() === 'NONE')[0];
    if (!open || !url.setting) continue;
    const model = topology.model;
    const key = native(model, 'AuthType', 'authorization_type');
    const fn = functionName(topology, url);
    findings.push({
      resource: url.id,
      loc: url.setting.loc,
      message: `Function URL ${url.id} has ${key} NONE: anyone on the internet can invoke ${fn} directly, past any ALB and without authentication`,
      path: [{ loc: url.setting.loc, message: `${url.id} serves ${fn} on a public HTTPS URL with ${key} NONE` }],
      when: open.when,
      fixes: [{ title: `Require IAM authentication on ${url.id} (${key} AWS_IAM: callers must sign their requests)`, edits: model.writer.setValue(url.setting, 'AWS_IAM') }],
      ...(url.constructPath ? { constructPath: url.constructPath } : {}),
    });
  }
  return findings;
}

/** The function the URL invokes, marked by the user as an intended edge (a public webhook, say). */
function targetIsEdge(topology: Topology, url: ServiceEndpoint): boolean {
  return (url.target?.alts ?? []).some((alt) => {
    const entity = alt.value === undefined ? undefined : topology.entity(alt.value);
    return entity !== undefined && topology.role(entity) === 'edge';
  });
}

function functionName(topology: Topology, url: ServiceEndpoint): string {
  const ids = [...new Set((url.target?.alts ?? []).flatMap((alt) => (alt.value !== undefined && topology.entity(alt.value) ? [alt.value] : [])))];
  if (ids.length) return ids.join(' or ');
  return url.target ? `the function ${quoteSource(topology.model, url.target.valueLoc)}` : 'its function';
}
