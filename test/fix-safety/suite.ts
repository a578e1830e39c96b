// Runs the fix-safety checker over a set of templates (fixtures, examples, a corpus) and adds cfn-lint's verdict.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { discoverTargets } from '../../server/src/engine/workspace';
import { checkTemplate, TemplateReport } from './check';
import { cfnLintErrors, cfnLintVersion, newErrors } from './cfn-lint';
import { TemplateKind } from './state';

export interface TemplateInput {
  name: string;
  kind: TemplateKind;
  texts: Map<string, string>;
}

/** Every rule fixture: CloudFormation YAML/JSON files and one-file Terraform modules (HCL .tf and JSON .tf.json). */
export function ruleFixtures(root: string): TemplateInput[] {
  const out: TemplateInput[] = [];
  const rulesDir = join(root, 'rules');
  for (const rule of readdirSync(rulesDir).sort()) {
    const dir = join(rulesDir, rule, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!statSync(path).isFile()) continue;
      const kind: TemplateKind | undefined = /\.tf(\.json)?$/i.test(name) ? 'terraform' : /\.(ya?ml|json|template)$/i.test(name) ? 'cloudformation' : undefined;
      if (kind) out.push({ name: relative(root, path), kind, texts: new Map([[path, readFileSync(path, 'utf8')]]) });
    }
  }
  return out;
}

/** CloudFormation templates and Terraform JSON modules under folders, as the CLI finds them (CDK assemblies are not fixed). */
export function templatesUnder(root: string, paths: string[]): TemplateInput[] {
  const out: TemplateInput[] = [];
  for (const target of discoverTargets(paths)) {
    if (target.kind === 'cdk') continue;
    const files = target.kind === 'terraform' ? target.files ?? [] : [target.path];
    try {
      out.push({ name: relative(root, target.path), kind: target.kind, texts: new Map(files.map((f) => [f, readFileSync(f, 'utf8')])) });
    } catch {
      // unreadable: the lint run reports it; nothing to fix
    }
  }
  return out;
}

export interface SuiteResult {
  reports: TemplateReport[];
  /** Preferred fixes checked one by one, by rule, over all templates. */
  checked: Map<string, number>;
  cfnLint: { version?: string; skipped?: string; templates: number; variants: number; newErrors: number };
}

/** Check every template; cfn-lint runs on the CloudFormation originals and variants in batches. */
export interface SuiteOptions {
  cfnLint?: boolean;
  /** Which fixed variants cfn-lint reads: every one (slow: seconds per hundred files) or only the all-fixes result. */
  cfnLintVariants?: 'every' | 'all-fixes';
  onTemplate?: (r: TemplateReport) => void;
}

export function runSuite(inputs: TemplateInput[], options: SuiteOptions = {}): SuiteResult {
  const reports: TemplateReport[] = [];
  const checked = new Map<string, number>();
  for (const input of inputs) {
    let report: TemplateReport;
    try {
      report = checkTemplate(input.name, input.kind, input.texts);
    } catch (error) {
      report = { name: input.name, kind: input.kind, checked: new Map(), violations: [{ invariant: 'unparsable', detail: `checker threw: ${(error as Error).stack}`, variant: '-' }], original: input.texts, variants: [] };
    }
    for (const [rule, n] of report.checked) checked.set(rule, (checked.get(rule) ?? 0) + n);
    reports.push(report);
    options.onTemplate?.(report);
  }
  const cfnLint: SuiteResult['cfnLint'] = { templates: 0, variants: 0, newErrors: 0 };
  if (options.cfnLint !== false) {
    const found = cfnLintVersion();
    if (!found.version) cfnLint.skipped = found.reason;
    else {
      cfnLint.version = found.version;
      const texts = new Map<string, { name: string; text: string }>();
      for (const [i, report] of reports.entries()) {
        if (report.kind !== 'cloudformation' || !report.variants.length) continue;
        const [[path, text]] = [...report.original];
        texts.set(`${i}|original`, { name: path, text });
        cfnLint.templates++;
        for (const [j, variant] of report.variants.entries()) {
          if (options.cfnLintVariants === 'all-fixes' && variant.label !== 'all') continue;
          texts.set(`${i}|${j}`, { name: path, text: variant.texts.get(path) ?? text });
          cfnLint.variants++;
        }
      }
      const errors = cfnLintErrors(texts);
      for (const [i, report] of reports.entries()) {
        const base = errors.get(`${i}|original`);
        if (!base) continue;
        for (const [j, variant] of report.variants.entries()) {
          const after = errors.get(`${i}|${j}`);
          if (!after) continue;
          for (const e of newErrors(base, after)) {
            cfnLint.newErrors++;
            report.violations.push({ invariant: 'cfn-lint', detail: e, variant: variant.label });
          }
        }
      }
    }
  }
  return { reports, checked, cfnLint };
}

/** Violations as lines: "template [variant] invariant: detail". */
export function describeViolations(result: SuiteResult): string[] {
  return result.reports.flatMap((r) => r.violations.map((v) => `${r.name} [${v.variant}] ${v.invariant}: ${v.detail}`));
}
