// The network as a graph, derived once per model: subnet classes, edges vs backends, who reaches whom.
// INTERFACE ONLY for now: implemented by buildTopology() in build.ts.
import { Config, PathStep } from '../engine/types';
import {
  Database,
  EksCluster,
  Entity,
  Guard,
  InternetGateway,
  LoadBalancer,
  Model,
  NatGateway,
  Prop,
  Route,
  RouteTable,
  SecurityGroup,
  SgRule,
  Subnet,
  Workload,
} from '../model/types';

/** public: 0.0.0.0/0 or ::/0 to an attached IGW; private: default route to a NAT; isolated: neither. */
export type SubnetClass = 'public' | 'private' | 'isolated' | 'unknown';

export interface SubnetView {
  subnet: Subnet;
  cls: SubnetClass;
  routeTable?: RouteTable;
  /** The default route that decides the class. */
  defaultRoute?: Route;
  gateway?: InternetGateway | NatGateway;
  /** Conditions under which this class holds. */
  when?: Guard[];
  /** Steps for messages and related information: subnet -> route -> gateway. */
  path: PathStep[];
  /** Short text for messages: "PublicA (0.0.0.0/0 -> Igw)". */
  label: string;
}

export type Role = 'edge' | 'backend' | 'infra';

/** A backend with everything the rules ask about it resolved. */
export interface BackendView {
  entity: Workload | Database | EksCluster;
  subnets: SubnetView[];
  groups: SecurityGroup[];
  /** Effective public-IP setting (own, or from its launch template / configuration). */
  publicIp?: Prop<boolean>;
  /** Load balancers that forward to it. */
  behind: LoadBalancer[];
  /** Placed in the default VPC (no subnet / no VPC given). */
  inDefaultVpc: boolean;
}

export interface Topology {
  model: Model;
  config: Config;
  entity(id: string | undefined): Entity | undefined;
  subnetView(id: string | undefined): SubnetView | undefined;
  role(entity: Entity): Role;
  edges: Entity[];
  backends: BackendView[];
  /** Entities (workloads, databases, load balancers, endpoints) that use a security group. */
  groupMembers(groupId: string): Entity[];
  /** Ingress rules of a group open to 0.0.0.0/0 or ::/0. */
  worldIngress(group: SecurityGroup): SgRule[];
  /** Egress rules (explicit, or AWS's default) open to the world on all ports/protocols. */
  unrestrictedEgress(group: SecurityGroup): SgRule[] | 'default';
  vpcOf(entity: Entity): string | undefined;
}

export type { Database, EksCluster, LoadBalancer, SecurityGroup, SgRule, Workload };
