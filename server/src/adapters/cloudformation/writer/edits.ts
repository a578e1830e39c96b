// Format-aware text edits on the tree: insert pairs into maps, append list items, remove entries, replace values.
import { MapNode, Node, PairNode, SeqNode, SourceFile, Span } from '../../../source/tree';
import { JsonValue, TextEdit } from '../../../model/types';
import { DEFAULT_JSON_STYLE, DEFAULT_YAML_STYLE, isBlockCollection, jsonCompact, jsonText, yamlAfterKey, yamlInline, yamlItem, yamlScalar } from './render';
import { JsonStyle, YamlStyle } from './style';
import { Located, column, lineEndOf, lineIndent, lineStartOf, nextLineStart, onlyBlankBefore } from './text';

export interface EditContext {
  file: SourceFile;
  eol: string;
  /** YAML: spaces per level. */
  yamlUnit: number;
  /** JSON: the indentation string per level. */
  jsonUnit: string;
  /**
   * The file's habits (quotes, intrinsic form, list indentation, bracket padding; see style.ts). Without
   * it, text is rendered in a fixed style: double quotes, short tags, lists indented one unit.
   */
  style?: { yaml: YamlStyle; json: JsonStyle };
}

function edit(ctx: EditContext, start: number, end: number, newText: string): TextEdit {
  return { file: ctx.file.path, span: { start, end }, newText };
}

function yamlStyle(ctx: EditContext): YamlStyle {
  return ctx.style?.yaml ?? { ...DEFAULT_YAML_STYLE, unit: ctx.yamlUnit, seqIndent: ctx.yamlUnit };
}

function jsonStyle(ctx: EditContext): JsonStyle {
  return ctx.style?.json ?? { ...DEFAULT_JSON_STYLE, unit: ctx.jsonUnit };
}

/** The text after a key (from the colon on) in block YAML, the key at column `keyColumn`. */
function afterKey(ctx: EditContext, value: JsonValue, keyColumn: number): string {
  return yamlAfterKey(value, keyColumn, yamlStyle(ctx), ctx.eol);
}

function inline(ctx: EditContext, value: JsonValue): string {
  return yamlInline(value, yamlStyle(ctx));
}

function key(ctx: EditContext, name: string): string {
  return yamlScalar(name, yamlStyle(ctx));
}

function json(ctx: EditContext, value: JsonValue, baseIndent: string): string {
  return jsonText(value, jsonStyle(ctx), baseIndent, ctx.eol);
}

function compact(ctx: EditContext, value: JsonValue): string {
  return jsonCompact(value, jsonStyle(ctx));
}

/** Insert `key: value` pairs into a map (or into an empty/null value owned by `owner`). */
export function insertPairs(ctx: EditContext, map: Node, owner: PairNode | undefined, entries: [string, JsonValue][], blankLines = false): TextEdit[] {
  if (!entries.length) return [];
  const { text } = ctx.file;
  const eol = ctx.eol;
  if (ctx.file.format === 'json') {
    if (map.kind === 'map' && map.pairs.length) {
      const first = map.pairs[0];
      const last = map.pairs[map.pairs.length - 1];
      const multiLine = lineStartOf(text, first.key.span.start) !== lineStartOf(text, map.span.start);
      const indent = multiLine ? lineIndent(text, first.key.span.start) : '';
      const rendered = entries.map(([k, v]) => (multiLine ? `${eol}${indent}${JSON.stringify(k)}: ${json(ctx, v, indent)}` : ` ${JSON.stringify(k)}: ${compact(ctx, v)}`));
      return [edit(ctx, last.span.end, last.span.end, ',' + rendered.join(','))];
    }
    // An empty object or a null/other value: write a whole object.
    const base = lineIndent(text, map.span.start);
    const object: Record<string, JsonValue> = Object.fromEntries(entries);
    return [edit(ctx, map.span.start, map.span.end, json(ctx, object, base))];
  }
  if (map.kind === 'map' && map.flow) {
    if (map.pairs.length) {
      const last = map.pairs[map.pairs.length - 1];
      return [edit(ctx, last.span.end, last.span.end, entries.map(([k, v]) => `, ${key(ctx, k)}: ${inline(ctx, v)}`).join(''))];
    }
    return [edit(ctx, map.span.start, map.span.end, inline(ctx, Object.fromEntries(entries)))];
  }
  if (map.kind === 'map' && map.pairs.length) {
    const keyColumn = column(text, map.pairs[0].key.span.start);
    const indent = ' '.repeat(keyColumn);
    const last = map.pairs[map.pairs.length - 1];
    const gap = blankLines ? eol : '';
    const rendered = entries.map(([k, v]) => `${eol}${gap}${indent}${key(ctx, k)}${afterKey(ctx, v, keyColumn)}`).join('');
    const at = lineEndOf(text, last.span.end);
    return [edit(ctx, at, at, rendered)];
  }
  // `Key:` with nothing (or a scalar) after it: the pairs go on the following lines.
  if (!owner) return [];
  const keyColumn = column(text, owner.key.span.start) + ctx.yamlUnit;
  const indent = ' '.repeat(keyColumn);
  const rendered = entries.map(([k, v]) => `${eol}${indent}${key(ctx, k)}${afterKey(ctx, v, keyColumn)}`).join('');
  // Nothing written after the colon: the pairs go below the line, leaving a comment there in place.
  const value = owner.value;
  if (value.kind === 'scalar' && value.value === null && value.span.start === value.span.end) {
    const at = lineEndOf(text, owner.key.span.end);
    return [edit(ctx, at, at, rendered)];
  }
  return [edit(ctx, owner.key.span.end, owner.span.end, ':' + rendered)];
}

