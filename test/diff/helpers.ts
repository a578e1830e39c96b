// Shared helpers of the exposure diff tests: fixture paths, a config limited to the rules these tests reason about, finding summaries.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../../rules';
import { Config, defaultConfig } from '../../server/src/engine/types';
import { ExposureChange, ExposureDiff } from '../../server/src/diff';

/** The project root (this file runs from out/test/diff). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'diff', 'fixtures');

/** Rules whose findings these fixtures are about; the others are off so a new rule elsewhere does not change the expectations. */
export const RULES_UNDER_TEST = ['public-ip-on-backend', 'backend-in-public-subnet', 'backend-open-to-internet'];

export function onlyRules(ids: string[] = RULES_UNDER_TEST): Config {
  const config = defaultConfig();
  for (const rule of RULES) if (!ids.includes(rule.meta.id)) config.rules[rule.meta.id] = 'off';
  return config;
}

/** "--rule a=off,b=off" for the CLI: the same restriction. */
export function onlyRulesFlag(ids: string[] = RULES_UNDER_TEST): string[] {
  const off = RULES.map((rule) => rule.meta.id).filter((id) => !ids.includes(id));
  return off.length ? ['--rule', off.map((id) => `${id}=off`).join(',')] : [];
}

/** "rule resource" per change, in report order. */
export function ids(changes: ExposureChange[]): string[] {
  return changes.map((change) => `${change.finding.ruleId} ${change.finding.resource}`);
}

/** The text a finding's range covers, in its own version. */
export function rangeText(change: ExposureChange): string {
  const text = change.file?.text ?? readFileSync(change.finding.loc.file, 'utf8');
  return text.slice(change.finding.loc.span.start, change.finding.loc.span.end);
}

export function byRule(changes: ExposureChange[], ruleId: string): ExposureChange {
  const found = changes.find((change) => change.finding.ruleId === ruleId);
  if (!found) throw new Error(`no ${ruleId} among ${ids(changes).join(', ')}`);
  return found;
}

export function empty(diff: ExposureDiff): boolean {
  return !diff.introduced.length && !diff.resolved.length;
}
