// YAML text -> positioned value tree, with CloudFormation short-form tags turned into intrinsic maps.
//
// Why js-yaml's event listener and not yaml.parseDocument: on a 2.2 MB template parseDocument took
// 2.1-2.6 s and yaml's CST parser alone 1.0-1.2 s, js-yaml with a listener 0.14-0.18 s; on a 130 kB
// (~500 resource) template parseDocument took 80-100 ms, over our whole keystroke budget. The
// `yaml` package is used where its strengths matter: rendering YAML snippets for fixes.
import * as jsYaml from 'js-yaml';
import { computeLineStarts, duplicateKeyProblem, duplicateKeys, lastWins, MapNode, Node, PairNode, ScalarNode, SeqNode, SourceFile, SourceProblem, Span } from './tree';
import { LIMITS } from './limits';

/** Short-form tag -> long-form intrinsic key. */
export const CFN_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!GetAZs': 'Fn::GetAZs',
  '!Join': 'Fn::Join',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

const KINDS = ['scalar', 'sequence', 'mapping'] as const;
// Every tag is accepted in every node kind; the value is kept as-is since the tree is built from events.
// Other local tags (`!Rain::Embed`, `!ValueOf`: preprocessor directives) are accepted too and become
// an unknown intrinsic `{ "!Tag": value }`, so one directive does not make the whole file unreadable.
const CFN_SCHEMA = jsYaml.DEFAULT_SCHEMA.extend([
  ...Object.keys(CFN_TAGS).flatMap((tag) => KINDS.map((kind) => new jsYaml.Type(tag, { kind, construct: (data: unknown) => data }))),
  ...KINDS.map((kind) => new jsYaml.Type('!', { kind, multi: true, construct: (data: unknown) => data })),
]);

/** The intrinsic key a tag stands for: the long form of a CloudFormation tag, the tag itself for other local tags. */
function tagKey(tag: string | null): string | undefined {
  if (!tag) return undefined;
  if (tag in CFN_TAGS) return CFN_TAGS[tag];
  return tag.startsWith('!') && !tag.startsWith('!!') ? tag : undefined;
}

/** The loader state js-yaml passes to listeners (its typings omit tag and anchor). */
type ListenerState = jsYaml.State & { tag: string | null; anchor: string | null };

interface Frame {
  open: number;
  children: Node[];
  /** The loader result and end position of the last child closed, to spot a re-composed child. */
  childResult?: unknown;
  childEnd?: number;
  /** Values the children stand for once aliases are expanded. */
  size: number;
}

/** What building one node found besides the node. */
interface Built {
  /** The anchored node an alias stands for. */
  aliasOf?: Node;
  /** Keys that repeat an earlier key of the same map. */
  duplicates?: ScalarNode[];
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xfeff;
}

/** Skip whitespace and comments forward from an event's open position to the node's first character. */
function skipForward(text: string, pos: number, limit: number): number {
  while (pos < limit) {
    const ch = text.charCodeAt(pos);
    if (isSpace(ch)) pos++;
    else if (ch === 35 /* # */) {
      while (pos < limit && text.charCodeAt(pos) !== 10) pos++;
    } else break;
  }
  return pos;
}

