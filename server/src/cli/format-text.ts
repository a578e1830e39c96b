// Human output in the manner of ESLint's "stylish": findings grouped by file as file:line:col rows, then a summary.
import { Severity } from '../engine/types';
import { Report, ReportEntry } from './report';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' };

export function formatText(report: Report, color: boolean): string {
  const paint = (code: keyof typeof ANSI, text: string) => (color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const severityColor: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'blue' };
  const byFile = new Map<string, ReportEntry[]>();
  for (const entry of report.entries) {
    const list = byFile.get(entry.file) ?? [];
    list.push(entry);
    byFile.set(entry.file, list);
  }
  let out = '';
  for (const [file, entries] of byFile) {
    // One row per finding starting with file:line:col, which terminals and editors turn into links.
    const rows = entries.map((entry) => ({
      where: `${file}:${entry.range.start.line}:${entry.range.start.column}`,
      severity: entry.finding.severity,
      message: entry.finding.message.replace(/\s*\r?\n\s*/g, ' '),
      rule: entry.finding.ruleId,
      entry,
    }));
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    out += '\n';
    for (const row of rows) {
      out += `${paint('dim', row.where.padEnd(whereWidth))}  ${paint(severityColor[row.severity], row.severity.padEnd(7))}  ${row.message}  ${paint('dim', row.rule)}\n`;
      const construct = row.entry.finding.constructPath;
      if (row.entry.source) out += `${' '.repeat(whereWidth)}  ${paint('dim', `from ${row.entry.source.file}:${row.entry.source.range.start.line}:${row.entry.source.range.start.column}`)}\n`;
      // cdktf output has no source lines, but its construct path tells the user where to look.
      else if (construct) out += `${' '.repeat(whereWidth)}  ${paint('dim', `construct ${construct}`)}\n`;
    }
  }
  for (const error of report.errors) out += `\n${error.file}  ${paint('red', 'internal error')}  ${error.message}\n`;
  const { error, warning, info } = report.counts;
  const total = error + warning + info;
  if (total === 0 && !report.errors.length) return '';
  if (total > 0) {
    const mark = error ? paint('red', '✖') : paint('yellow', '✖');
    const parts = [`${error} ${plural(error, 'error')}`, `${warning} ${plural(warning, 'warning')}`];
    if (info) parts.push(`${info} info`);
    out += `\n${paint('bold', `${mark} ${total} ${plural(total, 'problem')} (${parts.join(', ')})`)}\n`;
    const fixableErrors = report.fixable.error;
    const fixableWarnings = report.fixable.warning;
    if (fixableErrors || fixableWarnings) out += `  ${fixableErrors} ${plural(fixableErrors, 'error')} and ${fixableWarnings} ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.\n`;
  }
  return out + '\n';
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
