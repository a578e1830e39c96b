// Subnet classes from route tables: public (default route to an attached IGW), private (to a NAT),
// isolated (neither) or unknown (a target we cannot resolve). Fn::If branches become guarded views.
import { PathStep } from '../engine/types';
import { Guard, InternetGateway, Model, NatGateway, Route, RouteTable, Subnet } from '../model/types';
import { combineAll, isWorldCidr, negateWhen, whenKey } from './guards';
import { SubnetClass, SubnetView } from './topology';
import { TopologyIndex } from './index-maps';

const RANK: Record<SubnetClass, number> = { public: 0, unknown: 1, private: 2, isolated: 3 };

interface Outcome {
  cls: SubnetClass;
  when: Guard[] | undefined;
  table?: RouteTable;
  route?: Route;
  gateway?: InternetGateway | NatGateway;
  destination?: string;
  note?: string;
}

/** Every subnet's views, most exposed first. */
export function classifySubnets(model: Model, index: TopologyIndex): Map<string, SubnetView[]> {
  const views = new Map<string, SubnetView[]>();
  // A default route into a table we cannot see (a custom resource looking up the main table, say) may be the main table's.
  const mainMayChange = (model.externalRoutes ?? []).some((route) => route.destination?.alts.some((d) => d.value === undefined || isWorldCidr(d.value)) ?? true);
  for (const subnet of model.subnets) views.set(subnet.id, viewsOf(subnet, index, mainMayChange));
  return views;
}

function viewsOf(subnet: Subnet, index: TopologyIndex, mainMayChange: boolean): SubnetView[] {
  const vpc = index.subnetVpc.get(subnet.id);
  const outcomes: Outcome[] = [];
  const associations = index.associationsBySubnet.get(subnet.id) ?? [];
  const tables: { table: RouteTable | undefined; when: Guard[] | undefined }[] = associations.map((a) => ({ table: a.table, when: a.when }));
  // Associations with a route table the template does not declare: routes unknown.
  const external = (subnet.externalRouteTables ?? []).flatMap((a) => a.table.alts.map((alt) => alt.when));
  for (const when of external) outcomes.push({ cls: 'unknown', when, note: 'route table not in the template' });
  const chosen = [...associations.map((a) => a.when), ...external];
  const unconditional = chosen.some((when) => !when?.length);
  if (!unconditional) {
    // Without an explicit association the subnet uses the VPC's main table (when we know it).
    const main = vpc ? index.mainTableByVpc.get(vpc) : undefined;
    if (!chosen.length) tables.push({ table: main, when: undefined });
    else if (chosen.length === 1) {
      const negated = negateWhen(chosen[0]);
      if (negated) tables.push({ table: main, when: negated });
    }
  }
  for (const { table, when } of tables) outcomes.push(...outcomesOfTable(table, when, vpc, index, mainMayChange));
  return toViews(subnet, prune(outcomes));
}

function outcomesOfTable(table: RouteTable | undefined, when: Guard[] | undefined, subnetVpc: string | undefined, index: TopologyIndex, mainMayChange: boolean): Outcome[] {
  if (!table) {
    // No association and no main table in the model. A VPC created here keeps a main table with only the local
    // route (CloudFormation cannot declare routes in it) unless a route goes into a table we cannot see; a VPC
    // from elsewhere (parameter, import, literal id) has a main table that may route anywhere: unknown, never
    // public or private by guess.
    const declared = !mainMayChange && subnetVpc !== undefined && index.byId.get(subnetVpc)?.kind === 'vpc';
    return [declared ? { cls: 'isolated', when, note: 'no route table' } : { cls: 'unknown', when, note: 'main route table unknown' }];
  }
  const out: Outcome[] = [];
  const vpc = index.tableVpc.get(table.id) ?? subnetVpc;
  const guarded: Guard[][] = [];
  for (const route of table.routes) {
    const routeGuard = route.entity?.condition ? [{ condition: route.entity.condition, holds: true }] : undefined;
    const destinations = route.destination?.alts ?? [];
    for (const dest of destinations) {
      const isDefault = isWorldCidr(dest.value);
      if (dest.value !== undefined && !isDefault) continue;
      for (const target of route.target.ref.alts) {
        const combined = combineAll(when, routeGuard, dest.when, target.when);
        if (combined === null) continue;
        const base = { table, route, destination: dest.value ?? '?', when: combined };
        if (dest.value === undefined) {
          out.push({ ...base, cls: 'unknown', note: 'unresolved destination' });
          continue;
        }
        if (combined?.length) guarded.push(combined);
        out.push(...classifyTarget(route, target.value, vpc, index, base));
      }
    }
  }
  const hasUnconditional = out.some((o) => !o.when?.length || whenKey(o.when) === whenKey(when));
  if (!out.length) out.push({ cls: 'isolated', when, table, note: 'no default route' });
  else if (!hasUnconditional && guarded.length === 1) {
    // A single guarded default route: when its condition fails, the table has none.
    const negated = negateWhen(guarded[0].filter((g) => !when?.some((w) => w.condition === g.condition)));
    const combined = negated ? combineAll(when, negated) : null;
    if (combined !== null && negated) out.push({ cls: 'isolated', when: combined, table, note: 'no default route' });
  }
  return out;
}

