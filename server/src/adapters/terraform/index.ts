// Terraform JSON adapter: the *.tf.json files of one module folder -> the same network model as CloudFormation.
import { Node, SourceFile, getPair } from '../../source/tree';
import { Model, emptyModel } from '../../model/types';
import { BuildContext, Resource } from './context';
import { TOP_LEVEL_KEYS, TfResource } from './module';
import { ModuleLoader, instantiate } from './children';
export type { ModuleLoader } from './children';
export { VARIABLE_FILE } from './module';
import { Resolver } from './resolve';
import { TerraformWriter } from './writer';
import { buildDefaultSubnet, buildDefaultVpc, finishDefaultVpcs, buildEip, buildInternetGateway, buildNatGateway, buildRouteTable, buildSubnet, buildVpc, linkEipAssociation, linkGatewayAttachment, linkMainRouteTable, linkRoute, linkRouteTableAssociation } from './network';
import { buildSecurityGroup, linkStandaloneRule } from './security-groups';
import { buildAutoScalingGroup, linkAutoscalingAttachment, buildEcsService, buildInstance, buildLambdaFunction, buildLaunchConfiguration, buildLaunchTemplate, buildNetworkInterface, buildNodegroup } from './workloads';
import { buildClassicLoadBalancer, buildListener, buildLoadBalancerV2, buildTargetGroup, linkListenerRule, linkListeners, linkTargetGroupAttachment } from './load-balancers';
import { DATABASE_SPECS, buildDatabase, buildEksCluster, buildInstanceConnectEndpoint, buildSearchDomain, buildWafAssociation, inheritFromClusters } from './databases';
import { buildLambdaUrl, buildMskCluster, buildNotebookInstance, buildRedshiftWorkgroup, linkElbAttachment } from './services';

export { terraformSuppressionEdits, TERRAFORM_SUPPRESS_REASON } from './suppress';

/** A Terraform JSON file: a top-level object with at least one Terraform block key. */
export function isTerraformJson(root: Node | undefined): boolean {
  return root?.kind === 'map' && root.pairs.some((pair) => TOP_LEVEL_KEYS.has(String(pair.key.value)));
}

type Handler = (ctx: BuildContext, res: Resource) => void;

/** First pass: resources that become entities. */
const BUILDERS: Record<string, Handler> = {
  aws_vpc: buildVpc,
  aws_default_vpc: buildDefaultVpc,
  aws_default_subnet: buildDefaultSubnet,
  aws_internet_gateway: buildInternetGateway,
  aws_subnet: buildSubnet,
  aws_route_table: buildRouteTable,
  aws_default_route_table: buildRouteTable,
  aws_nat_gateway: buildNatGateway,
  aws_eip: buildEip,
  aws_security_group: buildSecurityGroup,
  aws_default_security_group: buildSecurityGroup,
  aws_network_interface: buildNetworkInterface,
  aws_instance: buildInstance,
  aws_launch_template: buildLaunchTemplate,
  aws_launch_configuration: buildLaunchConfiguration,
  aws_autoscaling_group: buildAutoScalingGroup,
  aws_ecs_service: buildEcsService,
  aws_lambda_function: buildLambdaFunction,
  aws_eks_node_group: buildNodegroup,
  aws_eks_cluster: buildEksCluster,
  aws_ec2_instance_connect_endpoint: buildInstanceConnectEndpoint,
  aws_lb: buildLoadBalancerV2,
  aws_alb: buildLoadBalancerV2,
  aws_lb_listener: buildListener,
  aws_alb_listener: buildListener,
  aws_lb_target_group: buildTargetGroup,
  aws_alb_target_group: buildTargetGroup,
  aws_elb: buildClassicLoadBalancer,
  aws_opensearch_domain: buildSearchDomain,
  aws_elasticsearch_domain: buildSearchDomain,
  aws_wafv2_web_acl_association: buildWafAssociation,
  // WAF Classic (regional): web_acl_id instead of web_acl_arn.
  aws_wafregional_web_acl_association: buildWafAssociation,
  aws_lambda_function_url: buildLambdaUrl,
  aws_sagemaker_notebook_instance: buildNotebookInstance,
  aws_msk_cluster: buildMskCluster,
  aws_redshiftserverless_workgroup: buildRedshiftWorkgroup,
  ...Object.fromEntries(Object.keys(DATABASE_SPECS).map((type) => [type, buildDatabase])),
};

