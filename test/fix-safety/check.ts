// The fix-safety checker: applies every preferred fix of a template one by one and all together, and checks the invariants.
import { applyEdits, chooseFix, fixUntilStable } from '../../server/src/engine/apply-fixes';
import { Config, defaultConfig } from '../../server/src/engine/types';
import { TextEdit } from '../../server/src/model/types';
import { compare, Violation } from './invariants';
import { stateOf, TemplateKind } from './state';

export interface Variant {
  /** "all" for every preferred fix until stable, else "<rule>: <fix title>". */
  label: string;
  ruleId?: string;
  texts: Map<string, string>;
}

export interface TemplateReport {
  name: string;
  kind: TemplateKind;
  /** Preferred fixes checked one by one, by rule. */
  checked: Map<string, number>;
  violations: (Violation & { variant: string })[];
  /** The original texts and every fixed variant, for cfn-lint. */
  original: Map<string, string>;
  variants: Variant[];
}

function applyFix(texts: Map<string, string>, edits: TextEdit[]): Map<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const out = new Map(texts);
  for (const [file, list] of byFile) {
    const text = out.get(file);
    if (text !== undefined) out.set(file, applyEdits(text, list));
  }
  return out;
}

/** Check one template: every preferred fix alone, then all of them together (until stable), then a second run. */
export function checkTemplate(name: string, kind: TemplateKind, texts: Map<string, string>, config: Config = defaultConfig()): TemplateReport {
  const before = stateOf(kind, texts, config);
  const report: TemplateReport = { name, kind, checked: new Map(), violations: [], original: texts, variants: [] };
  for (const finding of before.findings) {
    const fix = chooseFix(finding);
    if (!fix || !fix.edits.length) continue;
    report.checked.set(finding.ruleId, (report.checked.get(finding.ruleId) ?? 0) + 1);
    const label = `${finding.ruleId}: ${fix.title}`;
    const fixed = applyFix(texts, fix.edits);
    report.variants.push({ label, ruleId: finding.ruleId, texts: fixed });
    const after = stateOf(kind, fixed, config);
    for (const v of compare(before, after)) report.violations.push({ ...v, variant: label });
    // The finding the fix was for is gone (a fix that resolves nothing is noise).
    const key = `${finding.ruleId}|${finding.resource}|${finding.message}`;
    if (after.findings.some((f) => `${f.ruleId}|${f.resource}|${f.message}` === key)) {
      report.violations.push({ invariant: 'new-finding', detail: `the finding it fixes is still reported: ${finding.message}`, variant: label });
    }
  }
  if (!report.checked.size) return report;
  const lint = (current: Map<string, string>) => stateOf(kind, current, config).findings;
  const all = fixUntilStable(texts, lint);
  const fixedAll = new Map(texts);
  for (const [file, text] of all.changed) fixedAll.set(file, text);
  report.variants.push({ label: 'all', texts: fixedAll });
  for (const v of compare(before, stateOf(kind, fixedAll, config))) report.violations.push({ ...v, variant: 'all' });
  const again = fixUntilStable(fixedAll, lint);
  for (const file of again.changed.keys()) report.violations.push({ invariant: 'idempotence', detail: `a second --fix changes ${file}`, variant: 'all' });
  return report;
}
