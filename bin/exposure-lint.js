#!/usr/bin/env node
// The exposure-lint command: runs the bundled CLI (dist/cli.js, built by `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write('exposure-lint: dist/cli.js is missing; run `npm run build` (or `npm ci`) first\n');
  process.exit(2);
}
require(bundle);
