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

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
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

/** What a rule returns: the engine fills in severity (from meta and config). */
export type RuleFinding = Omit<Finding, 'severity' | 'ruleId'> & { ruleId?: string };

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
}

export function defaultConfig(): Config {
  return { rules: {}, ignore: [], intendedEdges: [] };
}
