// Things that run code, in Terraform: instances, ENIs, launch templates/configurations, ASGs, ECS services,
// Lambda functions and EKS node groups.
import { Node } from '../../source/tree';
import { Workload } from '../../model/types';
import { BuildContext, Resource } from './context';
import { TfReader, asBool, asNumber, asRef, asString } from './props';
import { unknownAt } from '../shared/props';
import { addPort, newWorkload, pushProp, setPublicIp } from '../shared/workloads';

/** `launch_template { id | name }` blocks (ASG, instance, node group, mixed instances policy). */
function readLaunchTemplateRef(r: TfReader, w: Workload, map: Node | undefined, path: string[], idKeys = ['id', 'name']): void {
  for (const block of r.under(map, path)) {
    const ref = r.first(block.map, idKeys, asRef, block.when);
    if (ref && !w.launchTemplate) w.launchTemplate = ref;
  }
}

export function buildInstance(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'instance');
  pushProp(w.subnets, r.prop(res.body, 'subnet_id', asRef));
  w.securityGroups.push(...r.list(res.body, 'vpc_security_group_ids', asRef), ...r.list(res.body, 'security_groups', asRef));
  setPublicIp(w, r.prop(res.body, 'associate_public_ip_address', asBool));
  readLaunchTemplateRef(r, w, res.body, ['launch_template']);
  // network_interface blocks attach ENIs: the instance sits where its primary ENI does.
  for (const block of r.blocks(res.body, 'network_interface')) {
    const eni = r.prop(block.map, 'network_interface_id', asRef, block.when);
    for (const alt of eni?.alts ?? []) {
      const target = alt.value !== undefined ? ctx.byAddress.get(alt.value) : undefined;
      if (target?.type !== 'aws_network_interface') continue;
      if (!w.subnets.length) pushProp(w.subnets, target.r.prop(target.body, 'subnet_id', asRef, alt.when));
      w.securityGroups.push(...target.r.list(target.body, 'security_groups', asRef, alt.when));
    }
    // An interface we cannot see places the instance somewhere unknown (never "the default VPC").
    if (!w.subnets.length) w.subnets.push(unknownAt(r.loc(block.item)));
  }
  // Likewise a launch template we cannot see: it may name the subnet.
  if (!w.subnets.length && w.launchTemplate && w.launchTemplate.alts.some((a) => a.value === undefined)) w.subnets.push(unknownAt(w.launchTemplate.loc));
  ctx.add(w, ctx.model.workloads);
}

export function buildNetworkInterface(ctx: BuildContext, res: Resource): void {
  const w = newWorkload(res.base, 'network-interface');
  pushProp(w.subnets, res.r.prop(res.body, 'subnet_id', asRef));
  w.securityGroups.push(...res.r.list(res.body, 'security_groups', asRef));
  ctx.add(w, ctx.model.workloads);
}

export function buildLaunchTemplate(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'launch-template');
  w.securityGroups.push(...r.list(res.body, 'vpc_security_group_ids', asRef), ...r.list(res.body, 'security_group_names', asRef));
  for (const ni of r.blocks(res.body, 'network_interfaces')) {
    pushProp(w.subnets, r.prop(ni.map, 'subnet_id', asRef, ni.when));
    w.securityGroups.push(...r.list(ni.map, 'security_groups', asRef, ni.when));
    setPublicIp(w, r.prop(ni.map, 'associate_public_ip_address', asBool, ni.when));
  }
  ctx.add(w, ctx.model.workloads);
}

export function buildLaunchConfiguration(ctx: BuildContext, res: Resource): void {
  const w = newWorkload(res.base, 'launch-configuration');
  setPublicIp(w, res.r.prop(res.body, 'associate_public_ip_address', asBool));
  w.securityGroups.push(...res.r.list(res.body, 'security_groups', asRef));
  ctx.add(w, ctx.model.workloads);
}

export function buildAutoScalingGroup(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'auto-scaling-group');
  w.subnets.push(...r.list(res.body, 'vpc_zone_identifier', asRef));
  readLaunchTemplateRef(r, w, res.body, ['launch_template']);
  readLaunchTemplateRef(r, w, res.body, ['mixed_instances_policy', 'launch_template', 'launch_template_specification'], ['launch_template_id', 'launch_template_name']);
  if (!w.launchTemplate) {
    const config = r.prop(res.body, 'launch_configuration', asRef);
    if (config) w.launchTemplate = config;
  }
  w.targetGroups.push(...r.list(res.body, 'target_group_arns', asRef));
  w.loadBalancers.push(...r.list(res.body, 'load_balancers', asRef));
  ctx.add(w, ctx.model.workloads);
}

/** aws_autoscaling_attachment: an ASG registered with a target group or a classic load balancer. */
export function linkAutoscalingAttachment(ctx: BuildContext, res: Resource): void {
  const asg = res.r.prop(res.body, 'autoscaling_group_name', asRef);
  for (const alt of asg?.alts ?? []) {
    const w = alt.value !== undefined ? ctx.model.byId.get(alt.value) : undefined;
    if (w?.kind !== 'workload') continue;
    pushProp(w.targetGroups, res.r.first(res.body, ['lb_target_group_arn', 'alb_target_group_arn'], asRef, alt.when));
    pushProp(w.loadBalancers, res.r.prop(res.body, 'elb', asRef, alt.when));
  }
}

export function buildEcsService(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'ecs-service');
  const configs = r.blocks(res.body, 'network_configuration');
  for (const cfg of configs) {
    w.subnets.push(...r.list(cfg.map, 'subnets', asRef, cfg.when));
    w.securityGroups.push(...r.list(cfg.map, 'security_groups', asRef, cfg.when));
    setPublicIp(w, r.prop(cfg.map, 'assign_public_ip', asBool, cfg.when));
  }
  if (!configs.length) w.outsideVpc = true;
  for (const lb of r.blocks(res.body, 'load_balancer')) {
    pushProp(w.targetGroups, r.prop(lb.map, 'target_group_arn', asRef, lb.when));
    pushProp(w.loadBalancers, r.prop(lb.map, 'elb_name', asRef, lb.when));
    addPort(w, r.prop(lb.map, 'container_port', asNumber, lb.when));
  }
  ctx.add(w, ctx.model.workloads);
}

export function buildLambdaFunction(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'lambda-function');
  const configs = r.blocks(res.body, 'vpc_config');
  for (const cfg of configs) {
    w.subnets.push(...r.list(cfg.map, 'subnet_ids', asRef, cfg.when));
    w.securityGroups.push(...r.list(cfg.map, 'security_group_ids', asRef, cfg.when));
  }
  if (!configs.length) w.outsideVpc = true;
  ctx.add(w, ctx.model.workloads);
}

export function buildNodegroup(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const w = newWorkload(res.base, 'eks-nodegroup');
  w.subnets.push(...r.list(res.body, 'subnet_ids', asRef));
  readLaunchTemplateRef(r, w, res.body, ['launch_template']);
  const access = r.blocks(res.body, 'remote_access')[0];
  if (access) {
    w.remoteAccess = { loc: r.loc(access.item), sshKey: r.prop(access.map, 'ec2_ssh_key', asString, access.when), sourceGroups: r.list(access.map, 'source_security_group_ids', asRef, access.when), ...(access.when?.length ? { when: access.when } : {}) };
  }
  ctx.add(w, ctx.model.workloads);
}