function classifyTarget(route: Route, targetId: string | undefined, vpc: string | undefined, index: TopologyIndex, base: Omit<Outcome, 'cls'>): Outcome[] {
  const kind = route.target.kind;
  const target = targetId !== undefined ? index.byId.get(targetId) : undefined;
  if (kind === 'internet-gateway') {
    if (!target || target.kind !== 'internet-gateway') return [{ ...base, cls: 'unknown', note: 'unresolved gateway' }];
    const attached = index.igwAttachedTo(target, vpc);
    if (attached === false) return [{ ...base, cls: 'isolated', gateway: target, note: 'not attached' }];
    if (attached === undefined) return [{ ...base, cls: 'unknown', gateway: target, note: 'attachment unknown' }];
    return attachedOutcomes(target, vpc, base);
  }
  if (kind === 'nat-gateway') return [{ ...base, cls: 'private', gateway: target?.kind === 'nat-gateway' ? target : undefined }];
  if (kind === 'other' && targetId === undefined) return [{ ...base, cls: 'unknown', note: 'unresolved target' }];
  return [{ ...base, cls: 'isolated', note: kind }];
}

/** Public where the gateway is attached; an attachment under a condition (resource Condition, Fn::If) is public only then. */
function attachedOutcomes(igw: InternetGateway, vpc: string | undefined, base: Omit<Outcome, 'cls'>): Outcome[] {
  const whens = igw.attachments.flatMap((a) => a.vpc.alts.filter((alt) => alt.value !== undefined && (vpc === undefined || alt.value === vpc)).map((alt) => alt.when));
  if (whens.some((when) => !when?.length)) return [{ ...base, cls: 'public', gateway: igw }];
  const out: Outcome[] = [];
  for (const when of whens) {
    const combined = combineAll(base.when, when);
    if (combined !== null) out.push({ ...base, when: combined, cls: 'public', gateway: igw });
  }
  const negated = whens.length === 1 ? negateWhen(whens[0]) : undefined;
  const detached = negated ? combineAll(base.when, negated) : null;
  if (negated && detached !== null) out.push({ ...base, when: detached, cls: 'isolated', gateway: igw, note: 'not attached' });
  return out;
}

/** Drops alternatives that an unconditional, more exposed alternative already decides; de-duplicates. */
function prune(outcomes: Outcome[]): Outcome[] {
  outcomes.sort((a, b) => RANK[a.cls] - RANK[b.cls]);
  const firstUnconditional = outcomes.find((o) => !o.when?.length);
  const kept: Outcome[] = [];
  const seen = new Set<string>();
  for (const o of outcomes) {
    if (firstUnconditional && RANK[o.cls] > RANK[firstUnconditional.cls]) continue;
    if (firstUnconditional && o !== firstUnconditional && RANK[o.cls] === RANK[firstUnconditional.cls] && o.when?.length) continue;
    const key = `${o.cls}|${whenKey(o.when)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(o);
  }
  return kept;
}

function toViews(subnet: Subnet, outcomes: Outcome[]): SubnetView[] {
  const noTableSteps: Record<string, string> = {
    'main route table unknown': `${subnet.id} uses its VPC's main route table, which the template does not declare`,
    'route table not in the template': `${subnet.id} is associated with a route table the template does not declare`,
  };
  return outcomes.map((o) => {
    const path: PathStep[] = [{ loc: subnet.loc, message: o.table ? `${subnet.id} uses route table ${o.table.id}` : noTableSteps[o.note ?? ''] ?? `${subnet.id} has no route table` }];
    const target = o.gateway?.id ?? (o.route ? targetText(o.route) : undefined);
    if (o.route) path.push({ loc: o.route.loc, message: `${o.table?.id ?? 'route table'} routes ${o.destination} to ${target}` });
    if (o.gateway) path.push({ loc: o.gateway.loc, message: gatewayText(o) });
    const label = o.route
      ? `${subnet.id} (${o.destination} -> ${target}${o.note === 'not attached' ? ', not attached' : ''})`
      : `${subnet.id} (${o.note ?? 'no default route'})`;
    return { subnet, cls: o.cls, routeTable: o.table, defaultRoute: o.route, gateway: o.gateway, when: o.when, path, label };
  });
}

function targetText(route: Route): string {
  const alt = route.target.ref.alts.find((a) => a.value !== undefined || a.literal);
  return alt?.value ?? alt?.literal ?? route.target.kind;
}

function gatewayText(o: Outcome): string {
  const gateway = o.gateway!;
  if (gateway.kind === 'nat-gateway') return `${gateway.id} is a NAT gateway`;
  return o.note === 'not attached' ? `${gateway.id} is not attached to the VPC` : `${gateway.id} is an internet gateway attached to the VPC`;
}
