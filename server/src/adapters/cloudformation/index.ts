// CloudFormation adapter: template tree -> network model (intrinsics resolved once, here).
import { Node, PairNode, SourceFile, getPair, getValue, scalarString } from '../../source/tree';
import { Model, emptyModel } from '../../model/types';
import { BuildContext, Resource, entityBase } from './context';
import { Resolver, TemplateContext } from './resolve';
import { buildAutoScalingGroup, buildEcsService, buildInstance, buildLambdaFunction, buildLaunchConfiguration, buildLaunchTemplate, buildNetworkInterface, buildNodegroup, linkInstanceInterfaces, linkInterfaceAttachment } from './workloads';
import { buildEip, buildInternetGateway, buildNatGateway, buildRouteTable, buildSubnet, buildVpc, linkEipAssociation, linkGatewayAttachment, linkRoute, linkRouteTableAssociation } from './network';
import { buildSecurityGroup, finishSecurityGroups, linkStandaloneRule } from './security-groups';
import { DATABASE_SPECS, buildDatabase, buildSearchDomain, inheritFromClusters } from './databases';
import { buildClassicLoadBalancer, buildListener, buildLoadBalancerV2, buildTargetGroup, linkListenerRule, linkListeners, linkSubnetMappingEips } from './load-balancers';
import { buildEksCluster, buildInstanceConnectEndpoint, buildWafAssociation } from './endpoints';
import { CloudFormationWriter } from './writer';
import { buildCdkEksCluster, buildLambdaUrl, buildMskCluster, buildNotebookInstance, buildRedshiftWorkgroup } from './services';

/** A template: a `Resources` map with at least one `AWS::` type. */
export function isCloudFormationTemplate(root: Node): boolean {
  const resources = getValue(root, 'Resources');
  if (!resources || resources.kind !== 'map') return false;
  return resources.pairs.some((pair) => {
    const type = getValue(pair.value, 'Type');
    return type?.kind === 'scalar' && typeof type.value === 'string' && /^(AWS|Custom)::/.test(type.value);
  });
}

type Handler = (ctx: BuildContext, res: Resource) => void;

/** First pass: resources that become entities. */
const BUILDERS: Record<string, Handler> = {
  'AWS::EC2::VPC': buildVpc,
  'AWS::EC2::InternetGateway': buildInternetGateway,
  'AWS::EC2::Subnet': buildSubnet,
  'AWS::EC2::RouteTable': buildRouteTable,
  'AWS::EC2::NatGateway': buildNatGateway,
  'AWS::EC2::EIP': buildEip,
  'AWS::EC2::SecurityGroup': buildSecurityGroup,
  'AWS::EC2::NetworkInterface': buildNetworkInterface,
  'AWS::EC2::Instance': buildInstance,
  'AWS::EC2::LaunchTemplate': buildLaunchTemplate,
  'AWS::AutoScaling::LaunchConfiguration': buildLaunchConfiguration,
  'AWS::AutoScaling::AutoScalingGroup': buildAutoScalingGroup,
  'AWS::ECS::Service': buildEcsService,
  'AWS::Lambda::Function': buildLambdaFunction,
  'AWS::EKS::Nodegroup': buildNodegroup,
  'AWS::EKS::Cluster': buildEksCluster,
  'AWS::EC2::InstanceConnectEndpoint': buildInstanceConnectEndpoint,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': buildLoadBalancerV2,
  'AWS::ElasticLoadBalancingV2::Listener': buildListener,
  'AWS::ElasticLoadBalancingV2::TargetGroup': buildTargetGroup,
  'AWS::ElasticLoadBalancing::LoadBalancer': buildClassicLoadBalancer,
  'AWS::OpenSearchService::Domain': buildSearchDomain,
  'AWS::Elasticsearch::Domain': buildSearchDomain,
  'AWS::WAFv2::WebACLAssociation': buildWafAssociation,
  // WAF Classic (regional) associations protect an ALB too; their web ACL is a WebACLId, left unknown.
  'AWS::WAFRegional::WebACLAssociation': buildWafAssociation,
  'Custom::AWSCDK-EKS-Cluster': buildCdkEksCluster,
  'AWS::Lambda::Url': buildLambdaUrl,
  'AWS::SageMaker::NotebookInstance': buildNotebookInstance,
  'AWS::MSK::Cluster': buildMskCluster,
  'AWS::RedshiftServerless::Workgroup': buildRedshiftWorkgroup,
  ...Object.fromEntries(Object.keys(DATABASE_SPECS).map((type) => [type, buildDatabase])),
};

