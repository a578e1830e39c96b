// EKS clusters, EC2 Instance Connect Endpoints and WAF web ACL associations.
import { EksCluster, InstanceConnectEndpoint, WafAssociation } from '../../model/types';
import { BuildContext, Resource } from './context';
import { asBool, asRef, asString } from './props';
import { under } from './workloads';

export function buildEksCluster(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const cluster: EksCluster = { ...res.base, kind: 'eks-cluster', publicAccessCidrs: [], subnets: [], securityGroups: [] };
  for (const cfg of under(ctx, res.props, ['ResourcesVpcConfig'])) {
    const pair = r.objects(res.props, 'ResourcesVpcConfig')[0]?.pair;
    if (pair && !cluster.vpcConfigLoc) cluster.vpcConfigLoc = ctx.loc(pair);
    const pub = r.prop(cfg.map, 'EndpointPublicAccess', asBool, cfg.when);
    if (pub && !cluster.endpointPublicAccess) cluster.endpointPublicAccess = pub;
    const priv = r.prop(cfg.map, 'EndpointPrivateAccess', asBool, cfg.when);
    if (priv && !cluster.endpointPrivateAccess) cluster.endpointPrivateAccess = priv;
    cluster.publicAccessCidrs.push(...r.list(cfg.map, 'PublicAccessCidrs', asString, cfg.when));
    cluster.subnets.push(...r.list(cfg.map, 'SubnetIds', asRef, cfg.when));
    cluster.securityGroups.push(...r.list(cfg.map, 'SecurityGroupIds', asRef, cfg.when));
  }
  ctx.add(cluster, ctx.model.eksClusters);
}

export function buildInstanceConnectEndpoint(ctx: BuildContext, res: Resource): void {
  const endpoint: InstanceConnectEndpoint = { ...res.base, kind: 'instance-connect-endpoint', securityGroups: [] };
  const subnet = ctx.reader.prop(res.props, 'SubnetId', asRef);
  if (subnet) endpoint.subnet = subnet;
  endpoint.securityGroups.push(...ctx.reader.list(res.props, 'SecurityGroupIds', asRef));
  ctx.add(endpoint, ctx.model.instanceConnectEndpoints);
}

export function buildWafAssociation(ctx: BuildContext, res: Resource): void {
  const unknown = { alts: [{ value: undefined }], loc: res.base.loc, valueLoc: res.base.loc };
  const association: WafAssociation = {
    ...res.base,
    kind: 'waf-association',
    resource: ctx.reader.prop(res.props, 'ResourceArn', asRef) ?? unknown,
    webAcl: ctx.reader.prop(res.props, 'WebACLArn', asRef) ?? unknown,
  };
  ctx.add(association, ctx.model.wafAssociations);
}
