// nat-gateway-placement: a public NAT gateway must sit in a public subnet and carry an Elastic IP.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, JsonValue, NatGateway } from '../../server/src/model/types';
import { native, refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

export const rule: Rule = {
  meta: {
    id: 'nat-gateway-placement',
    defaultSeverity: 'error',
    description: 'A public NAT gateway is not in a public subnet or has no Elastic IP: private subnets get no outbound internet.',
    fixable: true,
    docs: 'rules/nat-gateway-placement/nat-gateway-placement.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const nat of topology.model.natGateways) {
      if (!isPublicNat(nat)) continue;
      findings.push(...placement(topology, nat));
      if (!nat.allocation) findings.push(missingEip(topology, nat));
    }
    return findings;
  },
};

/** ConnectivityType absent or public (a Fn::If with a private branch is still public in the other). */
function isPublicNat(nat: NatGateway): boolean {
  if (!nat.connectivity) return true;
  return nat.connectivity.alts.some((alt) => alt.value === 'public');
}

function placement(topology: Topology, nat: NatGateway): RuleFinding[] {
  const prop = nat.subnet;
  if (!prop) return [];
  const out: RuleFinding[] = [];
  for (const alt of prop.alts) {
    if (alt.value === undefined) continue;
    const views = topology.subnetViews(alt.value);
    // Only when every alternative of the subnet is known and none is public.
    if (!views.length || views.some((v) => v.cls === 'public' || v.cls === 'unknown' || v.gateway?.kind === 'internet-gateway')) continue;
    const view = views[0];
    const fixes: Fix[] = [];
    const target = subnetsOfClass(topology, topology.vpcOf(view.subnet), 'public')[0];
    if (target) fixes.push({ title: `Move ${nat.id} to public subnet ${target.id}`, edits: topology.model.writer.setValue(prop, refTo(topology.model, target.id)), preferred: true });
    out.push({
      resource: nat.id,
      loc: prop.loc,
      message: `Public NAT gateway ${nat.id} is in ${view.label}, which has no route to an internet gateway: private subnets routed to it get no outbound internet`,
      path: [...view.path, { loc: prop.loc, message: `${nat.id} is placed in ${view.subnet.id}` }],
      when: alt.when,
      fixes,
      constructPath: nat.constructPath,
    });
  }
  return out;
}

function missingEip(topology: Topology, nat: NatGateway): RuleFinding {
  const model = topology.model;
  const terraform = model.dialect === 'terraform';
  const name = model.writer.freshId(terraform ? `${nat.id.split('.').pop()}_eip` : `${nat.id}Eip`, terraform ? 'aws_eip' : 'AWS::EC2::EIP');
  const key = terraform && !name.startsWith('aws_eip.') ? `aws_eip.${name}` : name;
  const resource: JsonValue = terraform ? { domain: 'vpc' } : { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
  const allocation = terraform ? model.writer.ref(key, 'id') : model.writer.ref(key, 'AllocationId');
  const edits = [
    ...model.writer.setProperty(nat, [native(model, 'AllocationId', 'allocation_id')], allocation),
    ...model.writer.addResources(nat, { [key]: resource }),
  ];
  return {
    resource: nat.id,
    loc: nat.loc,
    message: `Public NAT gateway ${nat.id} has no Elastic IP allocation: it cannot translate private subnets' traffic to a public address`,
    path: [{ loc: nat.loc, message: `${nat.id} has no ${native(model, 'AllocationId', 'allocation_id')}` }],
    fixes: [{ title: `Allocate an Elastic IP for ${nat.id}`, edits, preferred: true }],
    constructPath: nat.constructPath,
  };
}