function trimBack(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

export function parseYaml(path: string, text: string): SourceFile {
  const lineStarts = computeLineStarts(text);
  const problems: SourceProblem[] = [];
  const file: SourceFile = { path, text, format: 'yaml', root: undefined, problems, lineStarts };
  if (text.length > LIMITS.maxFileBytes) {
    problems.push({ message: `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`, span: { start: 0, end: 0 }, severity: 'error' });
    return file;
  }

  const stack: Frame[] = [{ open: 0, children: [], size: 0 }];
  const anchors = new Map<string, Node>();
  // Values each anchored node stands for once aliases are expanded: aliases are shared, never copied,
  // but whoever walks the value (a rule, a fix, a user's tool) sees the expansion, so it is bounded here.
  const anchorSizes = new Map<Node, number>();
  const duplicates: ScalarNode[] = [];
  let nodeCount = 0;
  let lastAlias: Span = { start: 0, end: 0 };

  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      // js-yaml bounds depth itself (maxDepth below); this is the safety net should that change.
      if (stack.length > 2 * LIMITS.maxDepth + 8) throw new Bounded(`Template is nested deeper than ${LIMITS.maxDepth} levels; not analysed`, state.position);
      stack.push({ open: state.position, children: [], size: 0 });
      return;
    }
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (++nodeCount > LIMITS.maxNodes) throw new Bounded(`Template has more than ${LIMITS.maxNodes} values; not analysed`, state.position);
    const start = skipForward(text, frame.open, state.position);
    if (state.kind === null && state.result === null && frame.children.length === 0 && start >= state.position) {
      // Empty node (e.g. `Key:` with no value): a null scalar at the end of the key line.
      parent.children.push({ kind: 'scalar', value: null, span: { start: frame.open, end: frame.open } });
      parent.size += 1;
      return;
    }
    // js-yaml composes a block-sequence item (or a document) that might be a mapping key once inside
    // readBlockMapping; when no `:` follows, the outer node closes with the very same result. That outer
    // frame is not a parent: pass the child through (it would otherwise become `[[...]]` or `{}`).
    const rewrapped =
      frame.children.length === 1 && typeof state.result === 'object' && state.result !== null && frame.childResult === state.result && frame.childEnd === state.position;
    const built: Built = {};
    const node = buildNode(text, state, frame, start, anchors, rewrapped ? frame.children[0] : undefined, built);
    let size = rewrapped ? frame.size : 1 + frame.size;
    if (built.aliasOf) {
      size = anchorSizes.get(built.aliasOf) ?? 1;
      lastAlias = node.span;
    }
    if (size > LIMITS.maxExpandedNodes) {
      throw new Bounded(`YAML aliases expand to more than ${LIMITS.maxExpandedNodes} values (an alias bomb); not analysed`, lastAlias.start, lastAlias.end);
    }
    if (built.duplicates) duplicates.push(...built.duplicates);
    if (state.anchor) {
      anchors.set(state.anchor, node);
      anchorSizes.set(node, size);
    }
    parent.size += size;
    parent.children.push(node);
    parent.childResult = state.result;
    parent.childEnd = state.position;
  };

  try {
    let docs = 0;
    jsYaml.loadAll(text, () => docs++, { schema: CFN_SCHEMA, listener: listener as (e: jsYaml.EventType, s: jsYaml.State) => void, json: true, filename: path, maxDepth: LIMITS.maxDepth } as jsYaml.LoadOptions);
    const top = stack[0].children;
    file.root = top[0];
    if (anchors.size) file.anchored = true;
    if (docs > 1) {
      const at = secondDocumentAt(text, file.root?.span.end ?? 0);
      problems.push({ message: 'More than one YAML document; only the first is analysed', span: { start: at, end: at + 3 }, severity: 'warning' });
    }
    // Only the first document is analysed, so only its duplicate keys are reported.
    const rootEnd = file.root?.span.end ?? 0;
    for (const key of duplicates) {
      if (key.span.start < rootEnd) problems.push(duplicateKeyProblem(key));
    }
  } catch (error) {
    file.root = undefined;
    if (error instanceof Bounded) {
      problems.push({ message: error.message, span: { start: error.start, end: Math.min(error.end, text.length) }, severity: 'error' });
    } else if (error instanceof RangeError) {
      problems.push({ message: `Template is nested too deeply to read; not analysed`, span: { start: 0, end: 0 }, severity: 'error' });
    } else if (error instanceof jsYaml.YAMLException) {
      problems.push(syntaxProblem(text, error));
    } else throw error;
  }
  return file;
}

/** A bound hit while reading (depth, size, alias expansion), reported where it was hit. */
class Bounded extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end = start + 1,
  ) {
    super(message);
  }
}

/** js-yaml's error as a problem at its place, in words a template author recognises. */
function syntaxProblem(text: string, error: jsYaml.YAMLException): SourceProblem {
  const at = Math.min(error.mark?.position ?? 0, text.length);
  const reason = error.reason ?? error.message;
  const depth = /^nesting exceeded maxDepth/.test(reason);
  if (depth) return { message: `Template is nested deeper than ${LIMITS.maxDepth} levels; not analysed`, span: { start: at, end: Math.min(at + 1, text.length) }, severity: 'error' };
  // A tab in the indentation of the failing line is the likely cause of an indentation error.
  const lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 1024))![0];
  const tab = indent.indexOf('\t');
  if (tab >= 0 && /indentation|indent/.test(reason)) {
    return { message: 'Tab character used for indentation; YAML allows only spaces', span: { start: lineStart + tab, end: lineStart + tab + 1 }, severity: 'error' };
  }
  return { message: `YAML syntax error: ${reason}`, span: { start: at, end: Math.min(at + 1, text.length) }, severity: 'error' };
}

