// backend-without-nat-egress: a backend in a private-by-intent subnet whose route table has no default
// route at all, while the VPC has a NAT gateway it could use.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, JsonValue, RouteTable } from '../../server/src/model/types';
import { refTo } from '../../server/src/topology/rule-kit';
import { BackendView, SubnetView, Topology } from '../../server/src/topology/topology';

export const rule: Rule = {
  meta: {
    id: 'backend-without-nat-egress',
    defaultSeverity: 'warning',
    description: 'A backend subnet has no 0.0.0.0/0 route while the VPC has a NAT gateway: outbound traffic has no path through NAT.',
    fixable: true,
    docs: 'rules/backend-without-nat-egress/backend-without-nat-egress.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const backend of topology.backends) {
      // Isolated data subnets are intended: databases need no internet egress.
      if (backend.entity.kind !== 'workload') continue;
      const seen = new Set<string>();
      for (const view of backend.subnets) {
        if (view.cls !== 'isolated' || view.defaultRoute || !view.via || seen.has(view.subnet.id)) continue;
        seen.add(view.subnet.id);
        const finding = check(topology, backend, view);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

function check(topology: Topology, backend: BackendView, view: SubnetView): RuleFinding | undefined {
  const vpc = topology.vpcOf(view.subnet);
  const nat = vpc !== undefined ? topology.natGatewaysInVpc(vpc)[0] : undefined;
  if (!nat) return undefined;
  const fixes: Fix[] = [];
  const table = view.routeTable;
  if (table) fixes.push({ title: `Route 0.0.0.0/0 from ${table.id} to ${nat.id}`, edits: addRoute(topology, table, nat.id), preferred: true });
  const entity = backend.entity;
  return {
    resource: entity.id,
    loc: view.via!.loc,
    message: `${entity.id} is in ${view.label}: ${table ? `route table ${table.id} has` : 'it has'} no 0.0.0.0/0 route, so it has no outbound path through NAT gateway ${nat.id}`,
    path: view.path,
    when: view.when,
    fixes,
    constructPath: entity.constructPath,
  };
}

function addRoute(topology: Topology, table: RouteTable, natId: string) {
  const model = topology.model;
  if (model.dialect === 'terraform') {
    const name = model.writer.freshId(`${table.id.split('.').pop()}_nat`, 'aws_route');
    const key = name.startsWith('aws_route.') ? name : `aws_route.${name}`;
    const body: JsonValue = { route_table_id: refTo(model, table.id), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: refTo(model, natId) };
    return model.writer.addResources(table, { [key]: body });
  }
  const id = model.writer.freshId(`${table.id}NatRoute`, 'AWS::EC2::Route');
  const body: JsonValue = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: refTo(model, table.id), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: refTo(model, natId) } };
  return model.writer.addResources(table, { [id]: body });
}
