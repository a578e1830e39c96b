// Text helpers for edits: lines, indentation, the file's line ending and indent unit, finding nodes by span.
import { Node, PairNode, SourceFile, Span } from '../../../source/tree';

export function lineStartOf(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

/** Offset of the line break ending the line of `offset` (before `\r\n`), or the text length. */
export function lineEndOf(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  if (nl > 0 && text.charCodeAt(nl - 1) === 13) nl--;
  return nl;
}

/** Offset just past the line break ending the line of `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Leading whitespace of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

export function column(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Only spaces (and a YAML dash) before `offset` on its line. */
export function onlyBlankBefore(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

export function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** JSON indent unit: the first indented line's leading whitespace (two spaces when none). */
export function detectJsonIndent(text: string): string {
  const match = /\n([ \t]+)["{\[\]}]/.exec(text);
  return match ? match[1] : '  ';
}

/** YAML indent unit: how far the first resource sits under `Resources` (two when unknown). */
export function detectYamlIndent(file: SourceFile, resources: Node | undefined, resourcesKey: PairNode | undefined): number {
  if (resources?.kind === 'map' && !resources.flow && resources.pairs.length && resourcesKey) {
    const unit = column(file.text, resources.pairs[0].key.span.start) - column(file.text, resourcesKey.key.span.start);
    if (unit > 0 && unit <= 8) return unit;
  }
  return 2;
}

/** Where a span sits in the tree: a pair of a map, or an item of a list, with its container. */
export type Located =
  | { kind: 'pair'; container: Node & { kind: 'map' }; index: number; pair: PairNode; owner?: PairNode | Node }
  | { kind: 'item'; container: Node & { kind: 'seq' }; index: number; item: Node; owner?: PairNode | Node };

function same(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function within(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Where to start scanning a container's entries for `span`: entries are in text order, so a binary search
 * skips those ending before it (a 10,000-resource Resources map is otherwise scanned once per fix).
 * Aliased entries (YAML) can be out of order; the scan from 0 stays correct for them.
 */
function firstCandidate(entries: { span: Span }[], span: Span): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid].span.end < span.start) low = mid + 1;
    else high = mid;
  }
  // Only trust the search when the entries around the answer are really ordered.
  if (low > 0 && low < entries.length && entries[low - 1].span.start > entries[low].span.start) return 0;
  return low;
}

/** The outermost pair or list item whose span is exactly `span` (top-down, so `- !Ref X` finds the item). */
export function locate(root: Node | undefined, span: Span): Located | undefined {
  let node = root;
  let owner: PairNode | Node | undefined;
  for (let depth = 0; node && depth < 300; depth++) {
    let next: Node | undefined;
    let nextOwner: PairNode | Node | undefined;
    if (node.kind === 'map') {
      for (let i = firstCandidate(node.pairs, span); i < node.pairs.length; i++) {
        const pair = node.pairs[i];
        if (same(pair.span, span)) return { kind: 'pair', container: node, index: i, pair, owner };
        if (within(pair.value.span, span)) {
          next = pair.value;
          nextOwner = pair;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      for (let i = firstCandidate(node.items, span); i < node.items.length; i++) {
        const item = node.items[i];
        if (same(item.span, span)) return { kind: 'item', container: node, index: i, item, owner };
        if (within(item.span, span)) {
          next = item;
          nextOwner = item;
          break;
        }
      }
    }
    if (next === node) break;
    node = next;
    owner = nextOwner;
  }
  return undefined;
}
