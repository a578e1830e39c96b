// The one network model every format adapter produces and the topology reads. Plain data, no I/O.
import { SourceFile, Span } from '../source/tree';

/** A place in a source file. */
export interface Loc {
  file: string;
  span: Span;
}

/** A Fn::If condition (or Terraform conditional) that must hold for a value to apply. */
export interface Guard {
  condition: string;
  /** true: the condition is true; false: it is false. */
  holds: boolean;
}

/** One possible value of a property. `value` undefined means unknown at lint time (never a finding). */
export interface Alt<T> {
  value: T | undefined;
  /** For references that did not resolve to an entity of the model: the literal text (e.g. "sg-0123"). */
  literal?: string;
  /** Conditions under which this alternative applies; absent = always. */
  when?: Guard[];
  /**
   * A plain string (not a Ref) that names a resource of the template by its logical ID: taken as that
   * resource, but only possibly so (CloudFormation reads it as a literal name or ID).
   */
  plainName?: boolean;
}

/**
 * A property as written in the template. Values are resolved by the adapter (Ref, GetAtt, Sub,
 * FindInMap, parameters with defaults, Terraform `${...}`); Fn::If yields one Alt per branch.
 * For references to other resources, `value` is the referenced entity's id.
 */
export interface Prop<T> {
  alts: Alt<T>[];
  /** The property: key and value (or the list item, for items of a list). */
  loc: Loc;
  /** The value alone (what a replace-value fix rewrites). */
  valueLoc: Loc;
}

export type Dialect = 'cloudformation' | 'terraform';

export interface Suppression {
  /** Rule ID, or '*' for all rules. */
  ruleId: string;
  reason?: string;
  loc: Loc;
}

export interface EntityBase {
  /** CloudFormation logical ID or Terraform address (aws_instance.admin). */
  id: string;
  /** Native type: AWS::EC2::Instance or aws_instance. */
  type: string;
  /** The logical ID key (CFN) or the resource name key (Terraform): where "missing property" findings go. */
  loc: Loc;
  /** The whole resource block. */
  blockLoc: Loc;
  /** Where properties are inserted: the Properties map (CFN) or the resource body (Terraform); absent if none. */
  propertiesLoc?: Loc;
  /** CloudFormation resource-level Condition. */
  condition?: string;
  /** Marked by the user (Metadata / config) as an intended internet edge. */
  intendedEdge?: boolean;
  /** Suppressions attached to the resource (CFN Metadata, Terraform "//" key). */
  suppressions: Suppression[];
  /** Construct path (CDK / cdktf), when known. */
  constructPath?: string;
}

export interface Vpc extends EntityBase {
  kind: 'vpc';
  cidr?: Prop<string>;
}

export interface InternetGateway extends EntityBase {
  kind: 'internet-gateway';
  /** Attachments to VPCs (CFN VPCGatewayAttachment, Terraform vpc_id or aws_internet_gateway_attachment). */
  attachments: { id: string; vpc: Prop<string>; loc: Loc }[];
}

export interface Subnet extends EntityBase {
  kind: 'subnet';
  vpc?: Prop<string>;
  mapPublicIpOnLaunch?: Prop<boolean>;
  assignIpv6OnCreation?: Prop<boolean>;
  /**
   * Associations with a route table that is not an entity of the model (a parameter, an import, a literal
   * rtb- id): the subnet's routes are unknown, and it does not use the VPC's main table.
   */
  externalRouteTables?: { id: string; table: Prop<string>; loc: Loc }[];
}

export type RouteTargetKind =
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'instance'
  | 'network-interface'
  | 'transit-gateway'
  | 'vpc-peering'
  | 'vpc-endpoint'
  | 'other';

export interface Route {
  /** Standalone route resource id, or `<table id>.route[<n>]` for inline routes. */
  id: string;
  routeTable: Prop<string>;
  /** 0.0.0.0/0, ::/0 or another CIDR; the property that holds it. */
  destination?: Prop<string>;
  target: { kind: RouteTargetKind; ref: Prop<string> };
  loc: Loc;
  entity?: EntityBase;
}

export interface RouteTable extends EntityBase {
  kind: 'route-table';
  vpc?: Prop<string>;
  /** Routes of this table (inline and standalone) are collected here by the adapter. */
  routes: Route[];
  associations: { id: string; subnet: Prop<string>; loc: Loc }[];
  /** The VPC's main table (Terraform aws_default_route_table). */
  isMain?: boolean;
}

export interface NatGateway extends EntityBase {
  kind: 'nat-gateway';
  subnet?: Prop<string>;
  /** The EIP's id, when the allocation refers to an EIP of the model. */
  allocation?: Prop<string>;
  connectivity?: Prop<string>;
}

export interface Eip extends EntityBase {
  kind: 'eip';
  /** Instances or ENIs the address is attached to (inline, or via association resources), or the NLB whose SubnetMappings allocate it. */
  attachedTo: { id: string; target: Prop<string>; loc: Loc }[];
}