/**
 * Append pairs to a block YAML map as whole lines after its last line (new resources). Inserting at the
 * start of the next line, not the end of the last one, keeps them apart from a property added to the
 * last entry in the same fix (two inserts at one offset would be applied in a guessed order, or dropped).
 */
export function appendPairLines(ctx: EditContext, map: Node, owner: PairNode | undefined, entries: [string, JsonValue][], blankLines = false): TextEdit[] {
  const { text } = ctx.file;
  if (ctx.file.format !== 'yaml' || map.kind !== 'map' || map.flow || !map.pairs.length || !entries.length) return insertPairs(ctx, map, owner, entries, blankLines);
  const lastLineEnd = lineEndOf(text, map.pairs[map.pairs.length - 1].span.end);
  const at = nextLineStart(text, lastLineEnd);
  // The last line ends the file without a line break: nothing to insert before.
  if (at === lastLineEnd) return insertPairs(ctx, map, owner, entries, blankLines);
  const keyColumn = column(text, map.pairs[0].key.span.start);
  const indent = ' '.repeat(keyColumn);
  const gap = blankLines ? ctx.eol : '';
  const rendered = entries.map(([k, v]) => `${gap}${indent}${key(ctx, k)}${afterKey(ctx, v, keyColumn)}${ctx.eol}`).join('');
  return [edit(ctx, at, at, rendered)];
}

/** Offset of the `-` that introduces a block list item (the item's own start when there is none). */
function dashOf(text: string, item: Node): number {
  const dash = dashBefore(text, item.span.start);
  return dash < 0 ? item.span.start : dash;
}

