// Fix edits on HCL (.tf) text: replace a value, set or add an argument or nested block, remove an argument,
// list item or block, append to a list, add resources. Only the touched text changes; the rest of the file
// (comments, heredocs, alignment of `=`) stays byte-identical.
import { MapNode, Node, PairNode, SeqNode, SourceFile, Span, getPair } from '../../../source/tree';
import { JsonValue } from '../../../model/types';
import { findMember } from '../../json-edit';
import { blockSpanOf } from './convert';

export interface HclEdit {
  span: Span;
  newText: string;
}

/** Object-valued arguments that are maps, not nested blocks (rendered `name = {...}`). */
const MAP_ARGUMENTS = new Set(['tags', 'tags_all', 'variables', 'environment', 'labels', 'parameters', 'triggers', 'options', 'metadata', 'attributes']);

function isBlock(name: string, value: JsonValue): boolean {
  if (MAP_ARGUMENTS.has(name) || value === null || typeof value !== 'object') return false;
  return Array.isArray(value) ? value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) : true;
}

/** An HCL expression for a value: "${expr}" strings are written as the bare expression. */
export function renderExpr(value: JsonValue, indent: string): string {
  if (typeof value === 'string') {
    const bare = /^\$\{([^{}]*)\}$/.exec(value);
    return bare ? bare[1].trim() : JSON.stringify(value).replace(/\\u([0-9a-f]{4})/g, '\\u$1');
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => renderExpr(v, indent)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${renderExpr(v, indent + '  ')},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  const width = Math.max(...entries.map(([k]) => key(k).length));
  return `{\n${entries.map(([k, v]) => `${indent}  ${key(k).padEnd(width)} = ${renderExpr(v, indent + '  ')}`).join('\n')}\n${indent}}`;
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
}

/** The lines of a body: arguments first (`=` aligned), then nested blocks. */
export function renderBody(body: Record<string, JsonValue>, indent: string): string[] {
  const entries = Object.entries(body);
  const args = entries.filter(([k, v]) => !isBlock(k, v));
  const blocks = entries.filter(([k, v]) => isBlock(k, v));
  const width = args.length ? Math.max(...args.map(([k]) => key(k).length)) : 0;
  const lines = args.map(([k, v]) => `${indent}${key(k).padEnd(width)} = ${renderExpr(v, indent)}`);
  for (const [name, value] of blocks) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (lines.length) lines.push('');
      lines.push(...renderBlock(name, [], item as Record<string, JsonValue>, indent));
    }
  }
  return lines;
}

