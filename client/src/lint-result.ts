// Turns the server's exposureLint/lintWorkspace answer (LintWorkspaceResult in server/src/lsp/protocol.ts) into one line.
export interface LintWorkspaceSummary {
  targets?: number;
  files?: number;
  findings?: number;
  errors?: number;
  warnings?: number;
  failures?: number;
  cancelled?: boolean;
}

export function describeLintResult(result: unknown): string {
  if (!result || typeof result !== 'object') return 'exposure-lint: workspace linted';
  const r = result as LintWorkspaceSummary;
  const parts: string[] = [];
  if (typeof r.targets === 'number') parts.push(plural(r.targets, 'template'));
  if (typeof r.findings === 'number') {
    let findings = plural(r.findings, 'finding');
    if (typeof r.files === 'number' && r.findings > 0) findings += ` in ${plural(r.files, 'file')}`;
    if (typeof r.errors === 'number' && typeof r.warnings === 'number') findings += ` (${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')})`;
    parts.push(findings);
  }
  if (typeof r.failures === 'number' && r.failures > 0) parts.push(`${plural(r.failures, 'template')} could not be linted`);
  const verb = r.cancelled ? 'workspace lint cancelled' : 'workspace linted';
  return `exposure-lint: ${verb}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
