// The advice "Show exposure changes since HEAD" gives when the server has no report (its GitError messages).
import test from 'node:test';
import assert from 'node:assert/strict';
import { explainReportError } from '../../client/src/report-errors';

test('a folder outside any repository is told so, with what to do', () => {
  assert.equal(explainReportError('/tmp/x is not inside a git repository (fatal: not a git repository (or any of the parent directories): .git)', 'x'),
    'x is not a git repository, so there is nothing to compare with: the exposure changes are measured against a commit (git init, then commit the templates).');
});

test('a repository without a commit yet: HEAD names nothing', () => {
  assert.equal(explainReportError('Cannot read git revision "HEAD": no such commit in /tmp/x', 'x'),
    'x has no commits yet, so there is nothing to compare with: commit the templates once, then this shows what later changes expose or fix.');
});

test('another revision that names no commit, and anything else, keep the server\'s words', () => {
  assert.equal(explainReportError('Cannot read git revision "main": no such commit in /tmp/x', 'x', 'main'), 'x: "main" names no commit in its git repository.');
  assert.equal(explainReportError('Cannot read a.yaml at 0123456789ab: boom', 'x'), 'Cannot show the exposure changes since HEAD in x: Cannot read a.yaml at 0123456789ab: boom');
});
