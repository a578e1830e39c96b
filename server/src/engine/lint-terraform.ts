// Lints one Terraform JSON module: the *.tf.json files of one folder, read together as Terraform does.
import { parseJson } from '../source/json-parse';
import { SourceFile } from '../source/tree';
import { buildTerraformModel, isTerraformJson } from '../adapters/terraform';
import { Config, defaultConfig, Finding } from './types';
import { LintResult, lintModel, severityFor, sortFindings } from './lint';

export function lintTerraformFiles(files: { path: string; text: string }[], config: Config = defaultConfig()): LintResult {
  const parsed = files.map((f) => parseJson(f.path, f.text));
  const findings: Finding[] = [];
  const readable: SourceFile[] = [];
  let isTemplate = false;
  for (const file of parsed) {
    for (const problem of file.problems) {
      findings.push({
        ruleId: 'parse-error',
        severity: severityFor('parse-error', problem.severity, config) ?? problem.severity,
        message: problem.message,
        resource: '',
        loc: { file: file.path, span: problem.span },
        path: [],
        fixes: [],
      });
    }
    // A *.tf.json file that cannot be read is still Terraform: its problems are findings.
    if (!file.root || file.problems.some((p) => p.severity === 'error')) {
      isTemplate = true;
      continue;
    }
    if (!isTerraformJson(file.root)) continue;
    isTemplate = true;
    readable.push(file);
  }
  if (!readable.length) return { isTemplate, findings: sortFindings(findings), files: parsed };
  const model = buildTerraformModel(readable);
  return { isTemplate, findings: sortFindings([...findings, ...lintModel(model, config)]), files: parsed };
}
