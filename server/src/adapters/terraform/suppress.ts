// Edits that suppress a rule on one Terraform JSON resource: its `"//": {"exposure-lint": {"suppress": ...}}` key
// (for the editor's "disable for this resource" action; JSON has no comments to put a directive in).
import { MapNode, SourceFile, getPair, scalarString } from '../../source/tree';
import { TextEdit } from '../../model/types';
import { SpanEdit, appendItem, insertPair, replaceValue } from '../json-edit';
import { readModule } from './module';
import { addressOf } from './writer';

/** Written as the reason of a new suppression; the user replaces it. */
export const TERRAFORM_SUPPRESS_REASON = 'TODO: why this exposure is acceptable';

/**
 * Edits adding `ruleId` to the suppressions of the resource `resourceId` (a Terraform address, or an id of a
 * part of it like `aws_security_group.web.ingress[0]`) in `file`. Empty when the resource is not in the file
 * or already suppresses the rule.
 */
export function terraformSuppressionEdits(file: SourceFile, resourceId: string, ruleId: string, reason = TERRAFORM_SUPPRESS_REASON): TextEdit[] {
  if (file.format !== 'json') return [];
  const res = readModule([file]).resources.get(addressOf(resourceId));
  if (!res?.body) return [];
  const edit = suppressIn(file.text, res.body, ruleId, reason);
  return edit ? [{ file: file.path, span: edit.span, newText: edit.newText }] : [];
}

function suppressIn(text: string, body: MapNode, ruleId: string, reason: string): SpanEdit | undefined {
  const entry = { [ruleId]: reason };
  const comment = body.pairs.find((p) => p.key.value === '//' && p.value.kind === 'map') ?? getPair(body, '//');
  if (!comment) return insertPair(text, body, '//', { 'exposure-lint': { suppress: entry } });
  if (comment.value.kind !== 'map') {
    // A plain comment string: keep its words beside our key.
    const words = scalarString(comment.value);
    return replaceValue(text, comment.value, { ...(words !== undefined ? { comment: words } : {}), 'exposure-lint': { suppress: entry } }, body);
  }
  const ours = getPair(comment.value, 'exposure-lint');
  if (!ours) return insertPair(text, comment.value, 'exposure-lint', { suppress: entry });
  if (ours.value.kind !== 'map') return replaceValue(text, ours.value, { suppress: entry }, comment.value);
  const suppress = getPair(ours.value, 'suppress');
  if (!suppress) return insertPair(text, ours.value, 'suppress', entry);
  const list = suppress.value;
  if (list.kind === 'map') return getPair(list, ruleId) || getPair(list, '*') ? undefined : insertPair(text, list, ruleId, reason);
  if (list.kind === 'seq') return list.items.some((i) => scalarString(i) === ruleId || scalarString(i) === '*') ? undefined : appendItem(text, list, ruleId);
  const names = (scalarString(list) ?? '').split(/[\s,]+/).filter(Boolean);
  if (names.includes(ruleId) || names.includes('*')) return undefined;
  return replaceValue(text, list, [...names, ruleId].join(', '), ours.value);
}
