// What a resource's `exposure-lint` metadata says (intended edge, suppressions), read alike from CFN Metadata and Terraform "//".
import { EntityBase, Loc, Suppression } from '../../model/types';
import { Node, getValue, readPairs, scalarString } from '../../source/tree';
import { rulesForPeerIds } from '../../engine/peer-suppressions';

/** Anything that turns a node into a location in its file (both adapters' readers and the CFN context). */
export interface Locator {
  loc(node: { span: { start: number; end: number } }): Loc;
}

/** Applies an `exposure-lint` map to the entity base: `intended-edge: true` and the `suppress` entries. */
export function applyOurMetadata(at: Locator, base: EntityBase, ours: Node): void {
  const edge = getValue(ours, 'intended-edge');
  if (edge?.kind === 'scalar' && (edge.value === true || String(edge.value).toLowerCase() === 'true')) base.intendedEdge = true;
  base.suppressions.push(...readSuppressions(at, getValue(ours, 'suppress')));
}

/** `suppress` as a map of rule -> reason, a list of rules, or one string of rules. */
export function readSuppressions(at: Locator, node: Node | undefined): Suppression[] {
  const out: Suppression[] = [];
  if (!node) return out;
  if (node.kind === 'map') {
    for (const pair of readPairs(node)) {
      const ruleId = scalarString(pair.key);
      if (!ruleId) continue;
      const reason = scalarString(pair.value);
      out.push(reason !== undefined ? { ruleId, reason, loc: at.loc(pair) } : { ruleId, loc: at.loc(pair) });
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      const ruleId = scalarString(item);
      if (ruleId) out.push({ ruleId, loc: at.loc(item) });
    }
  } else {
    // `suppress: rule-a, rule-b` or `suppress: "*"`.
    for (const ruleId of (scalarString(node) ?? '').split(/[\s,]+/).filter(Boolean)) out.push({ ruleId, loc: at.loc(node) });
  }
  return out;
}

/**
 * Suppressions written for other scanners in CloudFormation Metadata, mapped to our rules:
 * `checkov.skip: [{id, comment}]`, `cfn_nag.rules_to_suppress: [{id, reason}]`, `cfn-lint.config.ignore_checks: [id]`.
 */
export function applyPeerMetadata(at: Locator, base: EntityBase, metadata: Node | undefined): void {
  const lists: [Node | undefined, string][] = [
    [getValue(getValue(metadata, 'checkov'), 'skip'), 'comment'],
    [getValue(getValue(metadata, 'cfn_nag'), 'rules_to_suppress'), 'reason'],
    [getValue(getValue(getValue(metadata, 'cfn-lint'), 'config'), 'ignore_checks'), ''],
  ];
  for (const [list, reasonKey] of lists) {
    if (list?.kind !== 'seq') continue;
    for (const item of list.items) {
      const id = item.kind === 'map' ? scalarString(getValue(item, 'id')) : scalarString(item);
      if (!id) continue;
      const reason = reasonKey ? scalarString(getValue(item, reasonKey)) : undefined;
      for (const ruleId of rulesForPeerIds([id])) base.suppressions.push(reason !== undefined ? { ruleId, reason, loc: at.loc(item) } : { ruleId, loc: at.loc(item) });
    }
  }
}
