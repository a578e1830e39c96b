// --fix: applies preferred fixes target by target, re-linting until stable, and writes changed files.
import { writeFileSync } from 'node:fs';
import { fixUntilStable } from '../engine/apply-fixes';
import { FileResult, lintTarget, Target } from '../engine/workspace';
import { Finding } from '../engine/types';

export interface FixSummary {
  results: FileResult[];
  written: string[];
  applied: number;
}

/** Fix every CloudFormation and Terraform result in place; CDK output is generated, so it is reported, not rewritten. */
export function fixResults(results: FileResult[]): FixSummary {
  const written: string[] = [];
  let applied = 0;
  const out = results.map((result) => {
    if (result.error || result.kind === 'cdk' || !result.findings.some((f) => f.fixes.length)) return result;
    const target: Target = { kind: result.kind, path: result.path, explicit: true, files: result.kind === 'terraform' ? result.files.map((f) => f.path) : undefined };
    const texts = new Map(result.files.map((file) => [file.path, file.text]));
    let last: FileResult = result;
    const lint = (current: Map<string, string>): Finding[] => {
      last = lintTarget(target, result.config, current) ?? { ...result, findings: [] };
      if (last.error) throw new Error(last.error);
      return last.findings;
    };
    const outcome = fixUntilStable(texts, lint);
    for (const [file, text] of outcome.changed) {
      writeFileSync(file, text);
      written.push(file);
    }
    applied += outcome.applied;
    return outcome.changed.size ? last : result;
  });
  return { results: out, written, applied };
}
