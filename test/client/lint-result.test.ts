// The one-line summary the "Lint workspace" command shows for the server's LintWorkspaceResult.
import test from 'node:test';
import assert from 'node:assert/strict';
import { describeLintResult } from '../../client/src/lint-result';

const result = { targets: 3, files: 2, findings: 5, errors: 1, warnings: 4, infos: 0, failures: 0, cancelled: false };

test('names templates, findings, files and severities', () => {
  assert.equal(describeLintResult(result), 'exposure-lint: workspace linted: 3 templates, 5 findings in 2 files (1 error, 4 warnings)');
});

test('singular counts and a clean workspace', () => {
  assert.equal(describeLintResult({ ...result, targets: 1, files: 0, findings: 0, errors: 0, warnings: 0 }), 'exposure-lint: workspace linted: 1 template, 0 findings (0 errors, 0 warnings)');
});

test('failures and cancellation are said, not hidden', () => {
  assert.equal(describeLintResult({ ...result, failures: 1, cancelled: true }),
    'exposure-lint: workspace lint cancelled: 3 templates, 5 findings in 2 files (1 error, 4 warnings), 1 template could not be linted');
});

test('an answer without counts still gets a line', () => {
  assert.equal(describeLintResult(null), 'exposure-lint: workspace linted');
  assert.equal(describeLintResult({}), 'exposure-lint: workspace linted');
});
