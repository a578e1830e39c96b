// Bundles the extension client, the language server and the CLI with esbuild. The server and the CLI are each a
// bundle (dist/*.impl.js) behind a small loader (dist/server.js, dist/cli.js) that runs it with V8's code cache.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// mainFields: jsonc-parser's UMD build hides its requires from esbuild ("./impl/format" not found at run time); its ESM build bundles.
// supported: import() becomes require(): the loader runs the bundle as a vm.Script, where import() has no callback
// on Node 20 (web-tree-sitter's glue imports fs/promises so).
const common = { bundle: true, platform: 'node', mainFields: ['module', 'main'], target: 'node20', format: 'cjs', sourcemap: true, minify: process.env.MINIFY === '1', logLevel: 'warning', supported: { 'dynamic-import': false } };
// web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: bundle its CJS build instead.
const require = createRequire(import.meta.url);
const treeSitterCjs = { name: 'web-tree-sitter-cjs', setup: (b) => b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') })) };
common.plugins = [treeSitterCjs];
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.impl.js', loader: 'server', saveAfterMs: 10_000 },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.impl.js', loader: 'cli' },
];
for (const { loader, saveAfterMs, ...entry } of entries) {
  if (!existsSync(entry.entryPoints[0])) continue;
  await build({ ...common, ...entry });
  if (!loader) continue;
  const contents = `require('../bin/load-bundle.js').loadBundle(require('node:path').join(__dirname, '${loader}.impl.js')${saveAfterMs ? `, ${saveAfterMs}` : ''});\n`;
  await build({ ...common, sourcemap: false, stdin: { contents, resolveDir: 'dist', sourcefile: `${loader}-loader.js` }, outfile: `dist/${loader}.js` });
}

// The HCL parser is WebAssembly: esbuild bundles its JS only, so the runtime and the Terraform grammar are
// copied beside the bundles, where the CLI, the server and the packed package find them.
mkdirSync('dist', { recursive: true });
for (const path of ['web-tree-sitter/tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm']) {
  copyFileSync(require.resolve(path), join('dist', path.split('/').pop()));
}
