// EKS clusters, EC2 Instance Connect Endpoints and WAF web ACL associations.
import { addEksVpcConfig, newEksCluster, newInstanceConnectEndpoint, newWafAssociation } from '../shared/endpoints';
import { BuildContext, Resource } from './context';
import { asBool, asRef, asString } from './props';
import { under } from './workloads';

export function buildEksCluster(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const cluster = newEksCluster(res.base);
  for (const cfg of under(ctx, res.props, ['ResourcesVpcConfig'])) {
    const pair = r.objects(res.props, 'ResourcesVpcConfig')[0]?.pair;
    if (pair && !cluster.vpcConfigLoc) cluster.vpcConfigLoc = ctx.loc(pair);
    addEksVpcConfig(cluster, {
      publicAccess: r.prop(cfg.map, 'EndpointPublicAccess', asBool, cfg.when),
      privateAccess: r.prop(cfg.map, 'EndpointPrivateAccess', asBool, cfg.when),
      publicAccessCidrs: r.list(cfg.map, 'PublicAccessCidrs', asString, cfg.when),
      subnets: r.list(cfg.map, 'SubnetIds', asRef, cfg.when),
      securityGroups: r.list(cfg.map, 'SecurityGroupIds', asRef, cfg.when),
    });
  }
  ctx.add(cluster, ctx.model.eksClusters);
}

export function buildInstanceConnectEndpoint(ctx: BuildContext, res: Resource): void {
  const endpoint = newInstanceConnectEndpoint(res.base, ctx.reader.prop(res.props, 'SubnetId', asRef), ctx.reader.list(res.props, 'SecurityGroupIds', asRef));
  ctx.add(endpoint, ctx.model.instanceConnectEndpoints);
}

export function buildWafAssociation(ctx: BuildContext, res: Resource): void {
  const association = newWafAssociation(res.base, ctx.reader.prop(res.props, 'ResourceArn', asRef), ctx.reader.prop(res.props, 'WebACLArn', asRef));
  ctx.add(association, ctx.model.wafAssociations);
}
