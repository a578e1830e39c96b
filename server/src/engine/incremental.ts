// Linting a template again after a keystroke: when the edit stays inside a value the last lint never read (a
// description, a tag value, a name), no finding can change but their offsets, so the findings are moved instead of
// linting the file again. Any other edit is linted in full. The result always equals a full lint of the new text.
import { lintSourceFile, lintText } from './lint';
import { Fix, Loc } from '../model/types';
import { Config, Finding, PathStep } from './types';
import { parseSource } from '../source/parse';
import { changedRegion } from '../source/text-diff';
import { reparseResourceEdit } from '../source/reparse';
import { LIMITS } from '../source/limits';
import { Node, SourceFile, SourceFormat, Span } from '../source/tree';

/** A value nothing read: an edit strictly inside it, on its line, changes no finding. */
interface QuietValue {
  start: number;
  end: number;
  quoted: boolean;
}

/** One lint of one template text, kept to answer the next edit. */
export interface TemplateSnapshot {
  path: string;
  text: string;
  /** The config it was linted with, as JSON (a change of config lints in full). */
  configKey: string;
  format: SourceFormat;
  /** False when the text is not a template (no findings then). */
  isTemplate: boolean;
  findings: Finding[];
  /** Values no rule or adapter read, in text order. */
  quiet: QuietValue[];
  /**
   * The tree of the last text linted in full or in part (not moved since), to read only the edited resource again;
   * kept for templates up to KEEP_TREE_MAX_CHARS so that a huge open template costs no more memory than before.
   */
  file?: SourceFile;
}

/** About 5,000 resources: larger templates keep no tree between lints (memory over speed). */
const KEEP_TREE_MAX_CHARS = 1_000_000;

export interface IncrementalLint {
  snapshot: TemplateSnapshot;
  /**
   * How the text was linted: `moved` (the edit cannot change a finding: the previous ones, moved), `resource` (only
   * the edited resource read again, then the topology and rules), `full`.
   */
  how: 'moved' | 'resource' | 'full';
}

/** Lint `text`, reusing `previous` when the edit between them cannot change a finding. */
export function lintTemplateEdit(previous: TemplateSnapshot | undefined, path: string, text: string, config: Config): IncrementalLint {
  const configKey = JSON.stringify(config);
  if (previous && previous.path === path && previous.configKey === configKey) {
    if (previous.text === text) return { snapshot: previous, how: 'moved' };
    const moved = moveFindings(previous, text);
    if (moved) return { snapshot: moved, how: 'moved' };
  }
  // An edit inside one resource reads only that resource again (when the old tree is there to take it).
  const reparsed = previous?.file && previous.path === path ? reparseResourceEdit(previous.file, text) : undefined;
  const result = reparsed ? lintSourceFile(reparsed, config) : lintText(path, text, config);
  const file = result.files[0];
  const quiet = result.isTemplate && file?.root ? quietValues(file) : [];
  const kept = result.isTemplate && text.length <= KEEP_TREE_MAX_CHARS ? file : undefined;
  return { snapshot: { path, text, configKey, format: file?.format ?? 'yaml', isTemplate: result.isTemplate, findings: result.findings, quiet, file: kept }, how: reparsed ? 'resource' : 'full' };
}

