// Applying fixes: edits in offset order, overlapping fixes dropped whole, passes until stable.
import test from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixAll, fixUntilStable } from '../../server/src/engine/apply-fixes';
import { Finding } from '../../server/src/engine/types';
import { TextEdit } from '../../server/src/model/types';

function edit(start: number, end: number, newText: string, file = 'f'): TextEdit {
  return { file, span: { start, end }, newText };
}

function finding(ruleId: string, fixes: { edits: TextEdit[]; preferred?: boolean }[]): Finding {
  return { ruleId, severity: 'error', message: ruleId, resource: 'R', loc: { file: 'f', span: { start: 0, end: 0 } }, path: [], fixes: fixes.map((fix, i) => ({ title: `${ruleId} ${i}`, ...fix })) };
}

test('applyEdits applies replacements and insertions in offset order, skipping overlaps', () => {
  assert.equal(applyEdits('abcdef', [edit(4, 6, 'XY'), edit(0, 1, 'A'), edit(3, 3, '-')]), 'Abc-dXY');
  // The second edit overlaps the first: skipped.
  assert.equal(applyEdits('abcdef', [edit(1, 4, '1'), edit(2, 5, '2')]), 'a1ef');
  // Two insertions at one offset would be a guess: the first wins.
  assert.equal(applyEdits('ab', [edit(1, 1, 'x'), edit(1, 1, 'y')]), 'axb');
  // Touching ranges are fine.
  assert.equal(applyEdits('abcd', [edit(0, 2, 'X'), edit(2, 4, 'Y')]), 'XY');
});

test('fixAll takes the preferred fix, skips suggestions and drops a whole fix when any edit overlaps a chosen one', () => {
  const a = finding('a', [{ edits: [edit(0, 1, 'first')] }, { edits: [edit(5, 6, 'preferred')], preferred: true }]);
  const b = finding('b', [{ edits: [edit(10, 11, 'b1'), edit(5, 5, 'clash')], preferred: true }]);
  const c = finding('c', [{ edits: [edit(20, 21, 'c'), edit(0, 1, 'c-other-file', 'g')], preferred: true }]);
  const duplicate = finding('d', [{ edits: [edit(20, 21, 'c'), edit(0, 1, 'c-other-file', 'g')], preferred: true }]);
  // A finding whose only fix is not preferred is a suggestion: quick fix only, never fix-all.
  const suggestion = finding('e', [{ edits: [edit(30, 31, 'suggested')] }]);
  const result = fixAll([a, b, c, duplicate, suggestion]);
  assert.deepEqual([...result.keys()], ['f', 'g']);
  assert.deepEqual(result.get('f')!.map((e) => e.newText), ['preferred', 'c']);
  assert.deepEqual(result.get('g')!.map((e) => e.newText), ['c-other-file']);
});

test('fixUntilStable re-lints so a fix dropped for overlapping lands on the next pass', () => {
  // A toy linter: one finding per "bad", each fixed by rewriting the whole text with its first
  // "bad" turned "ok". The fixes all overlap, so one lands per pass.
  const lint = (texts: Map<string, string>): Finding[] => {
    const text = texts.get('f')!;
    return [...text.matchAll(/bad/g)].map(() => finding('word', [{ edits: [edit(0, text.length, text.replace('bad', 'ok'))], preferred: true }]));
  };
  const outcome = fixUntilStable(new Map([['f', 'bad bad bad']]), lint);
  assert.equal(outcome.changed.get('f'), 'ok ok ok');
  assert.equal(outcome.passes, 3);
  assert.deepEqual(outcome.remaining, []);
});

test('fixUntilStable stops after maxPasses when fixes never converge', () => {
  let n = 0;
  const lint = (texts: Map<string, string>): Finding[] => [finding('loop', [{ edits: [edit(0, texts.get('f')!.length, String(++n))], preferred: true }])];
  const outcome = fixUntilStable(new Map([['f', 'x']]), lint, 4);
  assert.equal(outcome.passes, 4);
  assert.equal(outcome.remaining.length, 1);
});

test('fixAll takes a fix that contains another finding\'s whole fix first, so the bundle lands and both findings go', () => {
  const part = finding('move', [{ edits: [edit(0, 6, 'PrivateA')], preferred: true }]);
  const bundle = finding('ip', [{ edits: [edit(0, 6, 'PrivateA'), edit(10, 14, 'false')], preferred: true }]);
  // The part comes first in the list; the bundle still wins (the part's identical edit is not applied twice).
  const result = fixAll([part, bundle]);
  assert.deepEqual(result.get('f')!.map((e) => e.newText), ['PrivateA', 'false']);
});

test('fixUntilStable counts the findings that went away and lists each applied fix once', () => {
  const lint = (texts: Map<string, string>): Finding[] =>
    texts.get('f')!.includes('bad') ? [finding('a', [{ edits: [edit(0, 3, 'ok!')], preferred: true }]), { ...finding('b', []), resource: 'S' }] : [];
  const outcome = fixUntilStable(new Map([['f', 'bad']]), lint);
  assert.equal(outcome.gone, 2);
  assert.deepEqual(outcome.fixes.map((f) => [f.ruleId, f.title]), [['a', 'a 0']]);
});
