// Things that run code: instances, ENIs, launch templates/configurations, ASGs, ECS services, Lambda, node groups.
import { Node } from '../../source/tree';
import { Guard, Prop, Workload } from '../../model/types';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString, guardProp, refTargets } from './props';
import { guardAll, unknownValues } from '../shared/props';
import { addPort, newWorkload, pushProp, setPublicIp } from '../shared/workloads';

/** Maps reached by descending a path of object keys (each Fn::If branch is one alternative). */
export function under(ctx: BuildContext, map: Node | undefined, path: string[], when?: Guard[]): { map: Node; when?: Guard[] }[] {
  let current: { map: Node; when?: Guard[] }[] = map ? [{ map, when }] : [];
  for (const key of path) current = current.flatMap((c) => ctx.reader.objects(c.map, key, c.when));
  return current;
}

/** NetworkInterfaces[] of an instance or launch template. */
function readInterfaces(ctx: BuildContext, w: Workload, map: Node | undefined, groupsKey: string): void {
  const r = ctx.reader;
  for (const entry of r.objectItems(map, 'NetworkInterfaces')) {
    pushProp(w.subnets, r.prop(entry.map, 'SubnetId', asRef, entry.when));
    w.securityGroups.push(...r.list(entry.map, groupsKey, asRef, entry.when));
    setPublicIp(w, r.prop(entry.map, 'AssociatePublicIpAddress', asBool, entry.when));
  }
}

function readLaunchTemplateRef(ctx: BuildContext, w: Workload, map: Node | undefined, key: string): void {
  for (const spec of ctx.reader.objects(map, key)) {
    const ref =
      ctx.reader.prop(spec.map, 'LaunchTemplateId', asRef, spec.when) ??
      ctx.reader.prop(spec.map, 'LaunchTemplateName', asRef, spec.when) ??
      ctx.reader.prop(spec.map, 'Id', asRef, spec.when) ??
      ctx.reader.prop(spec.map, 'Name', asRef, spec.when);
    if (ref && !w.launchTemplate) w.launchTemplate = ref;
  }
}

export function buildInstance(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'instance');
  pushProp(w.subnets, r.prop(res.props, 'SubnetId', asRef));
  w.securityGroups.push(...r.list(res.props, 'SecurityGroupIds', asRef), ...r.list(res.props, 'SecurityGroups', asRef));
  readInterfaces(ctx, w, res.props, 'GroupSet');
  readLaunchTemplateRef(ctx, w, res.props, 'LaunchTemplate');
  ctx.add(w, ctx.model.workloads);
}

export function buildNetworkInterface(ctx: BuildContext, res: Resource): void {
  const w = newWorkload(res.base, 'network-interface');
  pushProp(w.subnets, ctx.reader.prop(res.props, 'SubnetId', asRef));
  w.securityGroups.push(...ctx.reader.list(res.props, 'GroupSet', asRef));
  ctx.add(w, ctx.model.workloads);
}

export function buildLaunchTemplate(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'launch-template');
  for (const data of under(ctx, res.props, ['LaunchTemplateData'])) {
    w.securityGroups.push(...r.list(data.map, 'SecurityGroupIds', asRef, data.when), ...r.list(data.map, 'SecurityGroups', asRef, data.when));
    readInterfaces(ctx, w, data.map, 'Groups');
  }
  ctx.add(w, ctx.model.workloads);
}

export function buildLaunchConfiguration(ctx: BuildContext, res: Resource): void {
  const w = newWorkload(res.base, 'launch-configuration');
  setPublicIp(w, ctx.reader.prop(res.props, 'AssociatePublicIpAddress', asBool));
  w.securityGroups.push(...ctx.reader.list(res.props, 'SecurityGroups', asRef));
  ctx.add(w, ctx.model.workloads);
}

export function buildAutoScalingGroup(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'auto-scaling-group');
  w.subnets.push(...r.list(res.props, 'VPCZoneIdentifier', asRef));
  readLaunchTemplateRef(ctx, w, res.props, 'LaunchTemplate');
  for (const policy of under(ctx, res.props, ['MixedInstancesPolicy', 'LaunchTemplate'])) readLaunchTemplateRef(ctx, w, policy.map, 'LaunchTemplateSpecification');
  if (!w.launchTemplate) {
    const config = r.prop(res.props, 'LaunchConfigurationName', asRef);
    if (config) w.launchTemplate = config;
  }
  w.targetGroups.push(...r.list(res.props, 'TargetGroupARNs', asRef));
  w.loadBalancers.push(...r.list(res.props, 'LoadBalancerNames', asRef));
  ctx.add(w, ctx.model.workloads);
}