function moveFindings(previous: TemplateSnapshot, text: string): TemplateSnapshot | undefined {
  const { start, oldEnd, newEnd } = changedRegion(previous.text, text);
  const index = quietValueAt(previous.quiet, start, oldEnd);
  if (index < 0) return undefined;
  const value = previous.quiet[index];
  // Comments hold suppressions: a line with a comment marker is linted in full.
  const lineStart = previous.text.lastIndexOf('\n', start - 1) + 1;
  const oldLineEnd = lineEnd(previous.text, oldEnd);
  if (/#|\/\/|[\r\n]/.test(previous.text.slice(lineStart, oldLineEnd)) || /#|\/\/|[\r\n]/.test(text.slice(lineStart, lineEnd(text, newEnd)))) return undefined;
  const delta = newEnd - oldEnd;
  const newValueEnd = reparsedValueEnd(previous.format, text.slice(value.start, value.end + delta), value.quoted);
  if (newValueEnd === undefined) return undefined;
  const findings: Finding[] = [];
  for (const finding of previous.findings) {
    if (finding.fixes.some((fix) => fix.edits.some((edit) => edit.span.start <= value.end && edit.span.end >= value.start))) return undefined;
    findings.push(moveFinding(finding, { oldEnd, delta, valueStart: value.start }));
  }
  const quiet = previous.quiet.slice();
  quiet[index] = { ...value, end: value.start + newValueEnd };
  for (let i = index + 1; i < quiet.length; i++) quiet[i] = { ...quiet[i], start: quiet[i].start + delta, end: quiet[i].end + delta };
  return { ...previous, text, quiet, findings };
}

/** The quiet value the region lies in (a binary search), or -1. */
function quietValueAt(quiet: QuietValue[], start: number, oldEnd: number): number {
  let low = 0;
  let high = quiet.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (quiet[mid].start > start) high = mid - 1;
    else low = mid + 1;
  }
  const value = quiet[high];
  if (!value) return -1;
  // A plain value may change at either end; a quoted one only inside its quotes.
  const inside = value.quoted ? value.start < start && oldEnd < value.end : value.start <= start && oldEnd <= value.end;
  return inside ? high : -1;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/**
 * The edited value read alone in the same format: its end (trailing blanks are not part of a plain value), or
 * undefined when it is no longer one value of the same quoting (`a: b` or ` #` turned it into something else).
 */
function reparsedValueEnd(format: SourceFormat, valueText: string, quoted: boolean): number | undefined {
  const json = format === 'json';
  const prefix = json ? '{"k": ' : 'k: ';
  const probe = parseSource(json ? 'probe.json' : 'probe.yaml', json ? `${prefix}${valueText}}` : `${prefix}${valueText}\n`);
  if (probe.problems.length || probe.root?.kind !== 'map' || probe.root.pairs.length !== 1) return undefined;
  const node = probe.root.pairs[0].value;
  if (node.kind !== 'scalar' || !!node.quoted !== quoted || node.span.start !== prefix.length) return undefined;
  const end = node.span.end - prefix.length;
  return valueText.slice(end).trim() === '' ? end : undefined;
}

/** How offsets of the old text map to the new: those from the edit's end on move by `delta`, the value's start stays. */
interface Move {
  oldEnd: number;
  delta: number;
  valueStart: number;
}

function moveOffset(offset: number, move: Move): number {
  return offset >= move.oldEnd && offset !== move.valueStart ? offset + move.delta : offset;
}

function moveSpan(span: Span, move: Move): Span {
  return { start: moveOffset(span.start, move), end: moveOffset(span.end, move) };
}

function moveLoc(loc: Loc, move: Move): Loc {
  return { ...loc, span: moveSpan(loc.span, move) };
}

function moveFinding(finding: Finding, move: Move): Finding {
  const path: PathStep[] = finding.path.map((step) => ({ ...step, loc: moveLoc(step.loc, move) }));
  const fixes: Fix[] = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, span: moveSpan(edit.span, move) })) }));
  return { ...finding, loc: moveLoc(finding.loc, move), path, fixes };
}

const INTRINSIC_KEY = /^(Ref|Condition|Fn::.+)$/;

/**
 * Scalar values of map entries nobody looked up, outside intrinsic functions and Metadata, each alone at the end of
 * its line and quoted by no message: the places where typing cannot change a finding.
 */
function quietValues(file: SourceFile): QuietValue[] {
  const out: QuietValue[] = [];
  const quoted = file.quoted ?? [];
  const text = file.text;
  const endsItsLine = (end: number) => (file.format === 'json' ? /^[ \t]*,?[ \t]*(\r?\n|$)/ : /^[ \t]*(\r?\n|$)/).test(text.slice(end, end + 256));
  const walk = (node: Node, depth: number): void => {
    if (depth > 64 || node.kind === 'scalar') return;
    if (node.kind === 'seq') {
      for (const item of node.items) walk(item, depth + 1);
      return;
    }
    if (node.pairs.length === 1 && INTRINSIC_KEY.test(String(node.pairs[0].key.value))) return;
    for (const pair of node.pairs) {
      if (pair.key.value === 'Metadata') continue;
      const value = pair.value;
      if (value.kind !== 'scalar') {
        walk(value, depth + 1);
        continue;
      }
      if (pair.read || value.value === null || value.span.end <= value.span.start) continue;
      if (text.slice(value.span.start, value.span.end).includes('\n') || !endsItsLine(value.span.end)) continue;
      if (quoted.some((span) => span.start < value.span.end && value.span.start < span.end)) continue;
      out.push({ start: value.span.start, end: value.span.end, quoted: !!value.quoted });
    }
  };
  // An anchored value is read wherever its aliases are: no value is quiet then.
  if (file.root && !file.anchored && file.text.length <= LIMITS.maxFileBytes) walk(file.root, 0);
  return out.sort((a, b) => a.start - b.start);
}
