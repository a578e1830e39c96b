// CDK's EKS cluster custom resource, Lambda function URLs, MSK clusters, Redshift Serverless workgroups, SageMaker notebooks.
import { addEksVpcConfig, newEksCluster } from '../shared/endpoints';
import { newDatabase } from '../shared/databases';
import { CDK_EKS_ACCESS_KEYS, newServiceEndpoint } from '../shared/services';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString } from './props';
import { under } from './workloads';

/** Custom::AWSCDK-EKS-Cluster (CDK's eks.Cluster): the same cluster as AWS::EKS::Cluster, in the API's camelCase. */
export function buildCdkEksCluster(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const cluster = newEksCluster(res.base);
  cluster.accessKeys = CDK_EKS_ACCESS_KEYS;
  for (const config of under(ctx, res.props, ['Config'])) {
    for (const cfg of r.objects(config.map, 'resourcesVpcConfig', config.when)) {
      if (!cluster.vpcConfigLoc) cluster.vpcConfigLoc = ctx.loc(cfg.pair);
      addEksVpcConfig(cluster, {
        publicAccess: r.prop(cfg.map, 'endpointPublicAccess', asBool, cfg.when),
        privateAccess: r.prop(cfg.map, 'endpointPrivateAccess', asBool, cfg.when),
        publicAccessCidrs: r.list(cfg.map, 'publicAccessCidrs', asString, cfg.when),
        subnets: r.list(cfg.map, 'subnetIds', asRef, cfg.when),
        securityGroups: r.list(cfg.map, 'securityGroupIds', asRef, cfg.when),
      });
    }
  }
  ctx.add(cluster, ctx.model.eksClusters);
}

export function buildLambdaUrl(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const endpoint = newServiceEndpoint(res.base, 'lambda-url', { setting: r.prop(res.props, 'AuthType', asString), target: r.prop(res.props, 'TargetFunctionArn', asRef) });
  ctx.add(endpoint, (ctx.model.serviceEndpoints ??= []));
}

export function buildNotebookInstance(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const endpoint = newServiceEndpoint(res.base, 'sagemaker-notebook', {
    setting: r.prop(res.props, 'DirectInternetAccess', asString),
    subnet: r.prop(res.props, 'SubnetId', asRef),
    securityGroups: r.list(res.props, 'SecurityGroupIds', asRef),
  });
  ctx.add(endpoint, (ctx.model.serviceEndpoints ??= []));
}

/** AWS::MSK::Cluster: a data store whose brokers sit in ClientSubnets; PublicAccess gives them public addresses. */
export function buildMskCluster(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const db = newDatabase(res.base, 'msk');
  for (const info of under(ctx, res.props, ['BrokerNodeGroupInfo'])) {
    db.subnets.push(...r.list(info.map, 'ClientSubnets', asRef, info.when));
    db.securityGroups.push(...r.list(info.map, 'SecurityGroups', asRef, info.when));
    for (const access of under(ctx, info.map, ['ConnectivityInfo', 'PublicAccess'], info.when)) {
      const type = r.prop(access.map, 'Type', asString, access.when);
      if (type && !db.publicAccessType) db.publicAccessType = type;
    }
  }
  ctx.add(db, ctx.model.databases);
}

/** AWS::RedshiftServerless::Workgroup: a data store with PubliclyAccessible (default false), its own subnets and groups. */
export function buildRedshiftWorkgroup(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const db = newDatabase(res.base, 'redshift-serverless');
  const pub = r.prop(res.props, 'PubliclyAccessible', asBool);
  if (pub) db.publiclyAccessible = pub;
  db.subnets.push(...r.list(res.props, 'SubnetIds', asRef));
  db.securityGroups.push(...r.list(res.props, 'SecurityGroupIds', asRef));
  const port = r.prop(res.props, 'Port', asNumber);
  if (port) db.port = port;
  ctx.add(db, ctx.model.databases);
}