export interface SgRule {
  /** Standalone rule resource id, or `<group id>.ingress[<n>]`. */
  id: string;
  group: Prop<string>;
  direction: 'ingress' | 'egress';
  /** '-1' (all), 'tcp', 'udp', 'icmp', 'icmpv6' or a protocol number, as written. */
  protocol?: Prop<string>;
  fromPort?: Prop<number>;
  toPort?: Prop<number>;
  peer: { kind: 'cidr' | 'cidr6' | 'group' | 'prefix-list'; value: Prop<string> };
  /** The rule: a list item of an inline rule list, or the standalone resource. */
  loc: Loc;
  /** Set for standalone rule resources. */
  entity?: EntityBase;
  description?: Prop<string>;
}

export interface SecurityGroup extends EntityBase {
  kind: 'security-group';
  vpc?: Prop<string>;
  ingress: SgRule[];
  egress: SgRule[];
  /** true when AWS's default allow-all egress applies (CFN: no egress rules written; Terraform: never, the provider drops it). */
  defaultEgressAll: boolean;
  /** Where the inline ingress / egress lists are, for fixes that add rules. */
  ingressListLoc?: Loc;
  egressListLoc?: Loc;
}

export type WorkloadKind =
  | 'instance'
  | 'launch-template'
  | 'launch-configuration'
  | 'auto-scaling-group'
  | 'ecs-service'
  | 'lambda-function'
  | 'network-interface'
  | 'eks-nodegroup';

/** Something that runs code: a backend unless marked an intended edge. */
export interface Workload extends EntityBase {
  kind: 'workload';
  workloadKind: WorkloadKind;
  subnets: Prop<string>[];
  securityGroups: Prop<string>[];
  /** AssociatePublicIpAddress / AssignPublicIp: ENABLED / associate_public_ip_address. */
  publicIp?: Prop<boolean>;
  /** ASG or instance -> launch template / launch configuration id. */
  launchTemplate?: Prop<string>;
  /** Target groups the workload registers with (ASG TargetGroupARNs, ECS LoadBalancers). */
  targetGroups: Prop<string>[];
  /** Classic load balancers it registers with (ASG LoadBalancerNames). */
  loadBalancers: Prop<string>[];
  /** Ports it serves, where known (ECS containerPort, target group port). */
  ports?: number[];
  /** Lambda without VpcConfig, ECS without awsvpc: not in a VPC, no subnet reasoning applies. */
  outsideVpc?: boolean;
  /**
   * EKS managed node group remote access (RemoteAccess / remote_access): with an SSH key and no source
   * security groups, AWS opens port 22 on the nodes to 0.0.0.0/0.
   */
  remoteAccess?: { loc: Loc; sshKey?: Prop<string>; sourceGroups: Prop<string>[]; when?: Guard[] };
}

export type DatabaseKind = 'rds-instance' | 'rds-cluster' | 'redshift' | 'dms' | 'opensearch' | 'elasticache' | 'docdb' | 'neptune';

export interface Database extends EntityBase {
  kind: 'database';
  databaseKind: DatabaseKind;
  publiclyAccessible?: Prop<boolean>;
  subnets: Prop<string>[];
  securityGroups: Prop<string>[];
  /** The subnet group resource, when the subnets came from one. */
  subnetGroup?: Prop<string>;
  port?: Prop<number>;
  engine?: Prop<string>;
  /** OpenSearch/Elasticsearch without VPCOptions: a public endpoint. */
  publicEndpoint?: boolean;
  /** RDS instance: the cluster it belongs to (DBClusterIdentifier), resolved or not; placement and access come from there. */
  cluster?: Prop<string>;
}

export interface Listener extends EntityBase {
  kind: 'listener';
  loadBalancer: Prop<string>;
  protocol?: Prop<string>;
  port?: Prop<number>;
  /** Default action redirects to HTTPS. */
  redirectsToHttps: boolean;
  defaultActionsLoc?: Loc;
}

export type LoadBalancerKind = 'application' | 'network' | 'gateway' | 'classic';

export interface LoadBalancer extends EntityBase {
  kind: 'load-balancer';
  lbKind: LoadBalancerKind;
  /** internet-facing (the default when absent) or internal. */
  scheme?: Prop<string>;
  subnets: Prop<string>[];
  securityGroups: Prop<string>[];
  /** Listeners (standalone ones are attached by the adapter; classic LB listeners are inline). */
  listeners: Listener[];
  /** Instances registered directly (classic LB Instances). */
  instances: Prop<string>[];
}

export interface TargetGroup extends EntityBase {
  kind: 'target-group';
  targetType?: Prop<string>;
  port?: Prop<number>;
  protocol?: Prop<string>;
  /** Registered targets (instance ids) from Targets / aws_lb_target_group_attachment. */
  targets: Prop<string>[];
  /** Load balancers whose listeners forward here (filled by the adapter). */
  loadBalancers: string[];
}

