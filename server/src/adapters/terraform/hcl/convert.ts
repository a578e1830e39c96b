// Turns an HCL syntax tree into the position-carrying value tree the Terraform JSON adapter reads:
// blocks become nested objects keyed by type and labels (as in *.tf.json), literals become scalars and
// every other expression becomes its "${...}" template, so one evaluator reads both syntaxes.
import type { Node as TsNode } from 'web-tree-sitter';
import { MapNode, Node, PairNode, ScalarNode, SeqNode, SourceFile, SourceProblem, Span, computeLineStarts } from '../../../source/tree';
import { parseHclTree } from './parser';

/** A comment of an HCL file (for suppressions). */
export interface HclComment {
  span: Span;
  text: string;
}

/** What an HCL file holds beyond the value tree: its comments and the spans of its blocks' bodies. */
export interface HclInfo {
  comments: HclComment[];
}

const INFO = new WeakMap<SourceFile, HclInfo>();
/** The whole `name "label" { ... }` text of each block body (a body's own span covers its braces only). */
const BLOCK_SPANS = new WeakMap<MapNode, Span>();

export function blockSpanOf(map: Node): Span | undefined {
  return map.kind === 'map' ? BLOCK_SPANS.get(map) : undefined;
}

export function hclInfo(file: SourceFile): HclInfo | undefined {
  return INFO.get(file);
}

/** Blocks whose repeated labels are distinct declarations (a repeat is reported, not merged into a list). */
const DECLARATIONS = new Set(['resource', 'data', 'module', 'variable', 'output']);
const MAX_PROBLEMS = 10;

/** Parses one .tf or .tfvars file. */
export function parseHcl(path: string, text: string): SourceFile {
  const file: SourceFile = { path, text, format: 'hcl', root: undefined, problems: [], lineStarts: computeLineStarts(text) };
  const tree = parseHclTree(text, path);
  if (typeof tree === 'string') {
    file.problems.push({ message: tree, span: { start: 0, end: 0 }, severity: 'error' });
    return file;
  }
  try {
    const converter = new Converter(text);
    const top = tree.rootNode;
    const body = top.namedChildren.find((n) => n?.type === 'body');
    file.root = body ? converter.body(body, { start: 0, end: text.length }) : { kind: 'map', pairs: [], flow: false, span: { start: 0, end: text.length } };
    // Comments before or after the body belong to the file itself.
    for (const child of top.namedChildren) if (child?.type === 'comment') converter.comments.push({ span: { start: child.startIndex, end: child.endIndex }, text: child.text });
    converter.comments.sort((a, b) => a.span.start - b.span.start);
    if (top.hasError) file.problems.push(...syntaxProblems(top));
    INFO.set(file, { comments: converter.comments });
  } catch (error) {
    // A shape the reader does not expect (or nesting too deep for it): a problem on the file, never a crash.
    file.root = undefined;
    file.problems.push({ message: `The HCL file could not be read: ${(error as Error)?.message ?? String(error)}`, span: { start: 0, end: 0 }, severity: 'error' });
  } finally {
    tree.delete();
  }
  return file;
}

