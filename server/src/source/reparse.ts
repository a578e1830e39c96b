// Reading a template (YAML or JSON) again after an edit inside one resource: only that resource's lines are parsed, and its new
// tree takes the old one's place. Anything this cannot prove equal to a full parse (an edit across resources, a block
// that no longer stands alone, anchors, any problem) returns undefined and the caller parses the whole text.
import { changedRegion } from './text-diff';
import { parseJson } from './json-parse';
import { LIMITS } from './limits';
import { parseYaml } from './yaml-parse';
import { computeLineStarts, Node, PairNode, SourceFile, Span } from './tree';

/**
 * The file's tree for `text`, made from `file` (the tree of the text before the edit) by parsing again only the
 * resource the edit is in. The old tree is taken over: use only the returned file afterwards.
 */
export function reparseResourceEdit(file: SourceFile, text: string): SourceFile | undefined {
  if (file.format === 'hcl' || file.anchored || !file.root || file.problems.some((problem) => problem.severity === 'error')) return undefined;
  const resourcesPair = file.root.kind === 'map' ? file.root.pairs.find((pair) => pair.key.value === 'Resources') : undefined;
  const resources = resourcesPair?.value;
  const json = file.format === 'json';
  if (!resourcesPair || resources?.kind !== 'map' || (resources.flow && !json)) return undefined;
  const { start, oldEnd, newEnd } = changedRegion(file.text, text);
  const delta = newEnd - oldEnd;
  const index = resourceAt(resources.pairs, start);
  if (index < 0) return undefined;
  const old = resources.pairs[index];
  // YAML: the block runs to the next resource's line (the last one to the end of its own last line).
  // JSON: from the key's quote to the closing brace, which the edit must leave in place.
  const blockStart = json ? old.key.span.start : lineStart(file.text, old.key.span.start);
  const blockEnd = json ? old.span.end : index + 1 < resources.pairs.length ? lineStart(file.text, resources.pairs[index + 1].key.span.start) : lineEndAfter(file.text, old.span.end);
  if (start < blockStart || oldEnd >= blockEnd) return undefined;
  if (file.problems.some((problem) => overlaps(problem.span, blockStart, blockEnd))) return undefined;
  const blockText = text.slice(blockStart, blockEnd + delta);
  if (blockText.includes('\uFFFD')) return undefined;
  // JSON is read as `{<the pair>}`: one character before the block.
  const alone = json ? parseJson(file.path, `{${blockText}}`) : parseYaml(file.path, blockText);
  const shift = json ? blockStart - 1 : blockStart;
  const root = alone.root;
  if (alone.problems.length || alone.anchored || root?.kind !== 'map' || (root.flow && !json) || root.pairs.length !== 1) return undefined;
  const pair = root.pairs[0];
  // Same column (it is still one entry of Resources), no second resource of that name, no deeper than a full read allows.
  if (pair.key.span.start + shift !== old.key.span.start || depth(pair.value, 0) > LIMITS.maxDepth - RESOURCE_DEPTH) return undefined;
  if (pair.key.value !== old.key.value && resources.pairs.some((other) => other !== old && other.key.value === pair.key.value)) return undefined;
  if (resources.pairs.some((other) => other !== old && other.key.value === old.key.value)) return undefined;
  moveTree(pair, (offset) => offset + shift);
  // Everything from the edit on moves by delta; what holds the resource grows with it.
  moveTree(file.root, (offset) => (offset >= oldEnd ? offset + delta : offset), old);
  resources.pairs[index] = pair;
  const problems = file.problems.map((problem) => ({ ...problem, span: { start: problem.span.start >= oldEnd ? problem.span.start + delta : problem.span.start, end: problem.span.end >= oldEnd ? problem.span.end + delta : problem.span.end } }));
  return { path: file.path, text, format: file.format, root: file.root, problems, lineStarts: computeLineStarts(text) };
}

/** Levels kept free above a resource (it sits under the root map and Resources; a margin for how parsers count). */
const RESOURCE_DEPTH = 8;

/** Nesting depth of a value, counted up to the limit. */
function depth(node: Node, level: number): number {
  if (node.kind === 'scalar' || level > LIMITS.maxDepth) return level;
  let deepest = level;
  if (node.kind === 'map') for (const pair of node.pairs) deepest = Math.max(deepest, depth(pair.value, level + 1));
  else for (const item of node.items) deepest = Math.max(deepest, depth(item, level + 1));
  return deepest;
}

/** Index of the last resource whose key starts at or before `offset`, or -1. */
function resourceAt(pairs: PairNode[], offset: number): number {
  let low = 0;
  let high = pairs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (pairs[mid].key.span.start > offset) high = mid - 1;
    else low = mid + 1;
  }
  return high;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function overlaps(span: Span, start: number, end: number): boolean {
  return span.start < end && start <= span.end;
}

/**
 * Gives every node under `node` a moved span (new span objects: findings of the last lint keep theirs) and clears
 * the marks of what the last lint read; `skip` (the replaced resource) is left alone.
 */
function moveTree(node: Node | PairNode, move: (offset: number) => number, skip?: PairNode): void {
  const moved = (span: Span): Span => ({ start: move(span.start), end: move(span.end) });
  const walk = (current: Node | PairNode): void => {
    if ('key' in current) {
      if (current === skip) return;
      current.read = false;
      current.span = moved(current.span);
      current.key.span = moved(current.key.span);
      walk(current.value);
      return;
    }
    current.span = moved(current.span);
    if (current.kind === 'map') for (const pair of current.pairs) walk(pair);
    else if (current.kind === 'seq') for (const item of current.items) walk(item);
  };
  walk(node);
}
