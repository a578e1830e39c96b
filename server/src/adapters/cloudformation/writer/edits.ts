// Format-aware text edits on the tree: insert pairs into maps, append list items, remove entries, replace values.
import { MapNode, Node, PairNode, SeqNode, SourceFile, Span } from '../../../source/tree';
import { JsonValue, TextEdit } from '../../../model/types';
import { isBlockCollection, jsonCompact, jsonText, yamlBlock, yamlInline, yamlScalar } from './render';
import { Located, column, lineEndOf, lineIndent, lineStartOf, nextLineStart, onlyBlankBefore } from './text';

export interface EditContext {
  file: SourceFile;
  eol: string;
  /** YAML: spaces per level. */
  yamlUnit: number;
  /** JSON: the indentation string per level. */
  jsonUnit: string;
}

function edit(ctx: EditContext, start: number, end: number, newText: string): TextEdit {
  return { file: ctx.file.path, span: { start, end }, newText };
}

/** The text after `key:` for a value in block YAML whose key is indented by `indent`. */
function yamlAfterKey(ctx: EditContext, value: JsonValue, indent: string): string {
  if (isBlockCollection(value)) return ctx.eol + yamlBlock(value, ctx.yamlUnit, indent + ' '.repeat(ctx.yamlUnit), ctx.eol);
  return ' ' + yamlInline(value);
}

/** A list item's text after `- ` in block YAML, with the dash at column `dashIndent`. */
function yamlItem(ctx: EditContext, value: JsonValue, dashIndent: string): string {
  if (!isBlockCollection(value) || Array.isArray(value)) return yamlInline(value);
  const [first, ...rest] = yamlBlock(value, ctx.yamlUnit, '', '\n').split('\n');
  return [first, ...rest.map((line) => (line ? dashIndent + '  ' + line : line))].join(ctx.eol);
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
      const rendered = entries.map(([k, v]) => (multiLine ? `${eol}${indent}${JSON.stringify(k)}: ${jsonText(v, ctx.jsonUnit, indent, eol)}` : ` ${JSON.stringify(k)}: ${jsonCompact(v)}`));
      return [edit(ctx, last.span.end, last.span.end, ',' + rendered.join(','))];
    }
    // An empty object or a null/other value: write a whole object.
    const base = lineIndent(text, map.span.start);
    const object: Record<string, JsonValue> = Object.fromEntries(entries);
    return [edit(ctx, map.span.start, map.span.end, jsonText(object, ctx.jsonUnit, base, eol))];
  }
  if (map.kind === 'map' && map.flow) {
    const rendered = entries.map(([k, v]) => `${yamlScalar(k)}: ${yamlInline(v)}`).join(', ');
    if (map.pairs.length) {
      const last = map.pairs[map.pairs.length - 1];
      return [edit(ctx, last.span.end, last.span.end, ', ' + rendered)];
    }
    return [edit(ctx, map.span.start, map.span.end, `{${rendered}}`)];
  }
  if (map.kind === 'map' && map.pairs.length) {
    const indent = ' '.repeat(column(text, map.pairs[0].key.span.start));
    const last = map.pairs[map.pairs.length - 1];
    const gap = blankLines ? eol : '';
    const rendered = entries.map(([k, v]) => `${eol}${gap}${indent}${yamlScalar(k)}:${yamlAfterKey(ctx, v, indent)}`).join('');
    const at = lineEndOf(text, last.span.end);
    return [edit(ctx, at, at, rendered)];
  }
  // `Key:` with nothing (or a scalar) after it: the pairs go on the following lines.
  if (!owner) return [];
  const indent = ' '.repeat(column(text, owner.key.span.start) + ctx.yamlUnit);
  const rendered = entries.map(([k, v]) => `${eol}${indent}${yamlScalar(k)}:${yamlAfterKey(ctx, v, indent)}`).join('');
  return [edit(ctx, owner.key.span.end, owner.span.end, ':' + rendered)];
}

