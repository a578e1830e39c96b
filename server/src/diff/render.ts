// Renders an exposure diff for people: plain text (the CLI) or Markdown (the editor's "exposure changes since HEAD" report).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionAt } from '../source/tree';
import { describeWhen } from '../topology/guards';
import { describeResourceChange } from './changes';
import { ExposureChange, ExposureDiff, UnitChanges } from './types';

export interface RenderOptions {
  format: 'text' | 'markdown';
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** What the new version is compared with, for the title ("HEAD", "main", "old.yaml"). */
  since?: string;
  /** Overrides the title ("Exposure changes from old.yaml to new.yaml"). */
  title?: string;
}

export function renderExposureReport(diff: ExposureDiff, options: RenderOptions): string {
  return options.format === 'markdown' ? renderMarkdown(diff, options) : renderText(diff, options);
}

function summary(diff: ExposureDiff): string {
  return `${diff.introduced.length} introduced, ${diff.resolved.length} resolved, ${diff.unchanged.length} unchanged`;
}

function title(options: RenderOptions): string {
  if (options.title) return options.title;
  return options.since ? `Exposure changes since ${options.since}` : 'Exposure changes';
}

function renderText(diff: ExposureDiff, options: RenderOptions): string {
  let out = `${title(options)}: ${summary(diff)}\n`;
  const section = (name: string, changes: ExposureChange[]) => {
    if (!changes.length) return;
    out += `\n${name}\n`;
    for (const change of changes) {
      const { finding } = change;
      out += `  ${where(change, options.cwd)}  ${finding.severity.padEnd(7)}  ${oneLine(finding.message)}  ${finding.ruleId}\n`;
      for (const line of notes(change)) out += `      ${line}\n`;
    }
  };
  section('Introduced', diff.introduced);
  section('Resolved', diff.resolved);
  section('Unchanged', diff.unchanged);
  if (diff.changes.length) {
    out += '\nChanges\n';
    for (const unit of diff.changes) {
      out += `  ${unitLabel(unit, options.cwd)}${unit.presence ? ` (${unit.presence})` : ''}\n`;
      for (const line of changeLines(unit)) out += `    ${line}\n`;
    }
  }
  for (const error of diff.errors) out += `\n${display(error.file, options.cwd)}  error  ${error.message}\n`;
  return out;
}

function renderMarkdown(diff: ExposureDiff, options: RenderOptions): string {
  let out = `# ${title(options)}\n\n${summary(diff)}\n`;
  const section = (name: string, changes: ExposureChange[]) => {
    if (!changes.length) return;
    out += `\n## ${name}\n\n`;
    for (const change of changes) {
      const { finding } = change;
      out += `- **${finding.severity}** \`${finding.ruleId}\` ${escapeMd(oneLine(finding.message))} (${whereLink(change, options.cwd)})\n`;
      for (const line of notes(change)) out += `  - ${escapeMd(line)}\n`;
    }
  };
  section('Introduced', diff.introduced);
  section('Resolved', diff.resolved);
  section('Unchanged', diff.unchanged);
  if (diff.changes.length) {
    out += '\n## Changes\n';
    for (const unit of diff.changes) {
      out += `\n### \`${unitLabel(unit, options.cwd)}\`${unit.presence ? ` (${unit.presence})` : ''}\n\n`;
      for (const line of changeLines(unit)) out += `- \`${line.replace(/`/g, "'")}\`\n`;
    }
  }
  if (diff.errors.length) {
    out += '\n## Could not compare\n\n';
    for (const error of diff.errors) out += `- \`${display(error.file, options.cwd)}\`: ${escapeMd(error.message)}\n`;
  }
  return out;
}

/** What a reviewer needs under a finding: its resource and path, what changed it, a rename, a condition flip. */
function notes(change: ExposureChange): string[] {
  const { finding } = change;
  const lines: string[] = [];
  if (finding.resource) lines.push(`resource: ${finding.resource}${change.renamedFrom ? ` (renamed from ${change.renamedFrom})` : ''}`);
  if (finding.path.length) lines.push(`path: ${finding.path.map((step) => oneLine(step.message)).join('; ')}`);
  for (const cause of change.causes) lines.push(`${change.state === 'resolved' ? 'resolved by' : 'caused by'}: ${cause.change}`);
  if (change.conditionChanged) lines.push(`condition changed: ${whenText(change.conditionChanged.before)} -> ${whenText(change.conditionChanged.after)}`);
  return lines;
}

function whenText(when: ExposureChange['finding']['when']): string {
  return describeWhen(when).trim() || 'always';
}

function changeLines(unit: UnitChanges): string[] {
  return [...unit.resources.map(describeResourceChange), ...unit.securityGroups.map((sg) => `${sg.change === 'added' ? '[+]' : '[-]'} ${sg.text}`), ...unit.other.map((line) => `[~] ${line}`)];
}

function unitLabel(unit: { unit: string; stack?: string }, cwd: string): string {
  return `${display(unit.unit, cwd)}${unit.stack ? ` (${unit.stack})` : ''}`;
}

/** file:line:col of the finding in its own version. */
export function where(change: ExposureChange, cwd: string): string {
  const path = display(change.finding.loc.file, cwd);
  if (!change.file) return path;
  const { line, character } = positionAt(change.file.lineStarts, change.finding.loc.span.start);
  return `${path}:${line + 1}:${character + 1}`;
}

/**
 * The location as a Markdown link that opens the file at the line (the editor's preview follows `file:` links
 * with a `#L<line>` fragment). Resolved exposures are in the old version, which is not on disk: plain text.
 */
function whereLink(change: ExposureChange, cwd: string): string {
  const text = `\`${where(change, cwd)}\``;
  if (change.state === 'resolved' || !change.file) return text;
  const absolute = isAbsolute(change.finding.loc.file) ? change.finding.loc.file : resolve(cwd, change.finding.loc.file);
  const { line } = positionAt(change.file.lineStarts, change.finding.loc.span.start);
  return `[${text}](${pathToFileURL(absolute).href}#L${line + 1})`;
}

export function display(file: string, cwd: string): string {
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (!rel) return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return absolute.split(sep).join('/');
  return rel.split(sep).join('/');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function escapeMd(text: string): string {
  return text.replace(/([\\*_[\]<>|])/g, '\\$1');
}