export interface EksCluster extends EntityBase {
  kind: 'eks-cluster';
  /** Absent means AWS's default: public access on. */
  endpointPublicAccess?: Prop<boolean>;
  endpointPrivateAccess?: Prop<boolean>;
  publicAccessCidrs: Prop<string>[];
  subnets: Prop<string>[];
  securityGroups: Prop<string>[];
  /** ResourcesVpcConfig / vpc_config, where access properties are inserted. */
  vpcConfigLoc?: Loc;
}

export interface InstanceConnectEndpoint extends EntityBase {
  kind: 'instance-connect-endpoint';
  subnet?: Prop<string>;
  securityGroups: Prop<string>[];
}

export interface WafAssociation extends EntityBase {
  kind: 'waf-association';
  resource: Prop<string>;
  webAcl: Prop<string>;
}

export type Entity =
  | Vpc
  | InternetGateway
  | Subnet
  | RouteTable
  | NatGateway
  | Eip
  | SecurityGroup
  | Workload
  | Database
  | LoadBalancer
  | Listener
  | TargetGroup
  | EksCluster
  | InstanceConnectEndpoint
  | WafAssociation;

/** A problem the adapter found (not a template, unsupported construct): becomes a finding. */
export interface ModelProblem {
  ruleId: 'parse-error';
  message: string;
  loc: Loc;
  severity: 'error' | 'warning';
}

export interface Model {
  dialect: Dialect;
  files: SourceFile[];
  vpcs: Vpc[];
  internetGateways: InternetGateway[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  natGateways: NatGateway[];
  eips: Eip[];
  securityGroups: SecurityGroup[];
  /** All rules, inline and standalone, also reachable from their group. */
  sgRules: SgRule[];
  workloads: Workload[];
  databases: Database[];
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  targetGroups: TargetGroup[];
  eksClusters: EksCluster[];
  instanceConnectEndpoints: InstanceConnectEndpoint[];
  wafAssociations: WafAssociation[];
  /** Every entity by id (rules and standalone routes included where they are resources). */
  byId: Map<string, Entity>;
  /** Every resource of the template, modelled or not, by id: for "is this a resource" questions. */
  resourceIds: Set<string>;
  problems: ModelProblem[];
  /**
   * Routes into a route table that is not an entity of the model (a custom resource's id, a parameter, an
   * import): one of them may change a VPC's main table, so subnets using a main table we cannot see are unknown.
   */
  externalRoutes?: Route[];
  /** Renders fixes in this model's source format. */
  writer: FixWriter;
}

export function emptyModel(dialect: Dialect, files: SourceFile[], writer: FixWriter): Model {
  return {
    dialect,
    files,
    vpcs: [],
    internetGateways: [],
    subnets: [],
    routeTables: [],
    natGateways: [],
    eips: [],
    securityGroups: [],
    sgRules: [],
    workloads: [],
    databases: [],
    loadBalancers: [],
    listeners: [],
    targetGroups: [],
    eksClusters: [],
    instanceConnectEndpoints: [],
    wafAssociations: [],
    byId: new Map(),
    resourceIds: new Set(),
    problems: [],
    writer,
  };
}

// ---- Fixes ----

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor applies for "fix all" and offers first. */
  preferred?: boolean;
}

/**
 * Renders model-level edits as text edits in the model's format (CFN YAML, CFN JSON, Terraform
 * JSON), keeping comments and formatting elsewhere. Values and resource bodies are given in the
 * dialect's native shape (CFN property names or Terraform argument names).
 */
export interface FixWriter {
  /** Replace the value of a property (or list item) with a literal value. */
  setValue(prop: Prop<unknown>, value: JsonValue): TextEdit[];
  /** Set a property on a resource (native path under Properties / the resource body), inserting it if absent. */
  setProperty(entity: EntityBase, path: string[], value: JsonValue): TextEdit[];
  /** Remove a property (key and value) or a list item, with its line where it stands alone. */
  remove(loc: Loc): TextEdit[];
  /** Append an item to a list property (native path), creating the list if absent. */
  appendToList(entity: EntityBase, path: string[], item: JsonValue): TextEdit[];
  /** Add resources (native shape, keyed by logical ID / "type.name") to the file that holds `near`. */
  addResources(near: EntityBase, resources: Record<string, JsonValue>): TextEdit[];
  /** A reference to an entity in native form: CFN {Ref: id} / {"Fn::GetAtt": [id, attr]}, Terraform "${id.attr}". */
  ref(id: string, attr?: string): JsonValue;
  /** A resource id that is free in the model, derived from `base`. */
  freshId(base: string, type: string): string;
  /**
   * Replace a property (key and value; a map entry, e.g. `CidrIp: 0.0.0.0/0` in a rule) in place with
   * one or more entries (a rename when one). Optional: writers without it offer no such fix.
   */
  replaceProperty?(prop: Prop<unknown>, entries: [string, JsonValue][]): TextEdit[];
}