function syntaxProblems(root: TsNode): SourceProblem[] {
  const out: SourceProblem[] = [];
  const visit = (node: TsNode) => {
    if (out.length >= MAX_PROBLEMS) return;
    if (node.isMissing) {
      out.push({ message: `HCL syntax error: missing ${node.type}`, span: { start: node.startIndex, end: node.endIndex }, severity: 'error' });
      return;
    }
    if (node.isError) {
      const snippet = node.text.split('\n')[0].slice(0, 40);
      out.push({ message: `HCL syntax error: unexpected ${JSON.stringify(snippet)}`, span: { start: node.startIndex, end: Math.max(node.endIndex, node.startIndex) }, severity: 'error' });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  if (!out.length) out.push({ message: 'HCL syntax error', span: { start: 0, end: 0 }, severity: 'error' });
  return out;
}

class Converter {
  readonly comments: HclComment[] = [];
  /** Objects made for block labels (`resource "type" "name"`), which later blocks of the same type join. */
  private readonly labelMaps = new WeakSet<MapNode>();
  /** The first pair of each key of the objects blocks are filed into (a file of many blocks stays linear). */
  private readonly index = new WeakMap<MapNode, Map<string, PairNode>>();

  private pairOf(map: MapNode, key: string): PairNode | undefined {
    let byKey = this.index.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.pairs) if (!byKey.has(String(pair.key.value))) byKey.set(String(pair.key.value), pair);
      this.index.set(map, byKey);
    }
    return byKey.get(key);
  }

  private push(map: MapNode, pair: PairNode): void {
    map.pairs.push(pair);
    const byKey = this.index.get(map);
    if (byKey && !byKey.has(String(pair.key.value))) byKey.set(String(pair.key.value), pair);
  }

  constructor(private readonly text: string) {}

  private span(node: TsNode): Span {
    return { start: node.startIndex, end: node.endIndex };
  }

  body(body: TsNode, span: Span): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], flow: false, span };
    for (const child of body.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') this.attribute(map, child);
      else if (child.type === 'block') this.block(map, child);
      else if (child.type === 'comment') this.comment(child);
    }
    return map;
  }

  private comment(node: TsNode): void {
    this.comments.push({ span: this.span(node), text: node.text });
  }

  private attribute(map: MapNode, node: TsNode): void {
    const name = node.namedChildren.find((n) => n?.type === 'identifier');
    const expr = node.namedChildren.find((n) => n?.type === 'expression');
    if (!name || !expr) return;
    this.push(map, { key: this.key(name, name.text), value: this.expression(expr), span: this.span(node) });
  }

  private key(node: TsNode, value: string): ScalarNode {
    return { kind: 'scalar', value, span: this.span(node), quoted: node.type !== 'identifier' };
  }

  private block(map: MapNode, node: TsNode): void {
    let type: TsNode | undefined;
    const labels: ScalarNode[] = [];
    let bodyNode: TsNode | undefined;
    let open: TsNode | undefined;
    let close: TsNode | undefined;
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'identifier') {
        if (!type) type = child;
        else labels.push(this.key(child, child.text));
      } else if (child.type === 'string_lit') labels.push(this.key(child, this.stringLiteral(child)));
      else if (child.type === 'block_start') open = child;
      else if (child.type === 'block_end') close = child;
      else if (child.type === 'body') bodyNode = child;
      else if (child.type === 'comment') this.comment(child);
    }
    if (!type) return;
    // The body object spans the braces (edits insert before the closing one).
    const braces = { start: open?.startIndex ?? node.startIndex, end: close && !close.isMissing ? close.endIndex : node.endIndex };
    const content = bodyNode ? this.body(bodyNode, braces) : { kind: 'map' as const, pairs: [], flow: false, span: braces };
    BLOCK_SPANS.set(content, this.span(node));
    this.addBlock(map, [this.key(type, type.text), ...labels], content, this.span(node));
  }

  /** Files the block under its type and labels, joining earlier blocks of the same type. */
  private addBlock(container: MapNode, keys: ScalarNode[], content: MapNode, span: Span): void {
    const declaration = DECLARATIONS.has(String(keys[0].value));
    let map = container;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const existing = this.pairOf(map, String(key.value));
      if (i === keys.length - 1) {
        const pair: PairNode = { key, value: content, span };
        if (!existing || (declaration && i > 0)) this.push(map, pair);
        else if (existing.value.kind === 'seq') {
          existing.value.items.push(content);
          existing.value.span = { start: existing.value.span.start, end: span.end };
          existing.span = { start: existing.span.start, end: span.end };
        } else {
          // A repeated nested block (`ingress {}` twice): a list of objects, as in JSON.
          const seq: SeqNode = { kind: 'seq', items: [existing.value, content], flow: false, span: { start: existing.value.span.start, end: span.end } };
          existing.value = seq;
          existing.span = { start: existing.span.start, end: span.end };
        }
        return;
      }
      if (existing?.value.kind === 'map' && this.labelMaps.has(existing.value)) {
        // The merged object spans every block filed under it (edits find members by span).
        existing.value.span = { start: existing.value.span.start, end: Math.max(existing.value.span.end, span.end) };
        existing.span = { start: existing.span.start, end: Math.max(existing.span.end, span.end) };
        map = existing.value;
        continue;
      }
      const next: MapNode = { kind: 'map', pairs: [], flow: false, span };
      this.labelMaps.add(next);
      this.push(map, { key, value: next, span });
      map = next;
    }
  }

  expression(node: TsNode): Node {
    const children = node.namedChildren.filter((c): c is TsNode => !!c && c.type !== 'comment');
    if (children.length === 1) {
      const only = children[0];
      if (only.type === 'literal_value') return this.literal(only);
      if (only.type === 'collection_value') {
        const inner = only.namedChildren[0];
        if (inner?.type === 'tuple') return this.tuple(inner);
        if (inner?.type === 'object') return this.object(inner);
      }
      if (only.type === 'template_expr') {
        const template = only.namedChildren[0];
        if (template?.type === 'quoted_template') return this.quoted(template);
        if (template?.type === 'heredoc_template') return this.heredoc(template);
      }
    }
    return this.opaque(node);
  }

  /** Any other expression: its source as a "${...}" template (comments blanked), read by the evaluator. */
  private opaque(node: TsNode): ScalarNode {
    let src = node.text;
    if (/#|\/\/|\/\*/.test(src)) {
      const chars = [...src];
      for (const c of node.descendantsOfType('comment')) {
        if (!c) continue;
        this.comment(c);
        for (let i = c.startIndex - node.startIndex; i < c.endIndex - node.startIndex; i++) if (chars[i] !== '\n') chars[i] = ' ';
      }
      src = chars.join('');
    }
    return { kind: 'scalar', value: '${' + src + '}', span: this.span(node), quoted: false };
  }

  private literal(node: TsNode): ScalarNode {
    const inner = node.namedChildren[0];
    const span = this.span(node);
    switch (inner?.type) {
      case 'numeric_lit':
        return { kind: 'scalar', value: Number(inner.text), span };
      case 'bool_lit':
        return { kind: 'scalar', value: inner.text === 'true', span };
      case 'null_lit':
        return { kind: 'scalar', value: null, span };
      case 'string_lit':
        return { kind: 'scalar', value: this.stringLiteral(inner), span, quoted: true };
      default:
        return { kind: 'scalar', value: '${' + node.text + '}', span };
    }
  }

  private stringLiteral(node: TsNode): string {
    const text = node.text;
    return decodeEscapes(text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined));
  }

  /** "text ${expr} text": the template text, as a *.tf.json string holds it. */
  private quoted(node: TsNode): ScalarNode {
    const text = node.text;
    return { kind: 'scalar', value: decodeEscapes(text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined)), span: this.span(node), quoted: true };
  }

  private heredoc(node: TsNode): ScalarNode {
    const text = node.text;
    const firstLine = text.indexOf('\n');
    const lastLine = text.lastIndexOf('\n');
    let content = firstLine >= 0 && lastLine > firstLine ? text.slice(firstLine + 1, lastLine + 1) : '';
    if (/^<<-/.test(text)) {
      // `<<-EOT`: the common leading whitespace of the lines is removed.
      const lines = content.split('\n');
      const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
      const strip = indents.length ? Math.min(...indents) : 0;
      content = lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)![0].length))).join('\n');
    }
    return { kind: 'scalar', value: content, span: this.span(node), quoted: true };
  }

  private tuple(node: TsNode): SeqNode {
    const items: Node[] = [];
    for (const child of node.namedChildren) {
      if (child?.type === 'expression') items.push(this.expression(child));
      else if (child?.type === 'comment') this.comment(child);
    }
    return { kind: 'seq', items, flow: true, span: this.span(node) };
  }

  private object(node: TsNode): MapNode | ScalarNode {
    const pairs: PairNode[] = [];
    for (const elem of node.namedChildren) {
      if (elem?.type === 'comment') this.comment(elem);
      if (elem?.type !== 'object_elem') continue;
      const key = elem.childForFieldName('key');
      const val = elem.childForFieldName('val');
      if (!key || !val) continue;
      const name = this.objectKey(key);
      // A computed key (`(var.k) = ...`) is not a name we can read: the whole object is opaque.
      if (name === undefined) return this.opaque(node.parent?.parent ?? node);
      pairs.push({ key: { kind: 'scalar', value: name, span: this.span(key), quoted: true }, value: this.expression(val), span: this.span(elem) });
    }
    return { kind: 'map', pairs, flow: true, span: this.span(node) };
  }

  private objectKey(key: TsNode): string | undefined {
    const children = key.namedChildren.filter((c): c is TsNode => !!c && c.type !== 'comment');
    if (children.length !== 1) return undefined;
    const only = children[0];
    if (only.type === 'variable_expr') return only.text;
    if (only.type === 'literal_value' && only.namedChildren[0]?.type === 'string_lit') return this.stringLiteral(only.namedChildren[0]);
    if (only.type === 'literal_value') return only.text;
    if (only.type === 'template_expr' && only.namedChildren[0]?.type === 'quoted_template' && !only.text.includes('${')) return decodeEscapes(only.text.slice(1, -1));
    return undefined;
  }
}

/** HCL's string escapes (the `${`/`%{` template sequences are left for the evaluator). */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, c: string) => {
    if (c[0] === 'u' || c[0] === 'U') return String.fromCodePoint(parseInt(c.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c] ?? '\\' + c;
  });
}