/** Offset of the `-` right before `offset` (only spaces between), or -1. */
function dashBefore(text: string, offset: number): number {
  let at = offset - 1;
  while (at > 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  return at >= 0 && text[at] === '-' && onlyBlankBefore(text, at) ? at : -1;
}

/** Append an item to a list. */
export function appendItem(ctx: EditContext, seq: SeqNode, item: JsonValue): TextEdit[] {
  const { text } = ctx.file;
  const eol = ctx.eol;
  const last = seq.items[seq.items.length - 1];
  if (ctx.file.format === 'json') {
    if (!last) {
      const base = lineIndent(text, seq.span.start);
      return [edit(ctx, seq.span.start, seq.span.end, json(ctx, [item], base))];
    }
    const multiLine = lineStartOf(text, seq.items[0].span.start) !== lineStartOf(text, seq.span.start);
    const indent = multiLine ? lineIndent(text, seq.items[0].span.start) : '';
    const rendered = multiLine ? `${eol}${indent}${json(ctx, item, indent)}` : ` ${compact(ctx, item)}`;
    return [edit(ctx, last.span.end, last.span.end, ',' + rendered)];
  }
  if (seq.flow || !last) {
    if (!last) return [edit(ctx, seq.span.start, seq.span.end, inline(ctx, [item]))];
    return [edit(ctx, last.span.end, last.span.end, `, ${inline(ctx, item)}`)];
  }
  // The new item lines up with the list's own: same dash column, same gap after the dash.
  const dash = dashOf(text, seq.items[0]);
  const dashColumn = column(text, dash);
  const dashPad = dash < seq.items[0].span.start ? seq.items[0].span.start - dash : yamlStyle(ctx).dashPad;
  const at = lineEndOf(text, last.span.end);
  const rendered = yamlItem(item, dashColumn, yamlStyle(ctx), eol, dashPad);
  return [edit(ctx, at, at, `${eol}${' '.repeat(dashColumn)}-${' '.repeat(dashPad - 1)}${rendered}`)];
}

/**
 * JSON for a value replacing the one at `old` (an entry starting at `entryStart`): like for like. On one
 * line when the entry shares its line with others (`[{ "Ref": "A" }, { "Ref": "B" }]`) or the old value
 * was a one-line object or list; otherwise as the file writes values.
 */
function jsonLikeFor(ctx: EditContext, entryStart: number, old: Span, value: JsonValue): string {
  const { text } = ctx.file;
  const oldCollection = text[old.start] === '{' || text[old.start] === '[';
  const oneLine = !/[\r\n]/.test(text.slice(old.start, old.end));
  if (!onlyBlankBefore(text, entryStart) || (oldCollection && oneLine && old.end - old.start > 2)) return compact(ctx, value);
  return json(ctx, value, lineIndent(text, entryStart));
}

/** Longest line a flow collection is kept on when its value is replaced. */
const MAX_FLOW_LINE = 120;

/** Replace a pair's value (the key stays), laying out block YAML properly. */
export function replacePairValue(ctx: EditContext, pair: PairNode, value: JsonValue, inFlow: boolean): TextEdit[] {
  const { text } = ctx.file;
  if (ctx.file.format === 'json') return [edit(ctx, pair.value.span.start, pair.value.span.end, jsonLikeFor(ctx, pair.key.span.start, pair.value.span, value))];
  const oldBlock = (pair.value.kind === 'map' || pair.value.kind === 'seq') && !pair.value.flow;
  // A flow collection is replaced in flow style (like for like) while the line stays readable.
  const oldFlow = (pair.value.kind === 'map' || pair.value.kind === 'seq') && pair.value.flow;
  const keepFlow = oldFlow && column(text, pair.value.span.start) + inline(ctx, value).length <= MAX_FLOW_LINE;
  if (!inFlow && !keepFlow && (oldBlock || isBlockCollection(value, yamlStyle(ctx)) || pair.value.span.start === pair.value.span.end)) {
    return [edit(ctx, pair.key.span.end, Math.max(pair.key.span.end, pair.value.span.end), afterKey(ctx, value, column(text, pair.key.span.start)))];
  }
  return [edit(ctx, pair.value.span.start, pair.value.span.end, inline(ctx, value))];
}

/** Replace a value node (a list item, or a value without its key) with a literal. */
export function replaceValue(ctx: EditContext, span: Span, value: JsonValue): TextEdit[] {
  const { text } = ctx.file;
  if (ctx.file.format === 'json') return [edit(ctx, span.start, span.end, jsonLikeFor(ctx, span.start, span, value))];
  // A block list item: a map or list goes in block style under its dash.
  const dash = dashBefore(text, span.start);
  if (dash >= 0 && isBlockCollection(value, yamlStyle(ctx))) {
    return [edit(ctx, span.start, span.end, yamlItem(value, column(text, dash), yamlStyle(ctx), ctx.eol, span.start - dash))];
  }
  const needsSpace = span.start > 0 && text[span.start - 1] === ':';
  return [edit(ctx, span.start, span.end, (needsSpace ? ' ' : '') + inline(ctx, value))];
}

/** Whether the line starting at `offset` holds only whitespace (and is not the end of the text). */
function isBlankLine(text: string, offset: number): boolean {
  if (offset >= text.length) return false;
  return /^[ \t]*$/.test(text.slice(offset, lineEndOf(text, offset)));
}

/** Start of the run of blank lines right above the line starting at `offset` (`offset` when none). */
function blankLinesAbove(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const previous = lineStartOf(text, at - 1);
    if (!/^[ \t]*\r?\n$/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}

const NEXT_LINE_DIRECTIVE = /^[ \t]*#\s*exposure-lint-disable-next-line\b[^\n]*\n$/;

/**
 * Start of the `# exposure-lint-disable-next-line` comments right above the line at `offset`: they go
 * with the entry they annotate (left behind, they would silence whatever line comes next).
 */
function directivesAbove(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const previous = lineStartOf(text, at - 1);
    if (!NEXT_LINE_DIRECTIVE.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}

function entrySpan(found: Located, i: number): Span {
  return found.kind === 'pair' ? (found.container as MapNode).pairs[i].span : (found.container as SeqNode).items[i].span;
}

/** Remove a pair or a list item; block YAML drops whole lines, flow/JSON fixes the commas. */
export function removeEntry(ctx: EditContext, found: Located, removeOwner: (owner: Node) => TextEdit[]): TextEdit[] {
  const { text } = ctx.file;
  const container = found.container;
  const count = container.kind === 'map' ? container.pairs.length : container.items.length;
  const span = entrySpan(found, found.index);
  const flow = container.flow || ctx.file.format === 'json';
  if (flow) {
    if (count === 1) return [edit(ctx, container.span.start + 1, container.span.end - 1, '')];
    if (found.index < count - 1) return [edit(ctx, span.start, entrySpan(found, found.index + 1).start, '')];
    return [edit(ctx, entrySpan(found, found.index - 1).end, span.end, '')];
  }
  const start = found.kind === 'item' ? dashOf(text, found.item) : span.start;
  if (count === 1) {
    const owner = found.owner;
    if (owner && 'key' in owner) {
      // The only entry of a block collection under a key: leave an empty one (`Key: {}` / `Key: []`).
      const empty = container.kind === 'map' ? '{}' : '[]';
      return [edit(ctx, owner.key.span.end, lineEndOf(text, span.end), ': ' + empty)];
    }
    // The only pair of a map that is itself a list item: the item goes.
    if (owner) return removeOwner(owner);
    return [];
  }
  if (onlyBlankBefore(text, start)) {
    const from = directivesAbove(text, lineStartOf(text, start));
    const to = nextLineStart(text, lineEndOf(text, span.end));
    // Entries set apart by blank lines (resources): take the blank line above too when one follows or
    // the entry was the last, so one blank line is left between neighbours, not two.
    const above = blankLinesAbove(text, from);
    const last = found.index === count - 1;
    if (above < from && (last || isBlankLine(text, to))) return [edit(ctx, above, to, '')];
    return [edit(ctx, from, to, '')];
  }
  // `- Key: v` with more pairs below: pull the next pair up to the dash line.
  const next = found.index < count - 1 ? entrySpan(found, found.index + 1) : undefined;
  if (next) {
    const nextStart = found.kind === 'item' ? dashOf(text, (container as SeqNode).items[found.index + 1]) : next.start;
    return [edit(ctx, start, nextStart, '')];
  }
  return [edit(ctx, start, span.end, '')];
}

/** Replace a pair (key and value) in place with one or more pairs, in the container's style. */
export function replacePairWith(ctx: EditContext, pair: PairNode, container: MapNode, entries: [string, JsonValue][]): TextEdit[] {
  if (!entries.length) return [];
  const { text } = ctx.file;
  const end = Math.max(pair.key.span.end, pair.value.span.end);
  if (ctx.file.format === 'json') {
    const multiLine = container.pairs.length > 1
      ? lineStartOf(text, container.pairs[0].key.span.start) !== lineStartOf(text, container.pairs[container.pairs.length - 1].key.span.start)
      : lineStartOf(text, pair.key.span.start) !== lineStartOf(text, container.span.start);
    const indent = lineIndent(text, pair.key.span.start);
    const rendered = entries.map(([k, v]) => `${JSON.stringify(k)}: ${multiLine ? json(ctx, v, indent) : compact(ctx, v)}`);
    return [edit(ctx, pair.key.span.start, end, rendered.join(multiLine ? `,${ctx.eol}${indent}` : ', '))];
  }
  if (container.flow) return [edit(ctx, pair.key.span.start, end, entries.map(([k, v]) => `${key(ctx, k)}: ${inline(ctx, v)}`).join(', '))];
  const keyColumn = column(text, pair.key.span.start);
  const rendered = entries.map(([k, v], i) => `${i ? ctx.eol + ' '.repeat(keyColumn) : ''}${key(ctx, k)}${afterKey(ctx, v, keyColumn)}`).join('');
  return [edit(ctx, pair.key.span.start, end, rendered)];
}
