// Reads a template's own formatting habits (quotes, intrinsic form, list indentation, padding) so fixes match them.
import { Node, SourceFile } from '../../../source/tree';
import { column } from './text';

/** How a YAML file writes things; new text follows it. */
export interface YamlStyle {
  /** Spaces per nesting level of maps. */
  unit: number;
  /** How far a block list's dashes sit right of its key (0: `Key:` then `- a` at the key's column). */
  seqIndent: number;
  /** Columns from a dash to its item's text (2 for `- a`). */
  dashPad: number;
  /** Quote for strings that cannot be written plain. */
  quote: "'" | '"';
  /** `!Ref X` (true) or `Ref: X` (false). */
  shortTags: boolean;
  /** `{ a: 1 }` (true) or `{a: 1}` for one-line maps. */
  mapPad: boolean;
  /** `[ a, b ]` (true) or `[a, b]` for one-line lists. */
  seqPad: boolean;
}

/** How a JSON file writes things. */
export interface JsonStyle {
  /** Indentation per level (spaces or a tab). */
  unit: string;
  /** `{"Ref": "X"}` on one line (true) or spread over lines like any object (false). */
  inlineIntrinsics: boolean;
  /** `{ "Ref": "X" }` (true) or `{"Ref": "X"}` for one-line objects. */
  mapPad: boolean;
  /** `[ "a" ]` (true) or `["a"]` for one-line lists. */
  seqPad: boolean;
}

// Only intrinsics that have a short form tell which form the file prefers (Fn::ForEach, Fn::Transform have none).
const INTRINSIC_KEY = /^(?:Ref|Condition|Fn::(?:GetAtt|Sub|If|Select|GetAZs|Join|Split|FindInMap|ImportValue|Base64|Cidr|Equals|And|Or|Not))$/;

/** A one-pair map whose key is an intrinsic function (`{Ref: X}`, `!GetAtt A.B`). */
function isIntrinsicMap(node: Node): boolean {
  return node.kind === 'map' && node.pairs.length === 1 && typeof node.pairs[0].key.value === 'string' && INTRINSIC_KEY.test(node.pairs[0].key.value);
}

interface Tally {
  single: number;
  double: number;
  short: number;
  long: number;
  /** One-line maps and lists with and without a space inside their brackets. */
  pads: { map: [number, number]; seq: [number, number] };
  inlineIntrinsic: number;
  spreadIntrinsic: number;
  seqIndents: Map<number, number>;
  dashPads: Map<number, number>;
}

function bump(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The most frequent value, or `fallback` when none was seen. */
function mode(counts: Map<number, number>, fallback: number): number {
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount || (count === bestCount && value === fallback)) [best, bestCount] = [value, count];
  return best;
}

function sameLine(text: string, start: number, end: number): boolean {
  return !/[\r\n]/.test(text.slice(start, end));
}

/** Offset of the dash that introduces a block list item, or -1. */
function dashBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === '-' ? i : -1;
}

function walk(file: SourceFile, node: Node, keyColumn: number | undefined, tally: Tally, budget: { left: number }): void {
  if (--budget.left < 0) return;
  const { text } = file;
  if (node.kind === 'scalar') {
    const first = text[node.span.start];
    if (first === "'") tally.single++;
    else if (first === '"' && file.format === 'yaml') tally.double++;
    return;
  }
  if (isIntrinsicMap(node)) {
    if (text[node.span.start] === '!') tally.short++;
    else tally.long++;
    if (sameLine(text, node.span.start, node.span.end)) tally.inlineIntrinsic++;
    else tally.spreadIntrinsic++;
  }
  const flow = node.flow || file.format === 'json';
  const entries = node.kind === 'map' ? node.pairs.length : node.items.length;
  if (flow && entries && (text[node.span.start] === '{' || text[node.span.start] === '[') && sameLine(text, node.span.start, node.span.end)) {
    tally.pads[node.kind][text[node.span.start + 1] === ' ' ? 0 : 1]++;
  }
  if (node.kind === 'map') {
    for (const pair of node.pairs) walk(file, pair.value, column(text, pair.key.span.start), tally, budget);
    return;
  }
  if (!flow && node.items.length) {
    const dash = dashBefore(text, node.items[0].span.start);
    if (dash >= 0) {
      if (keyColumn !== undefined) bump(tally.seqIndents, column(text, dash) - keyColumn);
      bump(tally.dashPads, node.items[0].span.start - dash);
    }
  }
  for (const item of node.items) walk(file, item, undefined, tally, budget);
}

interface FileStyle {
  yaml: YamlStyle;
  json: JsonStyle;
}

const cache = new WeakMap<SourceFile, FileStyle>();

/**
 * The file's style, read once per parsed file. `yamlUnit` and `jsonUnit` come from the caller (the
 * writer measures them where they matter most: under Resources).
 */
export function fileStyle(file: SourceFile, yamlUnit: number, jsonUnit: string): FileStyle {
  const cached = cache.get(file);
  if (cached && cached.yaml.unit === yamlUnit && cached.json.unit === jsonUnit) return cached;
  const tally: Tally = { single: 0, double: 0, short: 0, long: 0, pads: { map: [0, 0], seq: [0, 0] }, inlineIntrinsic: 0, spreadIntrinsic: 0, seqIndents: new Map(), dashPads: new Map() };
  // Style shows in the first few thousand nodes; a huge template need not be walked whole for each fix.
  if (file.root) walk(file, file.root, undefined, tally, { left: 20000 });
  const seqIndent = mode(tally.seqIndents, yamlUnit);
  const style: FileStyle = {
    yaml: {
      unit: yamlUnit,
      seqIndent: seqIndent >= 0 && seqIndent <= 8 ? seqIndent : yamlUnit,
      dashPad: Math.min(Math.max(mode(tally.dashPads, 2), 2), 8),
      quote: tally.single > tally.double ? "'" : '"',
      // Short tags unless the file writes its intrinsics only in long form.
      shortTags: tally.short > 0 || tally.long === 0,
      mapPad: tally.pads.map[0] > tally.pads.map[1],
      seqPad: tally.pads.seq[0] > tally.pads.seq[1],
    },
    json: {
      unit: jsonUnit,
      inlineIntrinsics: tally.inlineIntrinsic >= tally.spreadIntrinsic,
      mapPad: tally.pads.map[0] > tally.pads.map[1],
      seqPad: tally.pads.seq[0] > tally.pads.seq[1],
    },
  };
  cache.set(file, style);
  return style;
}