/** Second pass: resources that add to entities built in the first pass. */
const LINKERS: Record<string, Handler> = {
  'AWS::EC2::VPCGatewayAttachment': linkGatewayAttachment,
  'AWS::EC2::SubnetRouteTableAssociation': linkRouteTableAssociation,
  'AWS::EC2::Route': linkRoute,
  'AWS::EC2::EIPAssociation': linkEipAssociation,
  'AWS::EC2::SecurityGroupIngress': (ctx, res) => linkStandaloneRule(ctx, res, 'ingress'),
  'AWS::EC2::SecurityGroupEgress': (ctx, res) => linkStandaloneRule(ctx, res, 'egress'),
  'AWS::ElasticLoadBalancingV2::ListenerRule': linkListenerRule,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': linkSubnetMappingEips,
  'AWS::EC2::Instance': linkInstanceInterfaces,
  'AWS::EC2::NetworkInterfaceAttachment': linkInterfaceAttachment,
};

function namedMap(root: Node | undefined, key: string): Map<string, Node> {
  const out = new Map<string, Node>();
  const map = getValue(root, key);
  if (map?.kind === 'map') for (const pair of map.pairs) out.set(String(pair.key.value), pair.value);
  return out;
}

export function buildCloudFormationModel(file: SourceFile): Model {
  const root = file.root;
  const resourcesNode = getValue(root, 'Resources');
  const template: TemplateContext = {
    resources: namedMap(root, 'Resources'),
    parameters: namedMap(root, 'Parameters'),
    mappings: getValue(root, 'Mappings'),
  };
  const resolver = new Resolver(template);
  const model = emptyModel('cloudformation', [file], new CloudFormationWriter(file, template));
  const ctx = new BuildContext(file, model, resolver);
  try {
    if (resourcesNode && resourcesNode.kind !== 'map') ctx.problem('Resources is not a map of logical IDs to resources', resourcesNode);
    const resources: Resource[] = [];
    for (const pair of resourcesNode?.kind === 'map' ? resourcesNode.pairs : []) {
      const res = readResource(ctx, pair);
      if (res) resources.push(res);
    }
    for (const res of resources) guarded(ctx, res, Object.hasOwn(BUILDERS, res.type) ? BUILDERS[res.type] : undefined);
    for (const res of resources) guarded(ctx, res, Object.hasOwn(LINKERS, res.type) ? LINKERS[res.type] : undefined);
    linkListeners(ctx);
    inheritFromClusters(ctx);
    finishSecurityGroups(ctx);
  } catch (error) {
    // The adapter must never take the linter down; report and keep what was built.
    ctx.problem(`Internal error while reading the template: ${(error as Error)?.message ?? String(error)}`, { span: { start: 0, end: 0 } });
  }
  return model;
}

/** One resource's own failure stays a problem at that resource. */
function guarded(ctx: BuildContext, res: Resource, handler: Handler | undefined): void {
  if (!handler) return;
  try {
    handler(ctx, res);
  } catch (error) {
    ctx.problem(`Could not read ${res.id} (${res.type}): ${(error as Error)?.message ?? String(error)}`, res.pair.key);
  }
}

function readResource(ctx: BuildContext, pair: PairNode): Resource | undefined {
  const id = String(pair.key.value);
  ctx.model.resourceIds.add(id);
  const node = pair.value;
  if (id.startsWith('Fn::ForEach::')) {
    // AWS::LanguageExtensions loops are expanded by CloudFormation at deploy time, not here.
    ctx.problem(`${id} is not expanded: the resources it makes are not checked`, pair.key);
    return undefined;
  }
  if (node.kind !== 'map') {
    ctx.problem(`Resource ${id} is not a map with Type and Properties`, node.span.end > node.span.start ? node : pair.key);
    return undefined;
  }
  const typePair = getPair(node, 'Type');
  const type = scalarString(typePair?.value);
  if (type === undefined) {
    ctx.problem(typePair ? `Resource ${id} has a Type that is not a string` : `Resource ${id} has no Type`, typePair ? typePair.value : pair.key);
    return undefined;
  }
  const propsPair = getPair(node, 'Properties');
  let props: Node | undefined;
  if (propsPair) {
    if (propsPair.value.kind === 'map') props = propsPair.value;
    else if (!(propsPair.value.kind === 'scalar' && propsPair.value.value === null)) {
      ctx.problem(`Properties of ${id} is not a map`, propsPair.value);
      return undefined;
    }
  }
  const res: Resource = { id, type, pair, props, base: entityBase(ctx, id, type, pair) };
  ctx.byLogicalId.set(id, res);
  return res;
}
