// eks-public-endpoint: an EKS cluster whose Kubernetes API endpoint is open to the whole internet.
import { PathStep, Rule, RuleFinding } from '../../server/src/engine/types';
import { EksCluster, Fix, Guard, JsonValue, Model, TextEdit } from '../../server/src/model/types';
import { getValue } from '../../server/src/source/tree';
import { isInternetCidr, isTrue } from '../../server/src/topology/guards';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

export const rule: Rule = {
  meta: {
    id: 'eks-public-endpoint',
    defaultSeverity: 'error',
    description: 'An EKS cluster API endpoint is public to 0.0.0.0/0 (the default when EndpointPublicAccess is absent): the control plane is reachable from the internet.',
    fixable: true,
    docs: 'rules/eks-public-endpoint/eks-public-endpoint.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const cluster of topology.model.eksClusters) {
      // A cluster the user marks as an intended edge is meant to be reached from the internet.
      if (topology.role(cluster) === 'edge') continue;
      const finding = check(topology, cluster);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

type CidrState = { open: true; explicit: boolean } | { open: false };

/**
 * Whether the allowed source ranges include the world: absent means AWS's default 0.0.0.0/0; a
 * list with an unknown entry (parameter without default, import) is never called open.
 */
function cidrState(cluster: EksCluster): CidrState {
  if (!cluster.publicAccessCidrs.length) return { open: true, explicit: false };
  const alts = cluster.publicAccessCidrs.flatMap((prop) => prop.alts);
  if (alts.some((alt) => alt.value !== undefined && isInternetCidr(alt.value))) return { open: true, explicit: true };
  return { open: false };
}

function check(topology: Topology, cluster: EksCluster): RuleFinding | undefined {
  const model = topology.model;
  const cidrs = cidrState(cluster);
  if (!cidrs.open) return undefined;
  const publicKey = native(model, 'EndpointPublicAccess', 'endpoint_public_access');
  const cidrText = cidrs.explicit ? `${native(model, 'PublicAccessCidrs', 'public_access_cidrs')} includes 0.0.0.0/0` : 'open to 0.0.0.0/0 by default';
  const prop = cluster.endpointPublicAccess;
  let when: Guard[] | undefined;
  let setting: string;
  if (prop) {
    const open = guardedAlts(prop, isTrue)[0];
    if (!open) return undefined;
    when = open.when;
    setting = `${publicKey} is true`;
  } else {
    setting = `${publicKey} is not set and defaults to true`;
  }
  const loc = prop ? prop.loc : cluster.loc;
  const path: PathStep[] = [{ loc, message: `${cluster.id}: ${setting}, ${cidrText}` }];
  const message = `EKS cluster ${cluster.id} has a public Kubernetes API endpoint (${setting}, ${cidrText}): the control plane is reachable from the internet instead of only from inside the VPC`;
  const fix = privateOnly(topology, cluster);
  return { resource: cluster.id, loc, message, path, when, fixes: fix ? [fix] : [], constructPath: cluster.constructPath };
}

/** EndpointPublicAccess false, EndpointPrivateAccess true (kubectl then runs from inside the VPC). */
function privateOnly(topology: Topology, cluster: EksCluster): Fix | undefined {
  const model = topology.model;
  const writer = model.writer;
  const config = native(model, 'ResourcesVpcConfig', 'vpc_config');
  const publicKey = native(model, 'EndpointPublicAccess', 'endpoint_public_access');
  const privateKey = native(model, 'EndpointPrivateAccess', 'endpoint_private_access');
  // A config block chosen by Fn::If would need the settings in each branch: no fix rather than a wrong one.
  if (configIsIntrinsic(model, cluster)) return undefined;
  const privateOn = guardedAlts(cluster.endpointPrivateAccess, isTrue).some((entry) => !entry.when?.length);
  let edits: TextEdit[];
  if (!cluster.vpcConfigLoc && !cluster.endpointPublicAccess) {
    // No config block to insert into: write both settings in one block.
    const block: JsonValue = { [publicKey]: false, [privateKey]: true };
    edits = writer.setProperty(cluster, [config], block);
  } else {
    const publicEdits = cluster.endpointPublicAccess ? writer.setValue(cluster.endpointPublicAccess, false) : writer.setProperty(cluster, [config, publicKey], false);
    const privateEdits = privateOn ? [] : cluster.endpointPrivateAccess ? writer.setValue(cluster.endpointPrivateAccess, true) : writer.setProperty(cluster, [config, privateKey], true);
    edits = joinInserts([...publicEdits, ...privateEdits]);
    if (overlapping(edits) || !publicEdits.length) return undefined;
  }
  return { title: `Make the API endpoint of ${cluster.id} private`, edits, preferred: true };
}

/** Two insertions at one offset (both keys missing from the same map) become one edit, so the fix applies whole. */
function joinInserts(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const same = out.find((e) => e.file === edit.file && e.span.start === edit.span.start && e.span.end === e.span.start && edit.span.end === edit.span.start);
    if (same) same.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}

/** CloudFormation `ResourcesVpcConfig: !If [...]` (or another intrinsic) rather than a plain map. */
function configIsIntrinsic(model: Model, cluster: EksCluster): boolean {
  if (model.dialect !== 'cloudformation') return false;
  const file = model.files.find((f) => f.path === cluster.loc.file);
  const properties = getValue(getValue(getValue(file?.root, 'Resources'), cluster.id), 'Properties');
  const config = getValue(properties, native(model, 'ResourcesVpcConfig', 'vpc_config'));
  return config?.kind === 'map' && config.pairs.length === 1 && /^(Fn::|Ref$)/.test(String(config.pairs[0].key.value));
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  return sorted.some((edit, i) => i > 0 && edit.span.start < sorted[i - 1].span.end);
}