export function buildEcsService(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'ecs-service');
  const vpcConfigs = under(ctx, res.props, ['NetworkConfiguration', 'AwsvpcConfiguration']);
  for (const cfg of vpcConfigs) {
    w.subnets.push(...r.list(cfg.map, 'Subnets', asRef, cfg.when));
    w.securityGroups.push(...r.list(cfg.map, 'SecurityGroups', asRef, cfg.when));
    setPublicIp(w, r.prop(cfg.map, 'AssignPublicIp', asBool, cfg.when));
  }
  if (!vpcConfigs.length) w.outsideVpc = true;
  for (const lb of r.objectItems(res.props, 'LoadBalancers')) {
    w.targetGroups.push(...listOrOne(ctx, lb.map, 'TargetGroupArn', lb.when));
    w.loadBalancers.push(...listOrOne(ctx, lb.map, 'LoadBalancerName', lb.when));
    addPort(w, r.prop(lb.map, 'ContainerPort', asNumber, lb.when));
  }
  ctx.add(w, ctx.model.workloads);
}

function listOrOne(ctx: BuildContext, map: Node, key: string, when?: Guard[]): Prop<string>[] {
  const prop = ctx.reader.prop(map, key, asRef, when);
  return prop ? [prop] : [];
}

export function buildLambdaFunction(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'lambda-function');
  const configs = under(ctx, res.props, ['VpcConfig']);
  for (const cfg of configs) {
    w.subnets.push(...r.list(cfg.map, 'SubnetIds', asRef, cfg.when));
    w.securityGroups.push(...r.list(cfg.map, 'SecurityGroupIds', asRef, cfg.when));
  }
  if (!configs.length) w.outsideVpc = true;
  ctx.add(w, ctx.model.workloads);
}

export function buildNodegroup(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const w = newWorkload(res.base, 'eks-nodegroup');
  w.subnets.push(...r.list(res.props, 'Subnets', asRef));
  readLaunchTemplateRef(ctx, w, res.props, 'LaunchTemplate');
  const access = r.objects(res.props, 'RemoteAccess')[0];
  if (access) {
    w.remoteAccess = { loc: r.loc(access.pair), sshKey: r.prop(access.map, 'Ec2SshKey', asString, access.when), sourceGroups: r.list(access.map, 'SourceSecurityGroups', asRef, access.when), ...(access.when?.length ? { when: access.when } : {}) };
  }
  ctx.add(w, ctx.model.workloads);
}

/** The instance's placement includes an ENI it attaches: the ENI's subnet and groups, under the attachment's guards. */
function inheritInterface(ctx: BuildContext, instanceId: string, eni: Prop<string>): void {
  const instance = ctx.model.byId.get(instanceId);
  if (instance?.kind !== 'workload') return;
  for (const target of refTargets(eni)) {
    const found = ctx.model.byId.get(target.id);
    if (found?.kind !== 'workload' || found.workloadKind !== 'network-interface') continue;
    instance.subnets.push(...guardAll(found.subnets, target.when));
    instance.securityGroups.push(...guardAll(found.securityGroups, target.when));
  }
  // An ENI from elsewhere (an import, a parameter, a literal eni- id) places the instance in a subnet we cannot see: not the default VPC.
  const isEni = (id: string | undefined) => {
    const found = id !== undefined ? ctx.model.byId.get(id) : undefined;
    return found?.kind === 'workload' && found.workloadKind === 'network-interface';
  };
  const unresolved = eni.alts.filter((a) => !isEni(a.value));
  if (unresolved.length) instance.subnets.push(unknownValues({ ...eni, alts: unresolved }));
}

/** Second pass: NetworkInterfaces[].NetworkInterfaceId of an instance (the ENI is built by then). */
export function linkInstanceInterfaces(ctx: BuildContext, res: Resource): void {
  for (const entry of ctx.reader.objectItems(res.props, 'NetworkInterfaces')) {
    const eni = ctx.reader.prop(entry.map, 'NetworkInterfaceId', asRef, entry.when);
    if (eni) inheritInterface(ctx, res.id, eni);
  }
}

/** AWS::EC2::NetworkInterfaceAttachment: the instance gains the ENI's subnet and groups. */
export function linkInterfaceAttachment(ctx: BuildContext, res: Resource): void {
  const eni = ctx.reader.prop(res.props, 'NetworkInterfaceId', asRef);
  const instance = ctx.reader.prop(res.props, 'InstanceId', asRef);
  if (!eni || !instance) return;
  for (const target of refTargets(instance)) {
    const guarded = guardProp(eni, target.when);
    if (guarded) inheritInterface(ctx, target.id, guarded);
  }
}
