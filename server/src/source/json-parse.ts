// JSON text -> positioned value tree: a strict one-pass reader first, jsonc-parser (comments, recovery, error messages) otherwise.
import { parseTree, printParseErrorCode, ParseError, Node as JsonNode } from 'jsonc-parser';
import { computeLineStarts, duplicateKeyProblem, duplicateKeys, lastWins, Node, PairNode, ScalarNode, SourceFile, SourceProblem, Span } from './tree';
import { parseStrictJson } from './json-fast';
import { LIMITS } from './limits';

export function parseJson(path: string, text: string): SourceFile {
  const lineStarts = computeLineStarts(text);
  const problems: SourceProblem[] = [];
  const file: SourceFile = { path, text, format: 'json', root: undefined, problems, lineStarts };
  if (text.length > LIMITS.maxFileBytes) {
    problems.push({ message: `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`, span: { start: 0, end: 0 }, severity: 'error' });
    return file;
  }
  const deep = tooDeepAt(text, LIMITS.maxDepth);
  if (deep >= 0) {
    // Found before parsing: the parser recurses per level and would overflow the stack first.
    problems.push({ message: `Template is nested deeper than ${LIMITS.maxDepth} levels; not analysed`, span: { start: deep, end: deep + 1 }, severity: 'error' });
    return file;
  }
  const strict = parseStrictJson(text);
  if (strict) {
    file.root = strict.root;
    for (const key of strict.duplicates) problems.push(duplicateProblem(key));
    return file;
  }
  return parseWithJsonc(file);
}

/** jsonc-parser: comments, recovery, and its error messages and positions (the path for anything not strict JSON). */
export function parseWithJsonc(file: SourceFile): SourceFile {
  const { text, problems } = file;
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.push({ message: `Template is nested too deeply; not analysed`, span: { start: 0, end: 0 }, severity: 'error' });
    return file;
  }
  if (errors.length) {
    const first = errors[0];
    problems.push({
      message: `JSON syntax error: ${describe(printParseErrorCode(first.error))}`,
      span: { start: first.offset, end: first.offset + Math.max(first.length, 1) },
      severity: 'error',
    });
    return file;
  }
  if (!tree) return file;
  try {
    file.root = convert(tree, 0, problems);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.push({ message: `Template is nested deeper than ${LIMITS.maxDepth} levels; not analysed`, span: { start: 0, end: 0 }, severity: 'error' });
  }
  return file;
}

/** Offset of the first `{` or `[` opening a level deeper than `max` (strings and comments skipped), or -1. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \\ */) i++;
        else if (c === 34 || c === 10) break;
      }
    } else if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === 123 || ch === 91) {
      if (++depth > max) return i;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return -1;
}

const duplicateProblem = duplicateKeyProblem;

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function span(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function convert(node: JsonNode, depth: number, problems: SourceProblem[]): Node {
  if (depth > LIMITS.maxDepth) throw new RangeError('depth');
  switch (node.type) {
    case 'object': {
      const pairs: PairNode[] = [];
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode) continue;
        const key = { kind: 'scalar' as const, value: String(keyNode.value), quoted: true, span: span(keyNode) };
        const value: Node = valueNode ? convert(valueNode, depth + 1, problems) : { kind: 'scalar', value: null, span: { start: key.span.end, end: key.span.end } };
        pairs.push({ key, value, span: { start: key.span.start, end: value.span.end } });
      }
      const duplicates = duplicateKeys(pairs);
      for (const key of duplicates ?? []) problems.push(duplicateProblem(key));
      return { kind: 'map', pairs: lastWins(pairs, duplicates), flow: true, span: span(node) };
    }
    case 'array':
      return { kind: 'seq', items: (node.children ?? []).map((child) => convert(child, depth + 1, problems)), flow: true, span: span(node) };
    case 'string':
      return { kind: 'scalar', value: node.value as string, quoted: true, span: span(node) };
    case 'number':
    case 'boolean':
      return { kind: 'scalar', value: node.value as number | boolean, span: span(node) };
    default:
      return { kind: 'scalar', value: null, span: span(node) };
  }
}
