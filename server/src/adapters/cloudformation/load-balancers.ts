// Load balancers (v2 and classic), listeners and target groups, and which load balancer forwards where.
import { Listener, Prop, TargetGroup } from '../../model/types';
import { Node, getPair } from '../../source/tree';
import { BuildContext, Resource } from './context';
import { asNumber, asRef, asString, firstValue } from './props';
import { eachTarget } from '../shared/links';
import { inlineListener, isHttps, joinLoadBalancers, lbKindOf, linkForwards, listenerLoadBalancerIds, newLoadBalancer } from '../shared/load-balancers';
import { selfRef } from '../shared/props';

export function buildLoadBalancerV2(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const lb = newLoadBalancer(res.base, lbKindOf(firstValue(r.prop(res.props, 'Type', asString))));
  const scheme = r.prop(res.props, 'Scheme', asString);
  if (scheme) lb.scheme = scheme;
  lb.subnets.push(...r.list(res.props, 'Subnets', asRef));
  for (const mapping of r.objectItems(res.props, 'SubnetMappings')) {
    const subnet = r.prop(mapping.map, 'SubnetId', asRef, mapping.when);
    if (subnet) lb.subnets.push(subnet);
  }
  lb.securityGroups.push(...r.list(res.props, 'SecurityGroups', asRef));
  ctx.add(lb, ctx.model.loadBalancers);
}

/** Second pass: SubnetMappings[].AllocationId gives an NLB its Elastic IPs (an edge's address, no backend's). */
export function linkSubnetMappingEips(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  for (const mapping of r.objectItems(res.props, 'SubnetMappings')) {
    const allocation = r.prop(mapping.map, 'AllocationId', asRef, mapping.when);
    eachTarget(ctx.model, allocation, 'eip', (eip, when) => {
      const target: Prop<string> = { ...selfRef(res.id, allocation!.loc, when), valueLoc: allocation!.valueLoc };
      eip.attachedTo.push({ id: res.id, target, loc: allocation!.loc });
    });
  }
}

export function buildClassicLoadBalancer(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const lb = newLoadBalancer(res.base, 'classic');
  const scheme = r.prop(res.props, 'Scheme', asString);
  if (scheme) lb.scheme = scheme;
  lb.subnets.push(...r.list(res.props, 'Subnets', asRef));
  lb.securityGroups.push(...r.list(res.props, 'SecurityGroups', asRef));
  lb.instances.push(...r.list(res.props, 'Instances', asRef));
  const pair = getPair(res.props, 'Listeners');
  const seq = pair?.value.kind === 'seq' ? pair.value.items : [];
  r.objectItems(res.props, 'Listeners').forEach((entry, n) => {
    const index = seq.indexOf(entry.item);
    const loc = ctx.loc(entry.item);
    const listener = inlineListener(res.base, `${res.id}.listeners[${index >= 0 ? index : n}]`, selfRef(res.id, loc, entry.when), loc);
    if (res.base.condition) listener.condition = res.base.condition;
    const protocol = r.prop(entry.map, 'Protocol', asString, entry.when);
    if (protocol) listener.protocol = protocol;
    const port = r.prop(entry.map, 'LoadBalancerPort', asNumber, entry.when);
    if (port) listener.port = port;
    lb.listeners.push(listener);
    ctx.add(listener, ctx.model.listeners);
  });
  ctx.add(lb, ctx.model.loadBalancers);
}

export function buildTargetGroup(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const tg: TargetGroup = { ...res.base, kind: 'target-group', targets: [], loadBalancers: [] };
  const targetType = r.prop(res.props, 'TargetType', asString);
  if (targetType) tg.targetType = targetType;
  const port = r.prop(res.props, 'Port', asNumber);
  if (port) tg.port = port;
  const protocol = r.prop(res.props, 'Protocol', asString);
  if (protocol) tg.protocol = protocol;
  for (const target of r.objectItems(res.props, 'Targets')) {
    const id = r.prop(target.map, 'Id', asRef, target.when);
    if (id) tg.targets.push(id);
  }
  ctx.add(tg, ctx.model.targetGroups);
}

/** Target groups an action list forwards to (TargetGroupArn and ForwardConfig.TargetGroups). */
function forwardTargets(ctx: BuildContext, actions: Node | undefined): Prop<string>[] {
  const r = ctx.reader;
  const out: Prop<string>[] = [];
  if (!actions) return out;
  for (const action of r.objectItemsOf(actions)) {
    const direct = r.prop(action.map, 'TargetGroupArn', asRef, action.when);
    if (direct) out.push(direct);
    for (const forward of r.objects(action.map, 'ForwardConfig', action.when)) {
      for (const tg of r.objectItems(forward.map, 'TargetGroups', forward.when)) {
        const ref = r.prop(tg.map, 'TargetGroupArn', asRef, tg.when);
        if (ref) out.push(ref);
      }
    }
  }
  return out;
}

/** AWS::ElasticLoadBalancingV2::Listener: an entity attached to its load balancer. */
export function buildListener(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const loadBalancer = r.prop(res.props, 'LoadBalancerArn', asRef) ?? { alts: [{ value: undefined }], loc: res.base.loc, valueLoc: res.base.loc };
  const listener: Listener = { ...res.base, kind: 'listener', loadBalancer, redirectsToHttps: false };
  const protocol = r.prop(res.props, 'Protocol', asString);
  if (protocol) listener.protocol = protocol;
  const port = r.prop(res.props, 'Port', asNumber);
  if (port) listener.port = port;
  const actionsPair = getPair(res.props, 'DefaultActions');
  if (actionsPair) {
    listener.defaultActionsLoc = ctx.loc(actionsPair);
    for (const action of r.objectItemsOf(actionsPair.value)) {
      const type = firstValue(r.prop(action.map, 'Type', asString, action.when));
      if (type !== 'redirect') continue;
      for (const redirect of r.objects(action.map, 'RedirectConfig', action.when)) {
        if (!isHttps(firstValue(r.prop(redirect.map, 'Protocol', asString, redirect.when)))) continue;
        // A redirect in one Fn::If branch only: the other branch serves plain HTTP.
        if (redirect.when?.length) listener.redirectsWhen ??= redirect.when;
        else listener.redirectsToHttps = true;
      }
    }
  }
  ctx.add(listener, ctx.model.listeners);
}

/** After every entity exists: listeners join their load balancers, forwards fill TargetGroup.loadBalancers. */
export function linkListeners(ctx: BuildContext): void {
  for (const listener of ctx.model.listeners) {
    if (listener.type !== 'AWS::ElasticLoadBalancingV2::Listener') continue;
    const lbIds = joinLoadBalancers(ctx.model, listener);
    const res = ctx.byLogicalId.get(listener.id);
    linkForwards(ctx.model, lbIds, forwardTargets(ctx, getPair(res?.props, 'DefaultActions')?.value));
  }
}

/** ListenerRule is not an entity, but its forwards also put a target group behind the load balancer. */
export function linkListenerRule(ctx: BuildContext, res: Resource): void {
  const listenerProp = ctx.reader.prop(res.props, 'ListenerArn', asRef);
  linkForwards(ctx.model, listenerLoadBalancerIds(ctx.model, listenerProp), forwardTargets(ctx, getPair(res.props, 'Actions')?.value));
}
