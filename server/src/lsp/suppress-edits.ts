// Edits that suppress a finding: a `# exposure-lint-disable-next-line` comment above its line (YAML), or a
// `Metadata: { exposure-lint: { suppress: { <rule>: reason } } }` entry on its resource (CloudFormation YAML and JSON).
import { TextEdit } from '../model/types';
import { looksLikeJson, parseSource } from '../source/parse';
import { computeLineStarts, getPair, PairNode, SourceFile } from '../source/tree';
import { appendItem, EditContext, insertPairs } from '../adapters/cloudformation/writer/edits';
import { detectEol, detectJsonIndent, detectYamlIndent } from '../adapters/cloudformation/writer/text';

/** Written as the reason of a new Metadata suppression; the user replaces it. */
export const SUPPRESS_REASON = 'TODO: why this exposure is acceptable';

const NEXT_LINE_START = /^[ \t]*#\s*exposure-lint-disable-next-line/;

/**
 * A `# exposure-lint-disable-next-line rules -- reason` line: where its rule list starts and what it says.
 * Scanned by hand, in one pass: the regular expression it replaces backtracked cubically on long runs of spaces.
 */
export function parseNextLine(line: string): { rulesStart: number; rules: string } | undefined {
  const head = NEXT_LINE_START.exec(line);
  if (!head) return undefined;
  const rest = line.slice(head[0].length);
  if (/[\n\r]/.test(rest)) return undefined;
  const isBlank = (c: string) => c === ' ' || c === '\t';
  let body = 0;
  while (body < rest.length && isBlank(rest[body])) body++;
  if (body === 0) {
    // No space after the keyword: only a reason or nothing may follow.
    return rest === '' || rest.startsWith('--') ? { rulesStart: head[0].length, rules: '' } : undefined;
  }
  const dashes = rest.indexOf('--', body);
  let end = dashes < 0 ? rest.length : dashes;
  while (end > body && isBlank(rest[end - 1])) end--;
  return { rulesStart: head[0].length + body, rules: rest.slice(body, end) };
}

/**
 * A disable-next-line comment for `ruleId` above line `line` (0-based), indented like it; when the line
 * above already is such a comment, the rule joins its list. Undefined when the rule is already listed.
 */
export function disableLineEdit(file: string, text: string, line: number, ruleId: string): TextEdit | undefined {
  const starts = computeLineStarts(text);
  if (line < 0 || line >= starts.length) return undefined;
  const start = starts[line];
  const lineText = text.slice(start, line + 1 < starts.length ? starts[line + 1] : text.length).replace(/\r?\n$|\r$/, '');
  if (line > 0) {
    const prevStart = starts[line - 1];
    const prev = text.slice(prevStart, start).replace(/\r?\n$|\r$/, '');
    const match = parseNextLine(prev);
    if (match) {
      const rules = match.rules.split(/[\s,]+/).filter(Boolean);
      if (!rules.length || rules.includes(ruleId)) return undefined; // already covers every rule, or this one
      const at = prevStart + match.rulesStart + match.rules.length;
      return { file, span: { start: at, end: at }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { file, span: { start, end: start }, newText: `${indent}# exposure-lint-disable-next-line ${ruleId}${eol}` };
}

/** True when suppression comments can be written in this text (YAML, not JSON). */
export function acceptsComments(file: string, text: string): boolean {
  return !/\.json$/i.test(file) && !looksLikeJson(text);
}

/**
 * Edits adding `ruleId` to the resource's Metadata suppressions (creating Metadata, exposure-lint and
 * suppress as needed). Empty when the resource is not found, already suppresses the rule, or its
 * Metadata is written in a way we cannot extend safely (an intrinsic, a scalar).
 */
export function suppressInMetadataEdits(path: string, text: string, resourceId: string, ruleId: string, parsed?: SourceFile): TextEdit[] {
  const file = parsed ?? parseSource(path, text);
  if (!file.root || file.problems.some((p) => p.severity === 'error')) return [];
  const resources = getPair(file.root, 'Resources');
  const resource = getPair(resources?.value, resourceId) ?? getPair(resources?.value, resourceId.split('.')[0]);
  if (!resources || !resource || resource.value.kind !== 'map') return [];
  const ctx: EditContext = {
    file,
    eol: detectEol(file.text),
    yamlUnit: detectYamlIndent(file, resources.value, resources),
    jsonUnit: detectJsonIndent(file.text),
  };
  const entry = (): Record<string, string> => ({ [ruleId]: SUPPRESS_REASON });
  const metadata = getPair(resource.value, 'Metadata');
  if (!metadata) return insertPairs(ctx, resource.value, resource, [['Metadata', { 'exposure-lint': { suppress: entry() } }]]);
  if (!isNullOrMap(metadata)) return [];
  const ours = getPair(metadata.value, 'exposure-lint');
  if (!ours) return insertPairs(ctx, metadata.value, metadata, [['exposure-lint', { suppress: entry() }]]);
  if (!isNullOrMap(ours)) return [];
  const suppress = getPair(ours.value, 'suppress');
  if (!suppress) return insertPairs(ctx, ours.value, ours, [['suppress', entry()]]);
  const list = suppress.value;
  if (list.kind === 'seq') {
    if (list.items.some((item) => item.kind === 'scalar' && item.value === ruleId)) return [];
    return appendItem(ctx, list, ruleId);
  }
  if (!isNullOrMap(suppress) || getPair(list, ruleId)) return [];
  return insertPairs(ctx, list, suppress, [[ruleId, SUPPRESS_REASON]]);
}

function isNullOrMap(pair: PairNode): boolean {
  const value = pair.value;
  if (value.kind === 'scalar') return value.value === null;
  return value.kind === 'map' && !value.pairs.some((p) => typeof p.key.value === 'string' && (p.key.value.startsWith('Fn::') || p.key.value === 'Ref'));
}