/** Second pass: resources that add to entities built in the first pass. */
const LINKERS: Record<string, Handler> = {
  aws_internet_gateway_attachment: linkGatewayAttachment,
  aws_route_table_association: linkRouteTableAssociation,
  aws_main_route_table_association: linkMainRouteTable,
  aws_route: linkRoute,
  aws_eip_association: linkEipAssociation,
  aws_security_group_rule: (ctx, res) => linkStandaloneRule(ctx, res),
  aws_vpc_security_group_ingress_rule: (ctx, res) => linkStandaloneRule(ctx, res, 'ingress'),
  aws_vpc_security_group_egress_rule: (ctx, res) => linkStandaloneRule(ctx, res, 'egress'),
  aws_lb_target_group_attachment: linkTargetGroupAttachment,
  aws_alb_target_group_attachment: linkTargetGroupAttachment,
  aws_lb_listener_rule: linkListenerRule,
  aws_autoscaling_attachment: linkAutoscalingAttachment,
  aws_alb_listener_rule: linkListenerRule,
  aws_elb_attachment: linkElbAttachment,
};

/** Build the model of one module: every file given is part of it (Terraform reads a folder as one). */
export function buildTerraformModel(files: SourceFile[], varFiles: { path: string; text: string; root?: Node }[] = [], loader?: ModuleLoader): Model {
  const instances = instantiate(files, varFiles, loader);
  const { module, resolver } = instances[0];
  const shared = new Set<string>();
  const allFiles = [...new Set(instances.flatMap((i) => i.module.files))];
  const model = emptyModel('terraform', allFiles, new TerraformWriter(module, shared));
  const ctx = new BuildContext(module, model, resolver, shared);
  try {
    const resources: Resource[] = [];
    for (const instance of instances) {
      for (const problem of instance.module.problems) ctx.problem(problem.message, problem.file, problem.node);
      for (const local of instance.module.resources.values()) {
        // A child module's resources are addressed by their module path (module.net.aws_subnet.public).
        const tf = instance.module.prefix ? { ...local, id: instance.module.prefix + local.id } : local;
        model.resourceIds.add(tf.id);
        if (!tf.body) {
          ctx.problem(`Resource ${tf.id} is not an object of arguments`, tf.file, tf.pair.key);
          continue;
        }
        if (instance.resolver.isNeverCreated(local.id)) continue;
        const res = ctx.resource(tf, instance.resolver);
        const condition = countCondition(instance.resolver, tf);
        if (condition) res.base.condition = condition;
        resources.push(res);
      }
    }
    for (const res of resources) guarded(ctx, res, Object.hasOwn(BUILDERS, res.type) ? BUILDERS[res.type] : undefined);
    for (const res of resources) guarded(ctx, res, Object.hasOwn(LINKERS, res.type) ? LINKERS[res.type] : undefined);
    linkListeners(ctx);
    inheritFromClusters(ctx);
    finishDefaultVpcs(ctx);
  } catch (error) {
    // The adapter must never take the linter down; report and keep what was built.
    const file = files[0];
    if (file) ctx.problem(`Internal error while reading the module: ${(error as Error)?.message ?? String(error)}`, file, { span: { start: 0, end: 0 } });
  }
  return model;
}

/**
 * `count = cond ? 1 : 0` with a condition we cannot decide: the resource exists when it holds. Kept as
 * the entity's condition, so routes and associations that exist only then are guarded like CFN's.
 */
function countCondition(resolver: Resolver, tf: TfResource): string | undefined {
  const count = getPair(tf.body, 'count');
  if (!count) return undefined;
  const alts = resolver.value(count.value);
  if (alts.length !== 2 || alts.some((a) => a.kind !== 'known' || a.when?.length !== 1)) return undefined;
  const [yes, no] = [alts.find((a) => a.when![0].holds), alts.find((a) => !a.when![0].holds)];
  if (!yes || !no || yes.when![0].condition !== no.when![0].condition) return undefined;
  const created = (a: typeof yes) => a.kind === 'known' && Number(a.v) > 0;
  return created(yes) && !created(no) ? yes.when![0].condition : undefined;
}

function guarded(ctx: BuildContext, res: Resource, handler: Handler | undefined): void {
  if (!handler) return;
  try {
    handler(ctx, res);
  } catch (error) {
    ctx.problem(`Could not read ${res.id}: ${(error as Error)?.message ?? String(error)}`, res.file, res.pair.key);
  }
}
