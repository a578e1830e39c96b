// The network as a graph, derived once per model: subnet classes, edges vs backends, who reaches whom.
// Implemented by buildTopology() in build.ts; guard helpers (describeWhen, ...) live in guards.ts.
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
  /** In BackendView.subnets: the property that places the backend in this subnet (when includes its guard). */
  via?: Prop<string>;
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
  /** The launch template / configuration merged into this view (ASG or instance with a template). */
  launchTemplate?: Workload;
  /** Every entity this view stands for (the workload and its launch template). */
  members: Entity[];
  /** Groups and subnets linked only by a plain string naming them (not a Ref): the link is possible, not certain. */
  plainLinks: Set<string>;
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
  /** All alternative classes of a subnet (Fn::If), most exposed first; subnetView() is the first. */
  subnetViews(id: string | undefined): SubnetView[];
  /** The backend view of a workload, database or cluster (also found by its launch template's id). */
  backendOf(id: string | undefined): BackendView | undefined;
  /** Subnets whose VPC is the given one. */
  subnetsInVpc(vpcId: string): Subnet[];
  /** NAT gateways whose subnet is in the given VPC. */
  natGatewaysInVpc(vpcId: string): NatGateway[];
  /** Route tables that a subnet uses (explicit associations, or the VPC's main table). */
  routeTablesOf(subnetId: string): RouteTable[];
  /** Whether an internet gateway is attached to a VPC: true, false, or undefined when unknown. */
  igwAttachedTo(igw: InternetGateway, vpcId: string | undefined): boolean | undefined;
  /** Subnets used by the entity (workload, database, LB, NAT, endpoint, cluster): known ids only. */
  subnetsOf(entity: Entity): string[];
  /** Entities placed in a subnet (workloads, databases, LBs, NATs, endpoints, clusters). */
  subnetMembers(subnetId: string): Entity[];
}

export type { Database, EksCluster, LoadBalancer, SecurityGroup, SgRule, Workload };
