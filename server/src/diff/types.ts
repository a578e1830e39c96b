// The exposure diff's result: findings introduced, resolved and unchanged between two versions, and the changes beside them.
import { Guard } from '../model/types';
import { SourceFile } from '../source/tree';
import { Finding } from '../engine/types';
import { TargetKind } from '../engine/workspace';

export type ExposureState = 'introduced' | 'resolved' | 'unchanged';

/** A change to the templates that relates to an exposure, already worded ("new ingress on AppSg: tcp 8080 from 0.0.0.0/0"). */
export interface ChangeCause {
  /** The resource the change is on (new-version id); empty for a parameter or condition. */
  resource: string;
  /** The change alone: "new ingress on AppSg: tcp 8080 from 0.0.0.0/0". */
  change: string;
  /** The change and what it does: "<change> — <the exposure's message>". */
  text: string;
}

export interface ExposureChange {
  state: ExposureState;
  /** The new version's finding (introduced, unchanged) or the old version's (resolved). */
  finding: Finding;
  /** The file `finding.loc` points into, in its own version (for offset -> line). */
  file?: SourceFile;
  /** Unchanged: the old version's finding. */
  before?: Finding;
  /** Unchanged: the resource's old id when it was renamed. */
  renamedFrom?: string;
  /** Unchanged, but the conditions under which it holds changed (a condition flip). */
  conditionChanged?: { before?: Guard[]; after?: Guard[] };
  /** Changed resources on the finding's path, worded with the exposure they cause or remove. */
  causes: ChangeCause[];
  /** What was compared: the template file, Terraform module folder or cloud assembly folder... */
  unit: string;
  /** ...and, in a cloud assembly, the stack. */
  stack?: string;
}

export type ResourceChangeKind = 'added' | 'removed' | 'modified' | 'renamed';

export interface ResourceChange {
  change: ResourceChangeKind;
  /** New id (old id for removed resources). */
  id: string;
  type: string;
  /** Renamed: the old id. */
  previousId?: string;
  /** Modified: the properties (CFN) or arguments (Terraform) that changed. */
  properties?: string[];
  /** Modified: changed values, worded ("NetworkInterfaces[0].AssociatePublicIpAddress false -> true"). */
  details?: string[];
  /** "replace" when CloudFormation replaces the resource, as cdk diff says. */
  impact?: string;
}

export interface SecurityGroupRuleChange {
  change: 'added' | 'removed';
  direction: 'ingress' | 'egress';
  /** The group's (new) logical ID, or the group expression as written when it is not a resource. */
  group: string;
  protocol: string;
  /** "8080", "8000-8080", "all ports" */
  ports: string;
  peer: string;
  /** "new ingress on AppSg: tcp 8080 from 0.0.0.0/0" */
  text: string;
}

/** The change tables of one compared unit (template, Terraform module or CDK stack). */
export interface UnitChanges {
  /** The template file, Terraform module folder or cloud assembly folder (the new version's path when it has one). */
  unit: string;
  stack?: string;
  kind: TargetKind;
  /** Present on one side only: the whole unit was added or removed. */
  presence?: 'added' | 'removed';
  resources: ResourceChange[];
  securityGroups: SecurityGroupRuleChange[];
  /** Parameters, conditions, outputs and other template sections that changed, worded. */
  other: string[];
}

export interface ExposureDiff {
  introduced: ExposureChange[];
  resolved: ExposureChange[];
  unchanged: ExposureChange[];
  changes: UnitChanges[];
  /** What could not be compared (an unreadable old version, an internal error); the CLI exits 2. */
  errors: { file: string; message: string }[];
}
