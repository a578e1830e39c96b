// default-vpc-placement: backends with no subnet, and security groups with no VPC, land in the default VPC.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Model, SecurityGroup, Workload } from '../../server/src/model/types';
import { refTo, subnetsOfClass } from '../../server/src/topology/rule-kit';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { knownValues } from '../../server/src/topology/guards';
import { natWorks } from '../shared/placement';

export const rule: Rule = {
  meta: {
    id: 'default-vpc-placement',
    defaultSeverity: 'warning',
    description: 'A backend with no subnet or a security group with no VPC lands in the default VPC, whose subnets are all public.',
    fixable: true,
    docs: 'rules/default-vpc-placement/default-vpc-placement.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const backend of topology.backends) {
      if (backend.inDefaultVpc && !backend.subnets.length && !hasSubnetProps(backend)) findings.push(backendFinding(topology, backend));
    }
    for (const group of topology.model.securityGroups) {
      if (!group.vpc) findings.push(groupFinding(topology, group));
    }
    return findings;
  },
};

function hasSubnetProps(backend: BackendView): boolean {
  return backend.entity.subnets.length > 0 || (backend.launchTemplate?.subnets.length ?? 0) > 0;
}

/** Which native property places this kind of workload in a subnet (only the simple, single-property cases). */
function subnetProperty(model: Model, workload: Workload): { path: string; list: boolean } | undefined {
  const terraform = model.dialect === 'terraform';
  if (workload.workloadKind === 'instance') return { path: terraform ? 'subnet_id' : 'SubnetId', list: false };
  if (workload.workloadKind === 'auto-scaling-group') return { path: terraform ? 'vpc_zone_identifier' : 'VPCZoneIdentifier', list: true };
  return undefined;
}

function backendFinding(topology: Topology, backend: BackendView): RuleFinding {
  const entity = backend.entity;
  const model = topology.model;
  const fixes: Fix[] = [];
  const vpc = model.vpcs.length === 1 ? model.vpcs[0].id : backend.groups.map((g) => topology.vpcOf(g)).find((v) => v !== undefined);
  const target = subnetsOfClass(topology, vpc, 'private')[0];
  const property = entity.kind === 'workload' ? subnetProperty(model, entity) : undefined;
  if (target && property) {
    const value = refTo(model, target.id);
    // Preferred only for an instance whose groups are all in the target's VPC (else the move fails or changes its groups),
    // and whose new subnet has a working NAT (it had a public address in the default VPC); an Auto Scaling group would
    // shrink to one zone.
    const groupsThere = backend.groups.length > 0 && backend.groups.every((g) => knownValues(g.vpc).includes(vpc ?? ''));
    const nat = topology.subnetViews(target.id).every((v) => natWorks(topology, v));
    const reason = !groupsThere ? `its security groups are not in ${vpc}` : !nat ? `${target.id} has no working NAT: outbound internet is lost` : property.list ? 'one Availability Zone only' : undefined;
    const title = `Place ${entity.id} in private subnet ${target.id}${reason ? ` (${reason})` : ''}`;
    fixes.push({ title, edits: model.writer.setProperty(entity, [property.path], property.list ? [value] : value), ...(reason ? {} : { preferred: true }) });
  }
  return {
    resource: entity.id,
    loc: entity.loc,
    message: `${entity.id} names no subnet: it lands in the default VPC, whose subnets are all public, outside the ALB and NAT path`,
    path: [{ loc: entity.loc, message: `${entity.id} has no subnet` }],
    fixes,
    constructPath: entity.constructPath,
  };
}

function groupFinding(topology: Topology, group: SecurityGroup): RuleFinding {
  const model = topology.model;
  const fixes: Fix[] = [];
  const vpc = model.vpcs.length === 1 ? model.vpcs[0].id : undefined;
  const users = topology.groupMembers(group.id).map((m) => m.id);
  if (vpc) {
    // Moving the group to another VPC (it is replaced) breaks members left in the default VPC: preferred only when all are in the VPC.
    const outside = topology.groupMembers(group.id).filter((m) => topology.vpcOf(m) !== vpc || topology.subnetsOf(m).length === 0).map((m) => m.id);
    const title = `Create ${group.id} in ${vpc}${outside.length ? ` (${outside.join(', ')} must move to ${vpc} too)` : ''}`;
    fixes.push({ title, edits: model.writer.setProperty(group, [model.dialect === 'terraform' ? 'vpc_id' : 'VpcId'], refTo(model, vpc)), ...(outside.length ? {} : { preferred: true }) });
  }
  return {
    resource: group.id,
    loc: group.loc,
    message: `Security group ${group.id} names no VPC: it is created in the default VPC, whose subnets are all public${users.length ? `, and so are ${users.join(', ')}` : ''}`,
    path: [{ loc: group.loc, message: `${group.id} has no VpcId` }],
    fixes,
    constructPath: group.constructPath,
  };
}
