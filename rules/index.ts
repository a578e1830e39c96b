// The rule registry: every rule, in the order findings are computed. Add one import and one entry per rule.
import { Rule } from '../server/src/engine/types';
import { rule as publicIpOnBackend } from './public-ip-on-backend/public-ip-on-backend';
import { rule as eipOnBackend } from './eip-on-backend/eip-on-backend';
import { rule as backendInPublicSubnet } from './backend-in-public-subnet/backend-in-public-subnet';
import { rule as publicSubnetAutoIp } from './public-subnet-auto-ip/public-subnet-auto-ip';
import { rule as natGatewayPlacement } from './nat-gateway-placement/nat-gateway-placement';
import { rule as backendWithoutNatEgress } from './backend-without-nat-egress/backend-without-nat-egress';
import { rule as igwNotAttached } from './igw-not-attached/igw-not-attached';
import { rule as internetFacingLbInPrivateSubnet } from './internet-facing-lb-in-private-subnet/internet-facing-lb-in-private-subnet';
import { rule as defaultVpcPlacement } from './default-vpc-placement/default-vpc-placement';
import { rule as worldOpenAdminPort } from './world-open-admin-port/world-open-admin-port';
import { rule as backendOpenToInternet } from './backend-open-to-internet/backend-open-to-internet';
import { rule as publicDatabase } from './public-database/public-database';
import { rule as unrestrictedEgress } from './unrestricted-egress/unrestricted-egress';
import { rule as eksPublicEndpoint } from './eks-public-endpoint/eks-public-endpoint';
import { rule as albHttpListener } from './alb-http-listener/alb-http-listener';
import { rule as albWithoutWaf } from './alb-without-waf/alb-without-waf';
import { rule as instanceConnectEndpointMissingAccess } from './instance-connect-endpoint-missing-access/instance-connect-endpoint-missing-access';

export const RULES: Rule[] = [
  publicIpOnBackend,
  eipOnBackend,
  backendInPublicSubnet,
  publicSubnetAutoIp,
  natGatewayPlacement,
  backendWithoutNatEgress,
  igwNotAttached,
  internetFacingLbInPrivateSubnet,
  defaultVpcPlacement,
  worldOpenAdminPort,
  backendOpenToInternet,
  publicDatabase,
  unrestrictedEgress,
  eksPublicEndpoint,
  albHttpListener,
  albWithoutWaf,
  instanceConnectEndpointMissingAccess,
];
