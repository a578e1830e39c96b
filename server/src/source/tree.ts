// Format-neutral value tree with source offsets: every adapter reads templates through this.

/** Half-open character offsets [start, end) into the file text. */
export interface Span {
  start: number;
  end: number;
}

export type SourceFormat = 'yaml' | 'json' | 'hcl';

interface NodeBase {
  /** Range of the value itself (for a tagged YAML scalar, includes the tag). */
  span: Span;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** true when the text was quoted (YAML) or is a JSON string. */
  quoted?: boolean;
}

export interface PairNode {
  key: ScalarNode;
  value: Node;
  /** From the start of the key to the end of the value. */
  span: Span;
  /**
   * Set once the engine looked the pair up by its key (`getPair`, `getValue`): a value never looked up cannot
   * change a finding, so an edit inside it need not be linted again (engine/incremental.ts).
   */
  read?: boolean;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  pairs: PairNode[];
  /** YAML flow style (`{a: 1}`) or block style; JSON is always flow. */
  flow: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: Node[];
  flow: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode;

/** A problem found while reading the text (syntax error, duplicate key, limits). */
export interface SourceProblem {
  message: string;
  span: Span;
  /** 'error' stops analysis of the file; 'warning' is reported but analysis goes on. */
  severity: 'error' | 'warning';
  /** The finding's severity when it differs from `severity` (a duplicate key: an error, yet the file is analysed). */
  reportAs?: 'error' | 'warning';
}

export interface SourceFile {
  /** Path as given by the caller (absolute or relative); used as the file identity. */
  path: string;
  text: string;
  format: SourceFormat;
  /** undefined when the text could not be parsed at all. */
  root: Node | undefined;
  problems: SourceProblem[];
  /** Offsets of the first character of each line, for offset -> line/column. */
  lineStarts: number[];
  /** Spans whose text a message quotes (`quoteSource`): an edit inside one changes that message. */
  quoted?: Span[];
  /** The YAML has anchors: an aliased value stands in more places than its own. */
  anchored?: boolean;
}

export function getPair(map: Node | undefined, key: string): PairNode | undefined {
  if (!map || map.kind !== 'map') return undefined;
  for (const pair of map.pairs) {
    if (pair.key.value === key) {
      pair.read = true;
      return pair;
    }
  }
  return undefined;
}

/** Every pair of a map, marked as read (for readers that take all entries, not one key). */
export function readPairs(map: MapNode): PairNode[] {
  for (const pair of map.pairs) pair.read = true;
  return map.pairs;
}

export function getValue(map: Node | undefined, key: string): Node | undefined {
  return getPair(map, key)?.value;
}

export function scalarString(node: Node | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Plain JavaScript value of a node (for messages and tests, not for reasoning). */
export function toPlain(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  // defineProperty: a `__proto__` key is data, not the object's prototype.
  for (const pair of node.pairs) Object.defineProperty(out, String(pair.key.value), { value: toPlain(pair.value), enumerable: true, writable: true, configurable: true });
  return out;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Zero-based line and character (UTF-16 units) of an offset. */
export function positionAt(lineStarts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low] };
}

export function offsetAt(lineStarts: number[], line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= lineStarts.length) return lineStarts[lineStarts.length - 1];
  return lineStarts[line] + character;
}

/** Keys repeating an earlier key of the same map (small maps compared pairwise, large ones through a set). */
export function duplicateKeys(pairs: PairNode[]): ScalarNode[] | undefined {
  let out: ScalarNode[] | undefined;
  if (pairs.length <= 8) {
    for (let i = 1; i < pairs.length; i++) {
      const value = pairs[i].key.value;
      for (let j = 0; j < i; j++) {
        if (pairs[j].key.value === value) {
          (out ??= []).push(pairs[i].key);
          break;
        }
      }
    }
    return out;
  }
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    if (seen.has(pair.key.value)) (out ??= []).push(pair.key);
    else seen.add(pair.key.value);
  }
  return out;
}

/**
 * The pairs CloudFormation and Terraform act on: of keys given twice, the later value replaces the earlier,
 * so the earlier pairs are dropped (their text stays; the duplicate is reported as a problem).
 */
export function lastWins(pairs: PairNode[], duplicates: ScalarNode[] | undefined): PairNode[] {
  if (!duplicates?.length) return pairs;
  const seen = new Set<unknown>();
  const kept: PairNode[] = [];
  for (let i = pairs.length - 1; i >= 0; i--) {
    if (seen.has(pairs[i].key.value)) continue;
    seen.add(pairs[i].key.value);
    kept.push(pairs[i]);
  }
  return kept.reverse();
}

/** The problem for a key given twice in one map (CloudFormation and Terraform keep the later value). */
export function duplicateKeyProblem(key: ScalarNode): SourceProblem {
  return { message: `Duplicate key '${String(key.value)}': the later value silently replaces the earlier one`, span: key.span, severity: 'warning', reportAs: 'error' };
}
