// Load balancers in Terraform: aws_lb/aws_alb, aws_elb (inline listeners), listeners, listener rules,
// target groups and their attachments, and which load balancer forwards where.
import { Alt, Listener, Prop, TargetGroup } from '../../model/types';
import { BuildContext, Resource } from './context';
import { Block, TfReader, asBool, asNumber, asRef, asString, firstValue } from './props';
import { eachTarget } from '../shared/links';
import { inlineListener, isHttps, joinLoadBalancers, lbKindOf, linkForwards, listenerLoadBalancerIds, newLoadBalancer } from '../shared/load-balancers';
import { selfRef } from '../shared/props';

/** `internal = true|false` as the model's scheme (internal / internet-facing); absent = internet-facing. */
function schemeOf(r: TfReader, res: Resource): Prop<string> | undefined {
  const internal = r.prop(res.body, 'internal', asBool);
  if (!internal) return undefined;
  const alts: Alt<string>[] = internal.alts.map((a) => ({
    value: a.value === undefined ? undefined : a.value ? 'internal' : 'internet-facing',
    ...(a.when ? { when: a.when } : {}),
  }));
  return { ...internal, alts };
}

export function buildLoadBalancerV2(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const lb = newLoadBalancer(res.base, lbKindOf(firstValue(r.prop(res.body, 'load_balancer_type', asString))));
  const scheme = schemeOf(r, res);
  if (scheme) lb.scheme = scheme;
  lb.subnets.push(...r.list(res.body, 'subnets', asRef));
  for (const mapping of r.blocks(res.body, 'subnet_mapping')) {
    const subnet = r.prop(mapping.map, 'subnet_id', asRef, mapping.when);
    if (subnet) lb.subnets.push(subnet);
  }
  lb.securityGroups.push(...r.list(res.body, 'security_groups', asRef));
  ctx.add(lb, ctx.model.loadBalancers);
}

export function buildClassicLoadBalancer(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const lb = newLoadBalancer(res.base, 'classic');
  const scheme = schemeOf(r, res);
  if (scheme) lb.scheme = scheme;
  lb.subnets.push(...r.list(res.body, 'subnets', asRef));
  lb.securityGroups.push(...r.list(res.body, 'security_groups', asRef));
  lb.instances.push(...r.list(res.body, 'instances', asRef));
  for (const block of r.blocks(res.body, 'listener')) {
    const loc = r.loc(block.item);
    const listener = inlineListener(res.base, `${res.id}.listener[${block.index}]`, selfRef(res.id, loc, block.when), loc);
    if (res.base.constructPath) listener.constructPath = res.base.constructPath;
    const protocol = r.prop(block.map, 'lb_protocol', asString, block.when);
    if (protocol) listener.protocol = protocol;
    const port = r.prop(block.map, 'lb_port', asNumber, block.when);
    if (port) listener.port = port;
    lb.listeners.push(listener);
    ctx.add(listener, ctx.model.listeners);
  }
  ctx.add(lb, ctx.model.loadBalancers);
}

export function buildTargetGroup(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const tg: TargetGroup = { ...res.base, kind: 'target-group', targets: [], loadBalancers: [] };
  const targetType = r.prop(res.body, 'target_type', asString);
  if (targetType) tg.targetType = targetType;
  const port = r.prop(res.body, 'port', asNumber);
  if (port) tg.port = port;
  const protocol = r.prop(res.body, 'protocol', asString);
  if (protocol) tg.protocol = protocol;
  ctx.add(tg, ctx.model.targetGroups);
}

/** aws_lb_target_group_attachment: registers a target (instance, IP, Lambda) with a target group. */
export function linkTargetGroupAttachment(ctx: BuildContext, res: Resource): void {
  const tgProp = res.r.prop(res.body, 'target_group_arn', asRef);
  const target = res.r.prop(res.body, 'target_id', asRef);
  if (!target) return;
  eachTarget(ctx.model, tgProp, 'target-group', (tg) => tg.targets.push(target));
}

/** Target groups an action list forwards to (target_group_arn and forward { target_group { arn } }). */
function forwardTargets(r: TfReader, actions: Block[]): Prop<string>[] {
  const out: Prop<string>[] = [];
  for (const action of actions) {
    const direct = r.prop(action.map, 'target_group_arn', asRef, action.when);
    if (direct) out.push(direct);
    for (const tg of r.under(action.map, ['forward', 'target_group'], action.when)) {
      const ref = r.prop(tg.map, 'arn', asRef, tg.when);
      if (ref) out.push(ref);
    }
  }
  return out;
}

/** aws_lb_listener / aws_alb_listener: an entity attached to its load balancer. */
export function buildListener(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const loadBalancer = r.prop(res.body, 'load_balancer_arn', asRef) ?? { alts: [{ value: undefined }], loc: res.base.loc, valueLoc: res.base.loc };
  const listener: Listener = { ...res.base, kind: 'listener', loadBalancer, redirectsToHttps: false };
  const protocol = r.prop(res.body, 'protocol', asString);
  if (protocol) listener.protocol = protocol;
  const port = r.prop(res.body, 'port', asNumber);
  if (port) listener.port = port;
  const actions = r.blocks(res.body, 'default_action');
  if (actions.length) listener.defaultActionsLoc = r.loc(actions[0].pair);
  for (const action of actions) {
    if (firstValue(r.prop(action.map, 'type', asString, action.when)) !== 'redirect') continue;
    for (const redirect of r.blocks(action.map, 'redirect', action.when)) {
      if (isHttps(firstValue(r.prop(redirect.map, 'protocol', asString, redirect.when)))) listener.redirectsToHttps = true;
    }
  }
  ctx.add(listener, ctx.model.listeners);
}

/** After every entity exists: listeners join their load balancers, forwards fill TargetGroup.loadBalancers. */
export function linkListeners(ctx: BuildContext): void {
  for (const listener of ctx.model.listeners) {
    const res = ctx.byAddress.get(listener.id);
    if (!res || res.type === 'aws_elb') continue;
    const lbIds = joinLoadBalancers(ctx.model, listener);
    linkForwards(ctx.model, lbIds, forwardTargets(res.r, res.r.blocks(res.body, 'default_action')));
  }
}

/** aws_lb_listener_rule: not an entity, but its forwards put a target group behind the load balancer. */
export function linkListenerRule(ctx: BuildContext, res: Resource): void {
  const listenerProp = res.r.prop(res.body, 'listener_arn', asRef);
  linkForwards(ctx.model, listenerLoadBalancerIds(ctx.model, listenerProp), forwardTargets(res.r, res.r.blocks(res.body, 'action')));
}