/** The `---` (or `...`) that ends the first document, for the several-documents warning. */
function secondDocumentAt(text: string, from: number): number {
  const re = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  re.lastIndex = from;
  return re.exec(text)?.index ?? from;
}

function buildNode(text: string, state: ListenerState, frame: Frame, start: number, anchors: Map<string, Node>, composed: Node | undefined, built: Built): Node {
  const tag = state.tag ?? undefined;
  const key = tagKey(state.tag);
  if (composed) return key && tag && composed.span.start > start ? tagged(tag, key, start, composed) : composed;
  // Past the tag and the anchor, to where the value itself begins.
  let valueStart = start;
  for (;;) {
    const ch = text.charCodeAt(valueStart);
    if (ch !== 33 /* ! */ && ch !== 38 /* & */) break;
    while (valueStart < text.length && !isSpace(text.charCodeAt(valueStart))) valueStart++;
    valueStart = skipForward(text, valueStart, text.length);
  }
  if (text.charCodeAt(valueStart) === 42 /* * */) {
    const name = /^\*([^\s,\[\]{}]+)/.exec(text.slice(valueStart, valueStart + 256))?.[1];
    const target = name ? anchors.get(name) : undefined;
    // Aliases share the anchored subtree (never copied, so alias bombs stay small).
    if (target) {
      built.aliasOf = target;
      return { ...target, span: { start, end: trimBack(text, start, state.position) } };
    }
  }
  let inner: Node;
  if (state.kind === 'mapping') {
    const pairs: PairNode[] = [];
    const kids = frame.children;
    for (let i = 0; i + 1 < kids.length; i += 2) {
      const keyNode = kids[i];
      const key: ScalarNode = keyNode.kind === 'scalar' ? keyNode : { kind: 'scalar', value: text.slice(keyNode.span.start, keyNode.span.end), span: keyNode.span };
      const value = kids[i + 1];
      pairs.push({ key, value, span: { start: key.span.start, end: Math.max(value.span.end, key.span.end) } });
    }
    const duplicates = duplicateKeys(pairs);
    if (duplicates) built.duplicates = duplicates;
    const end = pairs.length ? pairs[pairs.length - 1].span.end : trimBack(text, valueStart, state.position);
    const flow = text.charCodeAt(valueStart) === 123; /* { */
    inner = { kind: 'map', pairs: lastWins(pairs, duplicates), flow, span: { start: valueStart, end: flow ? trimBack(text, valueStart, state.position) : end } } as MapNode;
  } else if (state.kind === 'sequence') {
    const items = frame.children;
    const flow = text.charCodeAt(valueStart) === 91; /* [ */
    const end = items.length ? items[items.length - 1].span.end : trimBack(text, valueStart, state.position);
    inner = { kind: 'seq', items, flow, span: { start: valueStart, end: flow ? trimBack(text, valueStart, state.position) : end } } as SeqNode;
  } else {
    const first = text.charCodeAt(valueStart);
    const quoted = first === 34 || first === 39;
    const raw = state.result;
    const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
    inner = { kind: 'scalar', value, quoted, span: { start: valueStart, end: Math.max(valueStart, trimBack(text, valueStart, state.position)) } };
  }
  return key && tag ? tagged(tag, key, start, inner) : inner;
}

/** `!Tag value` as the long form `{ "Fn::Tag": value }`, spanning the tag and the value. */
function tagged(tag: string, key: string, start: number, inner: Node): Node {
  const keyNode: ScalarNode = { kind: 'scalar', value: key, span: { start, end: start + tag.length } };
  const span = { start, end: Math.max(inner.span.end, keyNode.span.end) };
  return { kind: 'map', flow: true, span, pairs: [{ key: keyNode, value: inner, span }] };
}
