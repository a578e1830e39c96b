// Shared rule test harness: lint a fixture through lintText, assert exact findings, apply fixes and re-lint.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { Config, defaultConfig, Finding } from '../../server/src/engine/types';
import { Fix, TextEdit } from '../../server/src/model/types';
import { computeLineStarts, positionAt } from '../../server/src/source/tree';

/** 1-based lines and columns; endCol is the column just after the last character. */
export interface Range1 {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface ExpectedFinding {
  ruleId: string;
  resource: string;
  /** Exact range of the finding, or... */
  range?: Range1;
  /** ...the exact text the range covers. */
  text?: string;
  /** A substring of the message. */
  message: string;
  /** Guards the finding holds under, when it holds in only one Fn::If branch. */
  when?: { condition: string; holds: boolean }[];
  /** Titles of the fixes offered, in order. */
  fixes?: string[];
  /** possible when the path leaves the file; absent means definite (always asserted). */
  certainty?: 'definite' | 'possible';
}

/** The project root (the folder with package.json), found from the compiled test's folder. */
export function projectRoot(): string {
  let dir = __dirname;
  // out/ may hold its own package.json: the root is where the rule sources are.
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'rules', 'index.ts'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found from ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Absolute path of a rule's fixture: rules/<id>/fixtures/<name>. */
export function fixturePath(ruleId: string, name: string): string {
  return resolve(projectRoot(), 'rules', ruleId, 'fixtures', name);
}

export interface Linted {
  path: string;
  text: string;
  findings: Finding[];
}

export function lintFile(path: string, config: Config = defaultConfig()): Linted {
  const text = readFileSync(path, 'utf8');
  return lintSource(path, text, config);
}

export function lintSource(path: string, text: string, config: Config = defaultConfig()): Linted {
  const result = lintText(path, text, config);
  return { path, text, findings: result.findings };
}

export function rangeOf(text: string, finding: Finding): Range1 {
  const starts = computeLineStarts(text);
  const start = positionAt(starts, finding.loc.span.start);
  const end = positionAt(starts, finding.loc.span.end);
  return { startLine: start.line + 1, startCol: start.character + 1, endLine: end.line + 1, endCol: end.character + 1 };
}

/** A readable summary of a finding, for assertion messages. */
export function describe(linted: Linted, finding: Finding): string {
  const r = rangeOf(linted.text, finding);
  return `${finding.ruleId} ${finding.resource} ${r.startLine}:${r.startCol}-${r.endLine}:${r.endCol} ${JSON.stringify(finding.message)}`;
}

/** Findings of one rule (or all, when ruleId is undefined) equal the expected list exactly, in order. */
export function assertFindings(linted: Linted, ruleId: string | undefined, expected: ExpectedFinding[]): Finding[] {
  const actual = linted.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
  const summary = actual.map((f) => describe(linted, f)).join('\n');
  assert.equal(actual.length, expected.length, `expected ${expected.length} finding(s) of ${ruleId ?? 'any rule'}, got:\n${summary}`);
  expected.forEach((want, i) => {
    const got = actual[i];
    assert.equal(got.ruleId, want.ruleId, `finding ${i} rule: ${summary}`);
    assert.equal(got.resource, want.resource, `finding ${i} resource: ${summary}`);
    if (want.range) assert.deepEqual(rangeOf(linted.text, got), want.range, `finding ${i} range: ${summary}`);
    if (want.text !== undefined) assert.equal(linted.text.slice(got.loc.span.start, got.loc.span.end), want.text, `finding ${i} text: ${summary}`);
    assert.ok(got.message.includes(want.message), `finding ${i} message ${JSON.stringify(got.message)} lacks ${JSON.stringify(want.message)}`);
    assert.deepEqual(got.when, want.when, `finding ${i} when`);
    assert.equal(got.certainty ?? 'definite', want.certainty ?? 'definite', `finding ${i} certainty: ${summary}`);
    if (want.fixes) assert.deepEqual(got.fixes.map((f) => f.title), want.fixes, `finding ${i} fixes`);
    assert.ok(want.range || want.text !== undefined, 'an expected finding must give its range or text');
  });
  return actual;
}

/** No finding of the rule (or no finding at all, when ruleId is undefined). */
export function assertNoFindings(linted: Linted, ruleId?: string): void {
  const actual = linted.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
  assert.deepEqual(actual.map((f) => describe(linted, f)), [], 'expected no findings');
}

/** Applies a fix's edits (all in this file) to the text, last edit first so offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i].span.end <= sorted[i - 1].span.start, 'fix edits overlap');
  }
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

function key(finding: Finding): string {
  return `${finding.ruleId}|${finding.resource}|${finding.message}`;
}

/**
 * Applies the fix to the finding's file, re-lints, and asserts the finding is gone and no new finding
 * appeared (others may disappear too: a fix can resolve more than one problem). Returns the fixed text.
 */
export function assertFixResolves(linted: Linted, finding: Finding, fix: Fix, config: Config = defaultConfig()): Linted {
  return assertFixResolvesWith(linted, finding, fix, (path, text) => lintSource(path, text, config));
}

/** assertFixResolves with the fixed text re-linted by `relint` (each format lints its own way). */
export function assertFixResolvesWith(linted: Linted, finding: Finding, fix: Fix, relint: (path: string, text: string) => Linted): Linted {
  for (const edit of fix.edits) assert.equal(edit.file, linted.path, 'fix edits another file');
  const fixedText = applyEdits(linted.text, fix.edits);
  assert.notEqual(fixedText, linted.text, `fix "${fix.title}" changes nothing`);
  const after = relint(linted.path, fixedText);
  const stillThere = after.findings.filter((f) => key(f) === key(finding));
  assert.deepEqual(stillThere.map((f) => describe(after, f)), [], `fix "${fix.title}" left the finding in:\n${fixedText}`);
  const before = new Map<string, number>();
  for (const f of linted.findings) before.set(key(f), (before.get(key(f)) ?? 0) + 1);
  const added: string[] = [];
  for (const f of after.findings) {
    const count = before.get(key(f)) ?? 0;
    if (count > 0) before.set(key(f), count - 1);
    else added.push(describe(after, f));
  }
  assert.deepEqual(added, [], `fix "${fix.title}" introduced findings in:\n${fixedText}`);
  return after;
}

/** Every fix of every finding of the rule resolves its finding. */
export function assertAllFixesResolve(linted: Linted, ruleId: string, config: Config = defaultConfig()): void {
  const findings = linted.findings.filter((f) => f.ruleId === ruleId);
  for (const finding of findings) for (const fix of finding.fixes) assertFixResolves(linted, finding, fix, config);
}
