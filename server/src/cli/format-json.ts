// JSON output: {"findings":[...]} with 1-based lines and columns.
import { Report, ReportEntry } from './report';

export function formatJson(report: Report): string {
  const findings = report.entries.map((entry) => findingJson(entry));
  const body: Record<string, unknown> = { findings };
  if (report.errors.length) body.errors = report.errors;
  return JSON.stringify(body, null, 2) + '\n';
}

/** One finding as its JSON object; the diff command leaves out the fixes (it reports, it does not fix). */
export function findingJson(entry: ReportEntry, options: { fixes: boolean } = { fixes: true }): Record<string, unknown> {
  const { finding } = entry;
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: entry.file,
    range: entry.range,
    resource: finding.resource,
    message: finding.message,
    certainty: finding.certainty ?? 'definite',
  };
  if (finding.unknown) out.unknown = finding.unknown;
  if (options.fixes) {
    out.fixes = entry.fixes.map((fix) => ({
      title: fix.title,
      // An edit names its file only when it is not the finding's own.
      edits: fix.edits.map((edit) => (edit.file === entry.file ? { range: edit.range, newText: edit.newText } : { file: edit.file, range: edit.range, newText: edit.newText })),
    }));
  }
  if (entry.source) out.source = entry.source;
  if (entry.path.length) out.path = entry.path;
  if (finding.constructPath) out.constructPath = finding.constructPath;
  if (finding.when?.length) out.when = finding.when;
  return out;
}
