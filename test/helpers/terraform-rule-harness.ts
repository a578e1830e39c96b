// Rule test helpers for Terraform JSON fixtures: lint one *.tf.json as a module, apply a fix and re-lint it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { Config, defaultConfig, Finding } from '../../server/src/engine/types';
import { Fix } from '../../server/src/model/types';
import { Linted, assertFixResolvesWith, describe } from './rule-harness';

/** A one-file Terraform module, linted like the CLI lints a folder of *.tf.json. */
export function lintTerraformSource(path: string, text: string, config: Config = defaultConfig()): Linted {
  return { path, text, findings: lintTerraformFiles([{ path, text }], config).findings };
}

export function lintTerraformFile(path: string, config: Config = defaultConfig()): Linted {
  return lintTerraformSource(path, readFileSync(path, 'utf8'), config);
}

/** Applies the fix, re-lints the module, and asserts the finding is gone and nothing new appeared. */
export function assertTerraformFixResolves(linted: Linted, finding: Finding, fix: Fix, config: Config = defaultConfig()): Linted {
  return assertFixResolvesWith(linted, finding, fix, (path, text) => lintTerraformSource(path, text, config));
}

/** Every fix of every finding of the rule resolves its finding. */
export function assertAllTerraformFixesResolve(linted: Linted, ruleId: string, config: Config = defaultConfig()): void {
  for (const finding of linted.findings.filter((f) => f.ruleId === ruleId)) {
    assert.ok(finding.fixes.length, `${describe(linted, finding)} offers no fix`);
    for (const fix of finding.fixes) assertTerraformFixResolves(linted, finding, fix, config);
  }
}
