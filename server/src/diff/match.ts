// Pairs the findings of two versions by a stable identity: rule, resource (through renames), and what the message says with IDs abstracted.
import { Finding } from '../engine/types';
import { describeWhen, whenKey } from '../topology/guards';
import { ResourceSet } from './resources';

export interface MatchedPair {
  before: Finding;
  after: Finding;
  /** The old id when the resource was renamed. */
  renamedFrom?: string;
}

export interface FindingMatch {
  introduced: Finding[];
  resolved: Finding[];
  unchanged: MatchedPair[];
}

interface Keyed {
  finding: Finding;
  /** Rule, resource under its new name, message and path with renames applied and the condition left out. */
  exact: string;
  /** Rule, resource, message with every id replaced by its type: survives a path through differently named resources. */
  loose: string;
  /** Rule, resource type and the abstracted message: survives a rename the fingerprints could not see. */
  shape: string;
  when: string;
  resource: string;
  side: 'before' | 'after';
}

/**
 * Compares the findings of one unit (template, module, stack) in two versions. Identity never uses
 * positions or logical IDs as such: renames found structurally are applied first, then the rule, the
 * resource and the message decide, from the strictest key to the loosest. A matched finding whose
 * conditions differ is unchanged, with the flip recorded by the caller.
 */
export function matchFindings(before: { findings: Finding[]; resources: ResourceSet }, after: { findings: Finding[]; resources: ResourceSet }, renames: ReadonlyMap<string, string>): FindingMatch {
  const renameTargets = new Set(renames.values());
  const oldKeyed = before.findings.map((f) => keyFinding(f, before.resources, renames, 'before'));
  const newKeyed = after.findings.map((f) => keyFinding(f, after.resources, new Map(), 'after'));
  const unchanged: MatchedPair[] = [];
  const usedOld = new Set<Keyed>();
  const usedNew = new Set<Keyed>();
  const pass = (key: (k: Keyed) => string | undefined) => {
    const buckets = new Map<string, Keyed[]>();
    for (const k of newKeyed) {
      if (usedNew.has(k)) continue;
      const value = key(k);
      if (value !== undefined) buckets.set(value, [...(buckets.get(value) ?? []), k]);
    }
    for (const k of oldKeyed) {
      if (usedOld.has(k)) continue;
      const value = key(k);
      const candidate = value === undefined ? undefined : buckets.get(value)?.shift();
      if (!candidate) continue;
      usedOld.add(k);
      usedNew.add(candidate);
      const renamedFrom = k.finding.resource && k.finding.resource !== candidate.finding.resource ? k.finding.resource : undefined;
      unchanged.push({ before: k.finding, after: candidate.finding, renamedFrom });
    }
  };
  pass((k) => `${k.exact}\u0001${k.when}`);
  pass((k) => k.exact);
  pass((k) => k.loose);
  // A rename plus an edit: only between a resource that is gone and one that is new, never between two that exist in both versions.
  const oldOnly = (id: string) => !after.resources.resources.has(id) && !renames.has(id);
  const newOnly = (id: string) => !before.resources.resources.has(id) && !renameTargets.has(id);
  pass((k) => {
    if (!k.finding.resource) return undefined;
    if (k.side === 'before' ? !oldOnly(k.finding.resource) : !newOnly(k.finding.resource)) return undefined;
    return k.shape;
  });
  return {
    introduced: newKeyed.filter((k) => !usedNew.has(k)).map((k) => k.finding),
    resolved: oldKeyed.filter((k) => !usedOld.has(k)).map((k) => k.finding),
    unchanged,
  };
}

function keyFinding(finding: Finding, resources: ResourceSet, renames: ReadonlyMap<string, string>, side: Keyed['side']): Keyed {
  const ids = idPattern(resources);
  const message = stripWhen(finding.message, finding);
  const renamed = (text: string) => (ids ? text.replace(ids, (id) => renames.get(id) ?? id) : text);
  const typed = (text: string) => (ids ? text.replace(ids, (id) => `<${resources.resources.get(id)?.type ?? '?'}>`) : text);
  const resource = renames.get(finding.resource) ?? finding.resource;
  const type = resources.resources.get(finding.resource)?.type ?? '';
  const path = finding.path.map((step) => renamed(step.message)).join('\u0002');
  return {
    finding,
    exact: [finding.ruleId, resource, renamed(message), path].join('\u0000'),
    loose: [finding.ruleId, resource, typed(message)].join('\u0000'),
    shape: [finding.ruleId, type, typed(message)].join('\u0000'),
    when: whenKey(finding.when),
    resource,
    side,
  };
}

/** The message without its " when condition X is true" part, so a condition flip keeps the identity. */
export function stripWhen(message: string, finding: Pick<Finding, 'when'>): string {
  const said = describeWhen(finding.when);
  return said && message.includes(said) ? message.replace(said, '') : message;
}

const patterns = new WeakMap<ResourceSet, RegExp | undefined>();

/** One pattern matching any resource id as a whole word (ids of Terraform include dots). */
export function idPattern(resources: ResourceSet): RegExp | undefined {
  if (patterns.has(resources)) return patterns.get(resources);
  const ids = [...resources.resources.keys()].sort((a, b) => b.length - a.length);
  const pattern = ids.length ? new RegExp(`(?<![\\w.-])(?:${ids.map(escape).join('|')})(?![\\w-])`, 'g') : undefined;
  patterns.set(resources, pattern);
  return pattern;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
