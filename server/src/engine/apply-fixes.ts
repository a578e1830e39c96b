// Applies fixes to file texts: one preferred fix per finding, overlapping fixes dropped, repeated until stable.
import { Fix, TextEdit } from '../model/types';
import { Span } from '../source/tree';
import { Finding } from './types';

export interface SpanEdit {
  span: Span;
  newText: string;
}

/** Two edits touch the same text (two insertions at one offset count: their order would be a guess). */
export function overlaps(a: Span, b: Span): boolean {
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

/** Apply edits to text; edits overlapping an earlier one (in offset order) are skipped. */
export function applyEdits(text: string, edits: SpanEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: SpanEdit[] = [];
  for (const edit of sorted) {
    const last = kept[kept.length - 1];
    if (last && (overlaps(last.span, edit.span) || edit.span.start < last.span.end)) continue;
    kept.push(edit);
  }
  let out = '';
  let cursor = 0;
  for (const edit of kept) {
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = Math.max(cursor, edit.span.end);
  }
  return out + text.slice(cursor);
}

/**
 * The fix "fix all" applies for a finding: the preferred one. Fixes no rule marks preferred are
 * suggestions (a change of behaviour, like narrowing egress to 443) offered only as quick fixes.
 */
export function chooseFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((fix) => fix.preferred);
}

/**
 * Edits per file for every fixable finding. A fix is all-or-nothing: when any of its edits overlaps
 * an edit already chosen (two findings fixing the same property), it waits for the next pass.
 */
export function fixAll(findings: Finding[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  const seen = new Set<string>();
  for (const finding of containingFirst(findings)) {
    const fix = chooseFix(finding);
    if (!fix || !fix.edits.length) continue;
    // Identical fixes offered by several findings (same edits) are applied once.
    const key = JSON.stringify(fix.edits.map((e) => [e.file, e.span.start, e.span.end, e.newText]));
    if (seen.has(key)) continue;
    const clash = fix.edits.some((edit, i) =>
      (byFile.get(edit.file) ?? []).some((taken) => overlaps(taken.span, edit.span)) ||
      fix.edits.some((other, j) => j !== i && other.file === edit.file && overlaps(other.span, edit.span)),
    );
    if (clash) continue;
    seen.add(key);
    for (const edit of fix.edits) {
      const list = byFile.get(edit.file) ?? [];
      list.push(edit);
      byFile.set(edit.file, list);
    }
  }
  return byFile;
}

/** A fix that was applied: what it was for and what it said it does. */
export interface AppliedFix {
  ruleId: string;
  resource: string;
  title: string;
  /** Files its edits touched. */
  files: string[];
}

const editKey = (e: TextEdit) => `${e.file}|${e.span.start}|${e.span.end}|${e.newText}`;

/**
 * Findings whose preferred fix contains every edit of another finding's fix come first: the bundle (turn the public
 * IP off and move to a private subnet) then lands whole, and the finding of the part goes away with it.
 */
function containingFirst(findings: Finding[]): Finding[] {
  const byEdit = new Map<string, Set<Fix>>();
  const fixes = findings.map((f) => chooseFix(f));
  for (const fix of fixes) for (const edit of fix?.edits ?? []) {
    const key = editKey(edit);
    const set = byEdit.get(key) ?? new Set<Fix>();
    set.add(fix!);
    byEdit.set(key, set);
  }
  const contains = (fix: Fix | undefined): boolean => {
    if (!fix || fix.edits.length < 2) return false;
    const keys = new Set(fix.edits.map(editKey));
    const others = new Set<Fix>();
    for (const key of keys) for (const other of byEdit.get(key) ?? []) if (other !== fix) others.add(other);
    return [...others].some((other) => other.edits.length < fix.edits.length && other.edits.every((e) => keys.has(editKey(e))));
  };
  const first = findings.filter((_, i) => contains(fixes[i]));
  return first.length ? [...first, ...findings.filter((f) => !first.includes(f))] : findings;
}

export interface FixOutcome {
  /** Texts after fixing, by path (only files that changed). */
  changed: Map<string, string>;
  /** Findings whose fix was applied, over all passes (one fix shared by several findings counts each). */
  applied: number;
  /** The fixes applied, in order, each once. */
  fixes: AppliedFix[];
  /** Findings of the first lint that are gone after the last (by rule and resource): what "Fixed N" counts. */
  gone: number;
  passes: number;
  /** Findings left after the last pass. */
  remaining: Finding[];
}

/**
 * Lint, apply all non-overlapping fixes, re-lint, and repeat until nothing changes (at most
 * maxPasses): fixes dropped for overlapping get their turn on the next pass.
 */
export function fixUntilStable(texts: Map<string, string>, lint: (texts: Map<string, string>) => Finding[], maxPasses = 10): FixOutcome {
  const current = new Map(texts);
  let applied = 0;
  let passes = 0;
  let findings = lint(current);
  const first = findings;
  const fixes: AppliedFix[] = [];
  while (passes < maxPasses) {
    const edits = fixAll(findings);
    let changedAny = false;
    for (const [file, fileEdits] of edits) {
      const text = current.get(file);
      if (text === undefined) continue;
      const next = applyEdits(text, fileEdits);
      if (next !== text) {
        current.set(file, next);
        changedAny = true;
      }
    }
    if (!changedAny) break;
    passes++;
    applied += countFixes(findings, edits, fixes);
    findings = lint(current);
  }
  const changed = new Map<string, string>();
  for (const [file, text] of current) if (texts.get(file) !== text) changed.set(file, text);
  return { changed, applied, fixes, gone: goneCount(first, findings), passes, remaining: findings };
}

function countFixes(findings: Finding[], edits: Map<string, TextEdit[]>, out: AppliedFix[]): number {
  const chosen = new Set<TextEdit>();
  for (const list of edits.values()) for (const edit of list) chosen.add(edit);
  const seen = new Set<Fix>();
  let count = 0;
  for (const finding of findings) {
    const fix = chooseFix(finding);
    if (!fix?.edits.some((edit) => chosen.has(edit))) continue;
    count++;
    if (seen.has(fix)) continue;
    seen.add(fix);
    out.push({ ruleId: finding.ruleId, resource: finding.resource, title: fix.title, files: [...new Set(fix.edits.map((e) => e.file))] });
  }
  return count;
}

/**
 * Findings of `before` not in `after`, as multisets by rule and resource: offsets move when text is inserted, and
 * messages name neighbours a fix moves ("hosts backend A, B" becomes "hosts backend B"), so neither identifies a finding.
 */
export function goneCount(before: Finding[], after: Finding[]): number {
  const left = new Map<string, number>();
  const key = (f: Finding) => `${f.ruleId}\u0000${f.resource}`;
  for (const f of after) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  let gone = 0;
  for (const f of before) {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    else gone++;
  }
  return gone;
}
