// Route targets and routes, built alike by both adapters; only telling gateway kinds apart is format-specific.
import { Model, Prop, Route, RouteTargetKind } from '../../model/types';
import { addThroughRef } from './links';

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
