#!/usr/bin/env node
// The exposure-lint language server for any LSP client (`exposure-lint-server --stdio`): runs dist/server.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'server.js');
if (!existsSync(bundle)) {
  process.stderr.write('exposure-lint-server: dist/server.js is missing; run `npm run build` (or `npm ci`) first\n');
  process.exit(2);
}
require(bundle);
