// Rule test helpers for Terraform JSON fixtures: lint one *.tf.json as a module, apply a fix and re-lint it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { Config, defaultConfig, Finding } from '../../server/src/engine/types';
import { Fix } from '../../server/src/model/types';
import { Linted, applyEdits, describe } from './rule-harness';

/** A one-file Terraform module, linted like the CLI lints a folder of *.tf.json. */
export function lintTerraformSource(path: string, text: string, config: Config = defaultConfig()): Linted {
  return { path, text, findings: lintTerraformFiles([{ path, text }], config).findings };
}

export function lintTerraformFile(path: string, config: Config = defaultConfig()): Linted {
  return lintTerraformSource(path, readFileSync(path, 'utf8'), config);
}

function key(finding: Finding): string {
  return `${finding.ruleId}|${finding.resource}|${finding.message}`;
}

/** Applies the fix, re-lints the module, and asserts the finding is gone and nothing new appeared. */
export function assertTerraformFixResolves(linted: Linted, finding: Finding, fix: Fix, config: Config = defaultConfig()): Linted {
  for (const edit of fix.edits) assert.equal(edit.file, linted.path, 'fix edits another file');
  const fixedText = applyEdits(linted.text, fix.edits);
  assert.notEqual(fixedText, linted.text, `fix "${fix.title}" changes nothing`);
  const after = lintTerraformSource(linted.path, fixedText, config);
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
export function assertAllTerraformFixesResolve(linted: Linted, ruleId: string, config: Config = defaultConfig()): void {
  for (const finding of linted.findings.filter((f) => f.ruleId === ruleId)) {
    assert.ok(finding.fixes.length, `${describe(linted, finding)} offers no fix`);
    for (const fix of finding.fixes) assertTerraformFixResolves(linted, finding, fix, config);
  }
}