/** Offset of the `-` that introduces a block list item. */
function dashOf(text: string, item: Node): number {
  let at = item.span.start - 1;
  while (at > 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  return text[at] === '-' ? at : item.span.start;
}

/** Append an item to a list. */
export function appendItem(ctx: EditContext, seq: SeqNode, item: JsonValue): TextEdit[] {
  const { text } = ctx.file;
  const eol = ctx.eol;
  const last = seq.items[seq.items.length - 1];
  if (ctx.file.format === 'json') {
    if (!last) {
      const base = lineIndent(text, seq.span.start);
      return [edit(ctx, seq.span.start, seq.span.end, jsonText([item], ctx.jsonUnit, base, eol))];
    }
    const multiLine = lineStartOf(text, seq.items[0].span.start) !== lineStartOf(text, seq.span.start);
    const indent = multiLine ? lineIndent(text, seq.items[0].span.start) : '';
    const rendered = multiLine ? `${eol}${indent}${jsonText(item, ctx.jsonUnit, indent, eol)}` : ` ${jsonCompact(item)}`;
    return [edit(ctx, last.span.end, last.span.end, ',' + rendered)];
  }
  if (seq.flow || !last) {
    if (!last) return [edit(ctx, seq.span.start, seq.span.end, `[${yamlInline(item)}]`)];
    return [edit(ctx, last.span.end, last.span.end, `, ${yamlInline(item)}`)];
  }
  const dashIndent = ' '.repeat(column(text, dashOf(text, seq.items[0])));
  const at = lineEndOf(text, last.span.end);
  return [edit(ctx, at, at, `${eol}${dashIndent}- ${yamlItem(ctx, item, dashIndent)}`)];
}

/** Replace a pair's value (the key stays), laying out block YAML properly. */
export function replacePairValue(ctx: EditContext, pair: PairNode, value: JsonValue, inFlow: boolean): TextEdit[] {
  const { text } = ctx.file;
  if (ctx.file.format === 'json') {
    return [edit(ctx, pair.value.span.start, pair.value.span.end, jsonText(value, ctx.jsonUnit, lineIndent(text, pair.key.span.start), ctx.eol))];
  }
  const oldBlock = (pair.value.kind === 'map' || pair.value.kind === 'seq') && !pair.value.flow;
  if (!inFlow && (oldBlock || isBlockCollection(value) || pair.value.span.start === pair.value.span.end)) {
    const indent = ' '.repeat(column(text, pair.key.span.start));
    return [edit(ctx, pair.key.span.end, Math.max(pair.key.span.end, pair.value.span.end), ':' + yamlAfterKey(ctx, value, indent))];
  }
  return [edit(ctx, pair.value.span.start, pair.value.span.end, yamlInline(value))];
}

/** Replace a value node (a list item, or a value without its key) with a literal. */
export function replaceValue(ctx: EditContext, span: Span, value: JsonValue): TextEdit[] {
  const { text } = ctx.file;
  if (ctx.file.format === 'json') return [edit(ctx, span.start, span.end, jsonText(value, ctx.jsonUnit, lineIndent(text, span.start), ctx.eol))];
  const needsSpace = span.start > 0 && text[span.start - 1] === ':';
  return [edit(ctx, span.start, span.end, (needsSpace ? ' ' : '') + yamlInline(value))];
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
  if (onlyBlankBefore(text, start)) return [edit(ctx, lineStartOf(text, start), nextLineStart(text, lineEndOf(text, span.end)), '')];
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
    const rendered = entries.map(([k, v]) => `${JSON.stringify(k)}: ${multiLine ? jsonText(v, ctx.jsonUnit, indent, ctx.eol) : jsonCompact(v)}`);
    return [edit(ctx, pair.key.span.start, end, rendered.join(multiLine ? `,${ctx.eol}${indent}` : ', '))];
  }
  if (container.flow) return [edit(ctx, pair.key.span.start, end, entries.map(([k, v]) => `${yamlScalar(k)}: ${yamlInline(v)}`).join(', '))];
  const indent = ' '.repeat(column(text, pair.key.span.start));
  const rendered = entries.map(([k, v], i) => `${i ? ctx.eol + indent : ''}${yamlScalar(k)}:${yamlAfterKey(ctx, v, indent)}`).join('');
  return [edit(ctx, pair.key.span.start, end, rendered)];
}
