// Lambda function URLs, MSK clusters, Redshift Serverless workgroups, SageMaker notebooks, WAF Classic regional and Classic LB attachments.
import { newDatabase } from '../shared/databases';
import { newWafAssociation } from '../shared/endpoints';
import { linkGuarded } from '../shared/links';
import { newServiceEndpoint } from '../shared/services';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString } from './props';

export function buildLambdaUrl(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const target = r.prop(res.body, 'function_name', asRef);
  if (target) target.alts = target.alts.map((alt) => (alt.value === undefined && alt.literal !== undefined ? { ...alt, value: functionNamed(ctx, alt.literal) } : alt));
  const endpoint = newServiceEndpoint(res.base, 'lambda-url', { setting: r.prop(res.body, 'authorization_type', asString), target });
  ctx.add(endpoint, (ctx.model.serviceEndpoints ??= []));
}

/** `${aws_lambda_function.api.function_name}` resolves to the name itself: the function of the module with that name. */
function functionNamed(ctx: BuildContext, name: string): string | undefined {
  for (const fn of ctx.byAddress.values()) {
    if (fn.type === 'aws_lambda_function' && fn.r.prop(fn.body, 'function_name', asString)?.alts.some((alt) => alt.value === name)) return fn.id;
  }
  return undefined;
}

export function buildNotebookInstance(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const endpoint = newServiceEndpoint(res.base, 'sagemaker-notebook', {
    setting: r.prop(res.body, 'direct_internet_access', asString),
    subnet: r.prop(res.body, 'subnet_id', asRef),
    securityGroups: r.list(res.body, 'security_groups', asRef),
  });
  ctx.add(endpoint, (ctx.model.serviceEndpoints ??= []));
}

/** aws_msk_cluster: brokers in broker_node_group_info.client_subnets; connectivity_info.public_access gives them public addresses. */
export function buildMskCluster(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const db = newDatabase(res.base, 'msk');
  for (const info of r.blocks(res.body, 'broker_node_group_info')) {
    db.subnets.push(...r.list(info.map, 'client_subnets', asRef, info.when));
    db.securityGroups.push(...r.list(info.map, 'security_groups', asRef, info.when));
    for (const access of r.under(info.map, ['connectivity_info', 'public_access'], info.when)) {
      const type = r.prop(access.map, 'type', asString, access.when);
      if (type && !db.publicAccessType) db.publicAccessType = type;
    }
  }
  ctx.add(db, ctx.model.databases);
}

/** aws_redshiftserverless_workgroup: publicly_accessible (default false), its own subnets and groups. */
export function buildRedshiftWorkgroup(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const db = newDatabase(res.base, 'redshift-serverless');
  const pub = r.prop(res.body, 'publicly_accessible', asBool);
  if (pub) db.publiclyAccessible = pub;
  db.subnets.push(...r.list(res.body, 'subnet_ids', asRef));
  db.securityGroups.push(...r.list(res.body, 'security_group_ids', asRef));
  const port = r.prop(res.body, 'port', asNumber);
  if (port) db.port = port;
  ctx.add(db, ctx.model.databases);
}

/** aws_elb_attachment: registers an instance with a Classic Load Balancer, as its `instances` list does. */
export function linkElbAttachment(ctx: BuildContext, res: Resource): void {
  const instance = res.r.prop(res.body, 'instance', asRef);
  if (!instance) return;
  linkGuarded(ctx.model, res.r.prop(res.body, 'elb', asRef), 'load-balancer', instance, (lb, guarded) => lb.instances.push(guarded));
}
