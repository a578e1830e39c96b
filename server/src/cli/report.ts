// Turns lint results into output-ready entries: display paths and 1-based ranges, computed once for every format.
import { chooseFix } from '../engine/apply-fixes';
import { FileResult } from '../engine/workspace';
import { Finding, Severity } from '../engine/types';
import { displayPath, LineIndex, mappingRange, Range } from './positions';

export interface ReportEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface ReportEntry {
  finding: Finding;
  file: string;
  range: Range;
  source?: { file: string; range: Range };
  path: { file: string; range: Range; message: string }[];
  fixes: { title: string; edits: ReportEdit[] }[];
}

export interface Report {
  entries: ReportEntry[];
  /** Targets the linter failed on (internal errors). */
  errors: { file: string; message: string }[];
  counts: Record<Severity, number>;
  /** Findings with at least one fix, by severity. */
  fixable: Record<Severity, number>;
}

/** `notFixable`: targets --fix cannot write (CDK assemblies, read-only files): their fixes are not counted as fixable. */
export function buildReport(results: FileResult[], cwd: string, notFixable: ReadonlySet<string> = new Set()): Report {
  const index = new LineIndex(results.flatMap((result) => result.files));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const fixable: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const entries: ReportEntry[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      counts[finding.severity]++;
      if (!notFixable.has(result.path) && chooseFix(finding)?.edits.length) fixable[finding.severity]++;
      entries.push({
        finding,
        file: displayPath(finding.loc.file, cwd),
        range: index.range(finding.loc),
        source: finding.source ? { file: displayPath(finding.source.file, cwd), range: mappingRange(finding.source) } : undefined,
        path: finding.path.map((step) => ({ file: displayPath(step.loc.file, cwd), range: index.range(step.loc), message: step.message })),
        fixes: finding.fixes.map((fix) => ({
          title: fix.title,
          edits: fix.edits.map((edit) => ({ file: displayPath(edit.file, cwd), range: index.spanRange(edit.file, edit.span), newText: edit.newText })),
        })),
      });
    }
  }
  const errors = results.filter((result) => result.error).map((result) => ({ file: displayPath(result.path, cwd), message: result.error! }));
  return { entries, errors, counts, fixable };
}
