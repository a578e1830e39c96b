// The exposure map's data: plain, serialisable (it crosses the LSP wire), with no layout and no rendering.

/** Where a node's resource is written: zero-based line and character, like LSP. */
export interface MapSource {
  file: string;
  line: number;
  character: number;
}

export interface MapFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** diff --map: the change introduces this finding. */
  introduced?: boolean;
}

export type NodeKind =
  | 'internet'
  | 'internet-gateway'
  | 'load-balancer'
  | 'nat-gateway'
  | 'endpoint'
  | 'backend'
  | 'data-store';

export type ClusterKind = 'part' | 'vpc' | 'subnet';

export type SubnetClassLabel = 'public' | 'private' | 'isolated' | 'unknown';

/** A box that holds nodes and other boxes: a template (when several), a VPC, a subnet. */
export interface MapCluster {
  id: string;
  kind: ClusterKind;
  label: string;
  /** Subnets: the class the route tables give (the most exposed one when an Fn::If decides). */
  cls?: SubnetClassLabel;
  /** Second line: "public: 0.0.0.0/0 -> Igw", CIDR, ... */
  detail?: string;
  parent?: string;
  /** Exists, or has this class, only under a condition (CFN Condition / Fn::If, Terraform count): drawn dashed. */
  conditional?: string;
  source?: MapSource;
  findings: MapFinding[];
}

export interface MapNode {
  id: string;
  kind: NodeKind;
  /** The resource id (logical ID / Terraform address), or "Internet". */
  label: string;
  /** Second line: the resource type or role ("ALB, internet-facing"). */
  detail?: string;
  parent?: string;
  /** Every subnet the resource is placed in, when more than the one it is drawn in. */
  subnets?: string[];
  conditional?: string;
  source?: MapSource;
  findings: MapFinding[];
  /** An exposure path ends here. */
  exposed: boolean;
}

/** flow: traffic a load balancer, a route or a security group allows; exposure: a path from the internet a rule reports. */
export type EdgeKind = 'flow' | 'egress' | 'exposure';

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Ports ("tcp 443"), and for exposures the rule ids. */
  label: string;
  /** Exposure edges: the rules that report the path. */
  ruleIds: string[];
  conditional?: string;
  /** diff --map: the exposure is introduced by the change (drawn red; older exposures are drawn muted). */
  introduced?: boolean;
}

export interface ExposureMap {
  clusters: MapCluster[];
  nodes: MapNode[];
  edges: MapEdge[];
  /** Findings that belong to no node or cluster (parse errors, rules on resources the map does not draw). */
  otherFindings: (MapFinding & { resource: string })[];
  /** Set by diff --map: which exposures are new. */
  diff?: boolean;
}
