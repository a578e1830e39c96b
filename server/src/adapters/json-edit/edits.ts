// Minimal text edits on JSON: replace a value, insert a key, append an item, remove a key or item.
// Only the touched characters change; the rest of the file (formatting, key order) stays byte-identical.
import { MapNode, Node, SeqNode, Span } from '../../source/tree';
import { JsonLike, Style, renderJson } from './render';
import { eolOf, indentAt, indentUnit, spansLines, startsLine } from './text';

export interface SpanEdit {
  span: Span;
  newText: string;
}

/** The file's style, compact where the container is written on one line. */
export function styleFor(text: string, container?: Node): Style {
  const compact = container ? !spansLines(text, container.span.start, container.span.end) && container.span.end - container.span.start > 2 : !text.includes('\n');
  return { unit: indentUnit(text), eol: eolOf(text), compact: compact || !text.includes('\n') };
}

/** Replace a value node with `value`, rendered at the node's line indentation. */
export function replaceValue(text: string, node: Node, value: JsonLike, container?: Node): SpanEdit {
  return { span: { ...node.span }, newText: renderJson(value, indentAt(text, node.span.start), styleFor(text, container ?? node)) };
}

/** Indentation for members of a container: that of its existing members, else one step past the container's line. */
function memberIndent(text: string, container: MapNode | SeqNode, members: { span: Span }[], style: Style): string {
  const last = members[members.length - 1];
  if (last && startsLine(text, last.span.start)) return indentAt(text, last.span.start);
  return indentAt(text, container.span.start) + style.unit;
}

function insertMember(text: string, container: MapNode | SeqNode, members: { span: Span }[], render: (indent: string, style: Style) => string): SpanEdit {
  const style = styleFor(text, container);
  const last = members[members.length - 1];
  if (last) {
    if (style.compact || !startsLine(text, last.span.start)) {
      return { span: { start: last.span.end, end: last.span.end }, newText: `, ${render(indentAt(text, last.span.start), { ...style, compact: style.compact })}` };
    }
    const indent = memberIndent(text, container, members, style);
    return { span: { start: last.span.end, end: last.span.end }, newText: `,${style.eol}${indent}${render(indent, style)}` };
  }
  // Empty container: rewrite its inside (between the brackets).
  const open = container.span.start + 1;
  const close = container.span.end - 1;
  if (style.compact || !text.includes('\n')) return { span: { start: open, end: close }, newText: render('', { ...style, compact: true }) };
  const outer = indentAt(text, container.span.start);
  const inner = outer + style.unit;
  return { span: { start: open, end: close }, newText: `${style.eol}${inner}${render(inner, style)}${style.eol}${outer}` };
}

/** Insert `"key": value` as the last member of an object. */
export function insertPair(text: string, map: MapNode, key: string, value: JsonLike): SpanEdit {
  return insertMember(text, map, map.pairs, (indent, style) => `${JSON.stringify(key)}: ${renderJson(value, indent, style)}`);
}

/** Append an item to an array. */
export function appendItem(text: string, seq: SeqNode, value: JsonLike): SpanEdit {
  return insertMember(text, seq, seq.items, (indent, style) => renderJson(value, indent, style));
}

/** Remove member `index` of an object or array, with the comma that joins it to a neighbour. */
export function removeMember(text: string, container: MapNode | SeqNode, index: number): SpanEdit {
  const members: { span: Span }[] = container.kind === 'map' ? container.pairs : container.items;
  if (members.length === 1) return { span: { start: container.span.start + 1, end: container.span.end - 1 }, newText: '' };
  if (index > 0) return { span: { start: members[index - 1].span.end, end: members[index].span.end }, newText: '' };
  return { span: { start: members[0].span.start, end: members[1].span.start }, newText: '' };
}

export interface Located {
  container: MapNode | SeqNode;
  index: number;
}

/** The object or array that holds a pair or item with exactly this span (depth-first from `root`). */
export function findMember(root: Node | undefined, span: Span): Located | undefined {
  if (!root || root.kind === 'scalar') return undefined;
  if (span.start < root.span.start || span.end > root.span.end) return undefined;
  if (root.kind === 'map') {
    for (let i = 0; i < root.pairs.length; i++) {
      const pair = root.pairs[i];
      if ((pair.span.start === span.start && pair.span.end === span.end) || (pair.key.span.start === span.start && pair.key.span.end === span.end)) return { container: root, index: i };
      const inner = findMember(pair.value, span);
      if (inner) return inner;
    }
    return undefined;
  }
  for (let i = 0; i < root.items.length; i++) {
    const item = root.items[i];
    if (item.span.start === span.start && item.span.end === span.end) return { container: root, index: i };
    const inner = findMember(item, span);
    if (inner) return inner;
  }
  return undefined;
}
