// igw-not-attached: an internet gateway with no VPC attachment, or a route to an IGW attached elsewhere.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, InternetGateway, JsonValue } from '../../server/src/model/types';
import { knownValues } from '../../server/src/topology/guards';
import { refTo } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

export const rule: Rule = {
  meta: {
    id: 'igw-not-attached',
    defaultSeverity: 'error',
    description: 'An internet gateway is not attached to the VPC whose routes use it: public subnets and the NAT have no internet path.',
    fixable: true,
    docs: 'rules/igw-not-attached/igw-not-attached.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    const routesTo = new Map<string, { tableId: string; vpc: string | undefined; route: RuleFinding['path'][number]; when: RuleFinding['when'] }[]>();
    for (const table of topology.model.routeTables) {
      for (const route of table.routes) {
        if (route.target.kind !== 'internet-gateway') continue;
        for (const alt of route.target.ref.alts) {
          if (alt.value === undefined) continue;
          const list = routesTo.get(alt.value) ?? [];
          list.push({ tableId: table.id, vpc: topology.vpcOf(table), route: { loc: route.loc, message: `${table.id} routes to ${alt.value}` }, when: alt.when });
          routesTo.set(alt.value, list);
        }
      }
    }
    for (const igw of topology.model.internetGateways) {
      const routes = routesTo.get(igw.id) ?? [];
      if (!igw.attachments.length) {
        findings.push(unattached(topology, igw, routes.map((r) => r.route), routes.find((r) => r.vpc !== undefined)?.vpc));
        continue;
      }
      for (const r of routes) {
        if (topology.igwAttachedTo(igw, r.vpc) !== false) continue;
        const attachedTo = igw.attachments.flatMap((a) => knownValues(a.vpc)).join(', ');
        findings.push({
          resource: r.tableId,
          loc: r.route.loc,
          message: `${r.tableId} (in ${r.vpc}) routes to ${igw.id}, which is attached to ${attachedTo}: the route has no internet path`,
          path: [r.route, { loc: igw.loc, message: `${igw.id} is attached to ${attachedTo}` }],
          when: r.when,
          fixes: [],
        });
      }
    }
    return findings;
  },
};

function unattached(topology: Topology, igw: InternetGateway, path: RuleFinding['path'], routedVpc: string | undefined): RuleFinding {
  const model = topology.model;
  const vpc = routedVpc ?? (model.vpcs.length === 1 ? model.vpcs[0].id : undefined);
  const fixes: Fix[] = [];
  if (vpc) {
    // Attaching makes the subnets routed to the gateway public: preferred only when no backend sits in them.
    const exposed = exposedBackends(topology, igw.id);
    const title = `Attach ${igw.id} to ${vpc}${exposed.length ? ` (puts ${exposed.join(', ')} in a public subnet)` : ''}`;
    const preferred = exposed.length ? {} : { preferred: true };
    if (model.dialect === 'terraform') {
      fixes.push({ title, edits: model.writer.setProperty(igw, ['vpc_id'], refTo(model, vpc)), ...preferred });
    } else {
      const id = model.writer.freshId(`${igw.id}Attachment`, 'AWS::EC2::VPCGatewayAttachment');
      const body: JsonValue = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: refTo(model, vpc), InternetGatewayId: refTo(model, igw.id) } };
      fixes.push({ title, edits: model.writer.addResources(igw, { [id]: body }), ...preferred });
    }
  }
  const routed = path.length ? `: ${path.length} route(s) to it lead nowhere` : '';
  return {
    resource: igw.id,
    loc: igw.loc,
    message: `Internet gateway ${igw.id} is not attached to any VPC${routed}; public subnets and NAT gateways get no internet path`,
    path: [{ loc: igw.loc, message: `${igw.id} has no VPC attachment` }, ...path],
    fixes,
    constructPath: igw.constructPath,
  };
}

/** Backends placed in subnets whose route tables send a route to the gateway (explicit associations). */
function exposedBackends(topology: Topology, igwId: string): string[] {
  const out = new Set<string>();
  for (const table of topology.model.routeTables) {
    if (!table.routes.some((r) => r.target.kind === 'internet-gateway' && r.target.ref.alts.some((a) => a.value === igwId))) continue;
    const subnets = table.isMain && table.vpc ? topology.subnetsInVpc(knownValues(table.vpc)[0] ?? '').map((s) => s.id) : table.associations.flatMap((a) => knownValues(a.subnet));
    for (const subnet of subnets) for (const member of topology.subnetMembers(subnet)) if (topology.role(member) === 'backend') out.add(member.id);
  }
  return [...out];
}
