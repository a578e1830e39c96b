// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// mainFields: jsonc-parser's UMD build hides its requires from esbuild ("./impl/format" not found at run time); its ESM build bundles.
const common = { bundle: true, platform: 'node', mainFields: ['module', 'main'], target: 'node20', format: 'cjs', sourcemap: true, minify: process.env.MINIFY === '1', logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];
for (const entry of entries) {
  if (!existsSync(entry.entryPoints[0])) continue;
  await build({ ...common, ...entry });
}
