// Contracts between the engine, the rules and the surfaces (CLI, language server, tests).
import { Fix, Guard, Loc } from '../model/types';
import type { Topology } from '../topology/topology';

export type Severity = 'error' | 'warning' | 'info';

/** One step of an exposure path, shown as related information ("PublicA routes 0.0.0.0/0 to Igw"). */
export interface PathStep {
  loc: Loc;
  message: string;
}

/** Where a CDK-synthesized resource was created in the app's own source. */
export interface SourceMapping {
  file: string;
  /** Zero-based line and character, like LSP. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * definite: the whole path is in the file. possible: the template asks for the exposure and the rest of the
 * path (a subnet, a group, a user of the group) is outside it; the message names the unknown piece.
 */
export type Certainty = 'definite' | 'possible';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The whole message: the rule's statement, its conditions, and the unknown piece (written by the engine). */
  message: string;
  /** Absent means definite (parse problems, adapter findings). */
  certainty?: Certainty;
  /** For possible findings: what is unknown and what it would mean ("its subnet comes from ..."). */
  unknown?: string;
  /** Entity id: CFN logical ID or Terraform address. */
  resource: string;
  loc: Loc;
  path: PathStep[];
  fixes: Fix[];
  /** Conditions under which the finding holds (named in the message too). */
  when?: Guard[];
  /** Construct path (CDK/cdktf), when known. */
  constructPath?: string;
  /** Mapped location in CDK app source, when known. */
  source?: SourceMapping;
}

/**
 * What a rule returns: the statement of the exposure (`message`, without conditions), its conditions
 * (`when`) and, for a possible finding, the unknown piece (`unknown`). The engine writes the final message,
 * the certainty and the severity (from meta, config and certainty).
 */
export type RuleFinding = Omit<Finding, 'severity' | 'ruleId' | 'certainty'> & {
  ruleId?: string;
  /** One level below the rule's severity: the exposure is real but the internet does not reach it directly. */
  lowered?: boolean;
};

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in listings and SARIF. */
  description: string;
  fixable: boolean;
  /** Rule docs path relative to the project root (rules/<id>/<id>.md). */
  docs: string;
}

export interface Rule {
  meta: RuleMeta;
  /** Pure function of the topology. */
  check(topology: Topology): RuleFinding[];
}

export type RuleSetting = Severity | 'off';

export interface Config {
  /** Rule ID -> severity or off. */
  rules: Record<string, RuleSetting>;
  /** Glob patterns (relative to the config file's folder) that are not linted. */
  ignore: string[];
  /** Resource ids (logical IDs / Terraform addresses) that are intended internet edges. */
  intendedEdges: string[];
  /** Folder the config was read from (for resolving ignore globs). */
  root?: string;
  /** Whether possible findings (the path leaves the file) are reported; default true. */
  possible?: boolean;
}

export function defaultConfig(): Config {
  return { rules: {}, ignore: [], intendedEdges: [] };
}
