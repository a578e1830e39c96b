// Loads the HCL grammar (tree-sitter-terraform, WebAssembly) once per process and parses .tf/.tfvars text with it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, Tree } from 'web-tree-sitter';

const RUNTIME_WASM = 'tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;
let failure: string | undefined;

/**
 * Where the .wasm files are: beside the bundle (dist/, copied by scripts/build.mjs), else in node_modules
 * (the compiled tests and a development checkout).
 */
function locate(name: string): string {
  const candidates = [join(__dirname, name), join(__dirname, '..', 'dist', name)];
  for (const pkg of ['web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl']) {
    try {
      candidates.push(require.resolve(`${pkg}/${name}`));
    } catch {
      // not installed (a packed bundle): the dist/ copy is used
    }
  }
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}

/** Loads the parser (idempotent; about 40 ms). Never rejects: a failure is reported by parseHclTree. */
export function initHcl(): Promise<void> {
  loading ??= (async () => {
    try {
      await Parser.init({ locateFile: () => locate(RUNTIME_WASM) });
      const language = await Language.load(locate(GRAMMAR_WASM));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    } catch (error) {
      failure = (error as Error)?.message ?? String(error);
    }
  })();
  return loading;
}

export function hclReady(): boolean {
  return parser !== undefined;
}

/** The last tree per file, so a re-parse after an edit reuses what did not change (tree-sitter's incremental parsing). */
const previous = new Map<string, { text: string; tree: Tree }>();
const MAX_KEPT = 32;

/**
 * The syntax tree of `text` (the caller deletes it); a string saying why when the parser is not loaded.
 * With `key` (the file's path), the previous tree of that file is edited and reused.
 */
export function parseHclTree(text: string, key?: string): Tree | string {
  if (!parser) return failure ? `The HCL parser could not be loaded: ${failure}` : 'The HCL parser is not loaded yet';
  const old = key !== undefined ? previous.get(key) : undefined;
  let base: Tree | undefined;
  if (old && old.text !== text) {
    base = old.tree;
    base.edit(editBetween(old.text, text));
  }
  const tree = old?.text === text ? old.tree.copy() : parser.parse(text, base);
  if (!tree) return 'The HCL parser returned no tree';
  if (key !== undefined) {
    old?.tree.delete();
    previous.delete(key);
    previous.set(key, { text, tree: tree.copy() });
    if (previous.size > MAX_KEPT) {
      const [oldest, entry] = previous.entries().next().value!;
      entry.tree.delete();
      previous.delete(oldest);
    }
  }
  return tree;
}

/** The one edit that turns `before` into `after`: the span between their common prefix and suffix. */
function editBetween(before: string, after: string) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const point = (text: string, offset: number) => {
    const row = countLines(text, offset);
    return { row, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
  };
  return {
    startIndex: start,
    oldEndIndex: before.length - tail,
    newEndIndex: after.length - tail,
    startPosition: point(before, start),
    oldEndPosition: point(before, before.length - tail),
    newEndPosition: point(after, after.length - tail),
  };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
