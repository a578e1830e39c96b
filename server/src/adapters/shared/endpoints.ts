// EKS clusters, EC2 Instance Connect Endpoints and WAF associations, built alike by both adapters.
import { EksCluster, EntityBase, InstanceConnectEndpoint, Prop, WafAssociation } from '../../model/types';
import { unknownAt } from './props';

export function newEksCluster(base: EntityBase): EksCluster {
  return { ...base, kind: 'eks-cluster', publicAccessCidrs: [], subnets: [], securityGroups: [] };
}

/** What one VPC configuration block of a cluster says. */
export interface EksVpcConfig {
  publicAccess?: Prop<boolean>;
  privateAccess?: Prop<boolean>;
  publicAccessCidrs: Prop<string>[];
  subnets: Prop<string>[];
  securityGroups: Prop<string>[];
}

/** Adds a VPC configuration to the cluster: the first access settings found win, lists add up. */
export function addEksVpcConfig(cluster: EksCluster, cfg: EksVpcConfig): void {
  if (cfg.publicAccess && !cluster.endpointPublicAccess) cluster.endpointPublicAccess = cfg.publicAccess;
  if (cfg.privateAccess && !cluster.endpointPrivateAccess) cluster.endpointPrivateAccess = cfg.privateAccess;
  cluster.publicAccessCidrs.push(...cfg.publicAccessCidrs);
  cluster.subnets.push(...cfg.subnets);
  cluster.securityGroups.push(...cfg.securityGroups);
}

export function newInstanceConnectEndpoint(base: EntityBase, subnet: Prop<string> | undefined, securityGroups: Prop<string>[]): InstanceConnectEndpoint {
  const endpoint: InstanceConnectEndpoint = { ...base, kind: 'instance-connect-endpoint', securityGroups: [] };
  if (subnet) endpoint.subnet = subnet;
  endpoint.securityGroups.push(...securityGroups);
  return endpoint;
}

/** A web ACL association; a side that cannot be read is unknown, at the resource's name. */
export function newWafAssociation(base: EntityBase, resource: Prop<string> | undefined, webAcl: Prop<string> | undefined): WafAssociation {
  const unknown = unknownAt(base.loc);
  return { ...base, kind: 'waf-association', resource: resource ?? unknown, webAcl: webAcl ?? unknown };
}
