// Load balancer entities and the links between listeners, load balancers and target groups, alike in both formats.
import { EntityBase, Listener, LoadBalancer, LoadBalancerKind, Loc, Model, Prop } from '../../model/types';
import { eachTarget } from './links';
import { refTargets } from './props';

const LB_KINDS: Record<string, LoadBalancerKind> = { application: 'application', network: 'network', gateway: 'gateway' };

/** The kind a v2 load balancer's type names (any case); absent or unknown = application. */
export function lbKindOf(type: unknown): LoadBalancerKind {
  return LB_KINDS[String(type ?? 'application').toLowerCase()] ?? 'application';
}

export function newLoadBalancer(base: EntityBase, lbKind: LoadBalancerKind): LoadBalancer {
  return { ...base, kind: 'load-balancer', lbKind, subnets: [], securityGroups: [], listeners: [], instances: [] };
}

/** A classic load balancer's inline listener: an entity of its own, sharing the load balancer's suppressions. */
export function inlineListener(owner: EntityBase, id: string, loadBalancer: Prop<string>, loc: Loc): Listener {
  const listener: Listener = { id, type: owner.type, loc, blockLoc: loc, suppressions: owner.suppressions, kind: 'listener', loadBalancer, redirectsToHttps: false };
  if (owner.intendedEdge) listener.intendedEdge = true;
  return listener;
}

export function isHttps(value: string | undefined): boolean {
  return value?.toUpperCase() === 'HTTPS';
}

/** The load balancers of the template a reference names. */
export function loadBalancerIds(model: Model, prop: Prop<string> | undefined): string[] {
  return refTargets(prop)
    .map((t) => t.id)
    .filter((id) => model.byId.get(id)?.kind === 'load-balancer');
}

/** The listener joins the load balancers it names; returns their ids. */
export function joinLoadBalancers(model: Model, listener: Listener): string[] {
  const lbIds = loadBalancerIds(model, listener.loadBalancer);
  for (const id of lbIds) {
    const lb = model.byId.get(id);
    if (lb?.kind === 'load-balancer') lb.listeners.push(listener);
  }
  return lbIds;
}

/** The load balancers behind the listeners a listener rule names. */
export function listenerLoadBalancerIds(model: Model, listenerProp: Prop<string> | undefined): string[] {
  const lbIds: string[] = [];
  eachTarget(model, listenerProp, 'listener', (listener) => lbIds.push(...loadBalancerIds(model, listener.loadBalancer)));
  return lbIds;
}

/** Forwards put each target group they name behind the load balancers. */
export function linkForwards(model: Model, lbIds: string[], targets: Prop<string>[]): void {
  for (const target of targets) {
    eachTarget(model, target, 'target-group', (tg) => {
      for (const lbId of lbIds) if (!tg.loadBalancers.includes(lbId)) tg.loadBalancers.push(lbId);
    });
  }
}
