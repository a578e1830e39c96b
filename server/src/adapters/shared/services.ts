// Resources peers check that the network model first had no place for: Lambda function URLs and SageMaker notebooks.
import { EntityBase, EksCluster, Prop, ServiceEndpoint, ServiceEndpointKind } from '../../model/types';

export function newServiceEndpoint(base: EntityBase, endpointKind: ServiceEndpointKind, fields: { setting?: Prop<string>; target?: Prop<string>; subnet?: Prop<string>; securityGroups?: Prop<string>[] }): ServiceEndpoint {
  const endpoint: ServiceEndpoint = { ...base, kind: 'service-endpoint', endpointKind, securityGroups: fields.securityGroups ?? [] };
  if (fields.setting) endpoint.setting = fields.setting;
  if (fields.target) endpoint.target = fields.target;
  if (fields.subnet) endpoint.subnet = fields.subnet;
  return endpoint;
}

/** CDK's Custom::AWSCDK-EKS-Cluster passes the EKS API's own shape: camelCase keys under Config.resourcesVpcConfig. */
export const CDK_EKS_ACCESS_KEYS: NonNullable<EksCluster['accessKeys']> = {
  configPath: ['Config', 'resourcesVpcConfig'],
  publicAccess: 'endpointPublicAccess',
  privateAccess: 'endpointPrivateAccess',
  publicAccessCidrs: 'publicAccessCidrs',
};
