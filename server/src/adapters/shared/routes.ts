// Route targets and routes, built alike by both adapters; only telling gateway kinds apart is format-specific.
import { Loc, Model, Prop, Route, RouteTargetKind } from '../../model/types';
import { addThroughRef, linkGuarded } from './links';
import { guardProp } from './props';

/** What a generic gateway reference (GatewayId / gateway_id) points at, from its resource id or literal id. */
export type GatewayKind = (id: string | undefined, literal: string | undefined) => RouteTargetKind;

/**
 * The targets one target property gives a route. A generic gateway property holds internet, egress-only and
 * other gateways: its alternatives are split into one target per kind, each with its own alternatives.
 */
export function routeTargetsOf(kind: RouteTargetKind | 'gateway', ref: Prop<string>, gatewayKind: GatewayKind): Route['target'][] {
  if (kind !== 'gateway') return [{ kind, ref }];
  const byKind = new Map<RouteTargetKind, Prop<string>>();
  for (const alt of ref.alts) {
    const k = gatewayKind(alt.value, alt.literal);
    const prop = byKind.get(k) ?? { ...ref, alts: [] };
    prop.alts.push(alt);
    byKind.set(k, prop);
  }
  return [...byKind].map(([k, prop]) => ({ kind: k, ref: prop }));
}

/** A standalone route joins each table it names (through a guarded table reference, only under that guard). */
export function addRouteToTables(model: Model, route: Route): void {
  addThroughRef(model, route.routeTable, 'route-table', route, (routeTable) => ({ ...route, routeTable }), (table) => table.routes);
}

/** The alternatives of a route-table reference that name no route table of the model (a parameter, variable, import, data source, literal id). */
export function externalTableAlts(model: Model, routeTable: Prop<string>): Prop<string>['alts'] {
  return routeTable.alts.filter((alt) => alt.value === undefined || model.byId.get(alt.value)?.kind !== 'route-table');
}

/**
 * An association with a route table from elsewhere: each subnet it names records it (Subnet.externalRouteTables),
 * so the subnet's class is unknown rather than its main table's. `condition`: the association's own.
 */
export function linkExternalRouteTable(model: Model, id: string, tableProp: Prop<string> | undefined, subnet: Prop<string>, condition: string | undefined, loc: Loc): void {
  const external = tableProp ? externalTableAlts(model, tableProp) : [];
  if (!tableProp || !external.length) return;
  const own = condition ? [{ condition, holds: true }] : undefined;
  linkGuarded(model, subnet, 'subnet', { ...tableProp, alts: external }, (found, guarded) => {
    const table = guardProp(guarded, own);
    if (table) (found.externalRouteTables ??= []).push({ id, table, loc });
  });
}

/** A standalone route into a table from elsewhere: kept on the model, since that table may be a VPC's main table. */
export function noteExternalRoute(model: Model, route: Route): void {
  const external = externalTableAlts(model, route.routeTable);
  if (external.length) (model.externalRoutes ??= []).push({ ...route, routeTable: { ...route.routeTable, alts: external } });
}