export function renderBlock(type: string, labels: string[], body: Record<string, JsonValue>, indent: string): string[] {
  const head = [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
  const inner = renderBody(body, indent + '  ');
  return inner.length ? [`${indent}${head} {`, ...inner, `${indent}}`] : [`${indent}${head} {}`];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Whether nothing but whitespace is on the line before `start` and (up to a comment) after `end`. */
function standsAlone(text: string, span: Span): boolean {
  const before = text.slice(lineStart(text, span.start), span.start);
  const nl = text.indexOf('\n', span.end);
  const after = text.slice(span.end, nl < 0 ? text.length : nl);
  return !before.trim() && (!after.trim() || /^\s*(#|\/\/)/.test(after));
}

/** The whole lines of a span (with the line break after it), when it stands alone on them. */
function wholeLines(text: string, span: Span): Span {
  if (!standsAlone(text, span)) return span;
  const nl = text.indexOf('\n', span.end);
  return { start: lineStart(text, span.start), end: nl < 0 ? text.length : nl + 1 };
}

export class HclWriter {
  constructor(private readonly file: SourceFile) {}

  /** Replace a value (an argument's expression or a list item). */
  replace(span: Span, value: JsonValue): HclEdit {
    return { span: { ...span }, newText: renderExpr(value, indentAt(this.file.text, span.start)) };
  }

  /** Set `path` in a body (nested blocks descended), inserting what is missing before the closing brace. */
  set(body: MapNode, path: string[], value: JsonValue): HclEdit | undefined {
    let map = body;
    for (let i = 0; i < path.length; i++) {
      const pair = getPair(map, path[i]);
      const rest = nest(path.slice(i + 1), value);
      if (!pair) return this.insert(map, path[i], rest);
      if (i === path.length - 1) {
        if (isBlock(path[i], value) && pair.value.kind !== 'scalar') {
          // A nested block (or repeated blocks) replaced by the new block(s), at the same place.
          const indent = indentAt(this.file.text, pair.span.start);
          const lines = (Array.isArray(value) ? value : [value]).flatMap((item, n) => [...(n ? [''] : []), ...renderBlock(path[i], [], item as Record<string, JsonValue>, indent)]);
          return { span: { ...pair.span }, newText: lines.join(eol(this.file.text)).slice(indent.length) };
        }
        return this.replace(pair.value.span, value);
      }
      const inner = pair.value.kind === 'map' ? pair.value : pair.value.kind === 'seq' && pair.value.items[0]?.kind === 'map' ? pair.value.items[0] : undefined;
      if (!inner) return this.replace(pair.value.span, rest);
      map = inner;
    }
    return undefined;
  }

  /** A new argument or block as the last line(s) of a body, aligned like its neighbours. */
  insert(map: MapNode, name: string, value: JsonValue): HclEdit {
    const text = this.file.text;
    const close = map.span.end - 1;
    const nl = eol(text);
    const last = map.pairs[map.pairs.length - 1];
    const indent = last ? indentAt(text, last.span.start) : indentAt(text, map.span.start) + '  ';
    let lines: string[];
    if (isBlock(name, value)) {
      lines = (Array.isArray(value) ? value : [value]).flatMap((item, i) => [...(i || map.pairs.length ? [''] : []), ...renderBlock(name, [], item as Record<string, JsonValue>, indent)]);
    } else {
      // Align `=` with the arguments above when they are aligned and the new name fits.
      const column = alignedColumn(text, map);
      const padded = column !== undefined && column >= name.length ? key(name).padEnd(column) : key(name);
      lines = [`${indent}${padded} = ${renderExpr(value, indent)}`];
    }
    const closeLineStart = lineStart(text, close);
    if (!text.slice(closeLineStart, close).trim() && map.pairs.length + 0 >= 0 && text.slice(map.span.start, close).includes('\n')) {
      // `}` on its own line: the new lines go just above it.
      return { span: { start: closeLineStart, end: closeLineStart }, newText: lines.join(nl) + nl };
    }
    // `{}` or a one-line block: open it up.
    const outer = indentAt(text, map.span.start);
    const inside = text.slice(map.span.start + 1, close).trim();
    const existing = inside ? [`${outer}  ${inside}`] : [];
    const relined = lines.map((l) => l.replace(new RegExp(`^${indent}`), `${outer}  `));
    return { span: { start: map.span.start, end: map.span.end }, newText: `{${nl}${[...existing, ...relined].join(nl)}${nl}${outer}}` };
  }

  /** Remove the argument, block, or list item at `span`. */
  remove(span: Span): HclEdit | undefined {
    const root = this.file.root;
    const text = this.file.text;
    // A nested block given by its body (`ingress { ... }`): the block's lines go.
    const owner = ownerOf(root, span);
    if (owner) return { span: wholeLines(text, owner.span), newText: '' };
    const found = findMember(root, span);
    if (!found) return undefined;
    if (found.container.kind === 'map') {
      const pair = found.container.pairs[found.index];
      return { span: wholeLines(text, pair.span), newText: '' };
    }
    const seq = found.container;
    const item = seq.items[found.index];
    const block = blockSpanOf(item);
    // A repeated nested block (`ingress {}` twice) is an item of a list we made: remove the block's lines.
    if (block) return { span: wholeLines(text, block), newText: '' };
    return removeItem(text, seq, found.index);
  }

  /** Append an item to a list literal. */
  append(seq: SeqNode, item: JsonValue): HclEdit {
    const text = this.file.text;
    const last = seq.items[seq.items.length - 1];
    if (!last) return { span: { ...seq.span }, newText: `[${renderExpr(item, indentAt(text, seq.span.start))}]` };
    if (text.slice(last.span.end, seq.span.end).includes('\n') || text.slice(seq.span.start, last.span.start).includes('\n')) {
      const indent = indentAt(text, last.span.start);
      const comma = /^\s*,/.test(text.slice(last.span.end)) ? '' : ',';
      const after = last.span.end + (comma ? 0 : text.slice(last.span.end).indexOf(',') + 1);
      return { span: { start: after, end: after }, newText: `${comma}${eol(text)}${indent}${renderExpr(item, indent)}${comma ? '' : ','}` };
    }
    return { span: { start: last.span.end, end: last.span.end }, newText: `, ${renderExpr(item, indentAt(text, last.span.start))}` };
  }

  /** New resource blocks at the end of the file. */
  addResources(resources: { type: string; name: string; body: Record<string, JsonValue> }[]): HclEdit {
    const text = this.file.text;
    const nl = eol(text);
    const blocks = resources.map((r) => renderBlock('resource', [r.type, r.name], r.body, '').join(nl));
    const lead = text.endsWith('\n') ? nl : nl + nl;
    return { span: { start: text.length, end: text.length }, newText: `${text.length ? lead : ''}${blocks.join(nl + nl)}${nl}` };
  }

  /** Replace an argument (name and value) with other arguments, in place. */
  replacePair(pair: PairNode, entries: [string, JsonValue][]): HclEdit {
    const text = this.file.text;
    const indent = indentAt(text, pair.span.start);
    const lines = entries.map(([name, value], i) => `${i ? indent : ''}${key(name)} = ${renderExpr(value, indent)}`);
    return { span: { ...pair.span }, newText: lines.join(eol(text)) };
  }
}

/** The pair whose value (a block body) has exactly this span. */
function ownerOf(root: Node | undefined, span: Span): PairNode | undefined {
  if (!root || root.kind === 'scalar' || span.start < root.span.start || span.end > root.span.end) return undefined;
  if (root.kind === 'map') {
    for (const pair of root.pairs) {
      if (pair.value.kind === 'map' && pair.value.span.start === span.start && pair.value.span.end === span.end && blockSpanOf(pair.value)) return pair;
      const inner = ownerOf(pair.value, span);
      if (inner) return inner;
    }
    return undefined;
  }
  for (const item of root.items) {
    const inner = ownerOf(item, span);
    if (inner) return inner;
  }
  return undefined;
}

/** The name width the `=` of a body's arguments is aligned to, when they are aligned (two or more). */
function alignedColumn(text: string, map: MapNode): number | undefined {
  const args = map.pairs.filter((p) => p.value.kind !== 'map' && text.slice(p.key.span.end, p.value.span.start).includes('='));
  if (args.length < 2) return undefined;
  const widths = args.map((p) => text.indexOf('=', p.key.span.end) - p.key.span.start - 1);
  return widths.every((w) => w === widths[0]) ? widths[0] : undefined;
}

function removeItem(text: string, seq: SeqNode, index: number): HclEdit {
  const item = seq.items[index];
  if (seq.items.length === 1) return { span: { ...seq.span }, newText: '[]' };
  if (index < seq.items.length - 1) {
    const next = seq.items[index + 1];
    // `a, b` -> `b`; on separate lines, the item's line goes.
    const lines = wholeLines(text, { start: item.span.start, end: item.span.end + (/^\s*,/.exec(text.slice(item.span.end))?.[0].length ?? 0) });
    if (lines.start !== item.span.start) return { span: lines, newText: '' };
    return { span: { start: item.span.start, end: next.span.start }, newText: '' };
  }
  const prev = seq.items[index - 1];
  const trailing = /^\s*,/.exec(text.slice(item.span.end))?.[0].length ?? 0;
  const lines = wholeLines(text, { start: item.span.start, end: item.span.end + trailing });
  if (lines.start !== item.span.start) return { span: lines, newText: '' };
  return { span: { start: prev.span.end, end: item.span.end }, newText: '' };
}

function nest(path: string[], value: JsonValue): JsonValue {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out;
}

export type { Node };
