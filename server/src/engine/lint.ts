// The engine's entry points: text -> model -> topology -> rules -> findings. No LSP or vscode here.
import { parseSource } from '../source/parse';
import { SourceFile } from '../source/tree';
import { Model } from '../model/types';
import { buildCloudFormationModel, isCloudFormationTemplate } from '../adapters/cloudformation';
import { buildTopology } from '../topology/build';
import { combineWhen, describeWhen } from '../topology/guards';
import { RULES } from '../../../rules';
import { Config, defaultConfig, Finding, Rule, RuleFinding, Severity } from './types';
import { applySuppressions } from './suppressions';

export interface LintResult {
  /** False when the file is not a template (directory mode skips it, the editor stays silent). */
  isTemplate: boolean;
  findings: Finding[];
  files: SourceFile[];
}

const PARSE_ERROR = 'parse-error';

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/** Lint one CloudFormation template (YAML or JSON) given as text. */
export function lintText(path: string, text: string, config: Config = defaultConfig()): LintResult {
  return lintSourceFile(parseSource(path, text), config);
}

/** Lint one CloudFormation template already read into a tree. */
export function lintSourceFile(file: SourceFile, config: Config = defaultConfig()): LintResult {
  const text = file.text;
  const fatal = file.problems.filter((p) => p.severity === 'error');
  if (!file.root || fatal.length) {
    // A file that could not be read is a finding only when it plausibly is a template.
    const plausible = /AWSTemplateFormatVersion|Resources\s*["']?\s*:|AWS::/.test(text.slice(0, 65536));
    return { isTemplate: plausible, files: [file], findings: plausible ? parseFindings(file, config) : [] };
  }
  if (!isCloudFormationTemplate(file.root)) return { isTemplate: false, files: [file], findings: [] };
  const model = buildCloudFormationModel(file);
  return { isTemplate: true, files: [file], findings: [...parseFindings(file, config), ...lintModel(model, config)] };
}

/** Run every enabled rule on a model; the same path for every format. */
export function lintModel(model: Model, config: Config = defaultConfig()): Finding[] {
  const topology = buildTopology(model, config);
  const findings: Finding[] = [];
  for (const problem of model.problems) {
    findings.push({ ruleId: PARSE_ERROR, severity: severityFor(PARSE_ERROR, problem.severity, config) ?? 'error', certainty: 'definite', message: problem.message, resource: '', loc: problem.loc, path: [], fixes: [] });
  }
  for (const rule of RULES) {
    const severity = severityFor(rule.meta.id, rule.meta.defaultSeverity, config);
    if (!severity) continue;
    let raw: RuleFinding[];
    try {
      raw = rule.check(topology);
    } catch (error) {
      // One rule's bug must not hide the others' findings.
      const file = model.files[0];
      raw = [{ message: `Internal error in rule ${rule.meta.id}: ${(error as Error).message}`, resource: '', loc: { file: file?.path ?? '', span: { start: 0, end: 0 } }, path: [], fixes: [] }];
    }
    for (const finding of raw) {
      const conditioned = withResourceCondition(finding, model);
      if (!conditioned) continue;
      const final = finish(conditioned, finding.ruleId ?? rule.meta.id, severity);
      if (final.certainty === 'possible' && config.possible === false) continue;
      findings.push(final);
    }
  }
  return sortFindings(applySuppressions(findings, model));
}

/**
 * A resource with its own `Condition` exists only when that condition holds: its findings say so,
 * and a finding that needs the condition false cannot happen (dropped).
 */
function withResourceCondition(finding: RuleFinding, model: Model): RuleFinding | undefined {
  const condition = model.byId.get(finding.resource)?.condition;
  if (!condition || finding.when?.some((guard) => guard.condition === condition && guard.holds)) return finding;
  const when = combineWhen(finding.when, [{ condition, holds: true }]);
  if (when === null) return undefined;
  return { ...finding, when };
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

/**
 * The one place a finding's message is written: the rule's statement, then its conditions, then the unknown
 * piece. A possible finding is one level below the rule's severity: the template asks for the exposure, but
 * whether it happens depends on something outside the file, so it should not fail a build on its own.
 */
function finish(finding: RuleFinding, ruleId: string, severity: Severity): Finding {
  const certainty = finding.unknown ? 'possible' : 'definite';
  const unknown = finding.unknown ? `; possible: ${finding.unknown}` : '';
  const { lowered, notes, ...rest } = finding;
  const said = notes?.length ? ` (${notes.join('; ')})` : '';
  return {
    ...rest,
    ruleId,
    certainty,
    severity: certainty === 'possible' || lowered ? LOWER[severity] : severity,
    message: `${finding.message}${said}${describeWhen(finding.when)}${unknown}`,
  };
}

function parseFindings(file: SourceFile, config: Config): Finding[] {
  return file.problems.map((problem) => ({
    ruleId: PARSE_ERROR,
    severity: severityFor(PARSE_ERROR, problem.reportAs ?? problem.severity, config) ?? problem.severity,
    certainty: 'definite' as const,
    message: problem.message,
    resource: '',
    loc: { file: file.path, span: problem.span },
    path: [],
    fixes: [],
  }));
}

export function severityFor(ruleId: string, fallback: Severity, config: Config): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? fallback;
}

/**
 * By file, position, rule. The first `localeCompare` of a process loads ICU's collator (tens of ms, a fifth of a
 * CLI run), so files are only collated when they differ, and rule IDs (lowercase letters and hyphens, where
 * collation and code-unit order agree) are compared as code units.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.loc.file === b.loc.file ? 0 : a.loc.file.localeCompare(b.loc.file)) || a.loc.span.start - b.loc.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
