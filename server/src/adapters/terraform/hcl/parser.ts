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

/** The syntax tree of `text` (the caller deletes it); a string saying why when the parser is not loaded. */
export function parseHclTree(text: string): Tree | string {
  if (!parser) return failure ? `The HCL parser could not be loaded: ${failure}` : 'The HCL parser is not loaded yet';
  const tree = parser.parse(text);
  return tree ?? 'The HCL parser returned no tree';
}
