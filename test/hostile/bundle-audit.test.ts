// `npm audit --omit=dev` must cover what ships: every package esbuild put into dist/ is a production
// dependency in package-lock.json (declared in "dependencies", or pulled in by one), never dev-only.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bounded';

test('every package bundled into dist/*.js is a production dependency in package-lock.json', { skip: !existsSync(join(ROOT, 'dist', 'server.js.map')) }, () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly: string[] = [];
  const bundled = new Set<string>();
  for (const bundle of ['client.js.map', 'server.js.map', 'cli.js.map']) {
    const map = join(ROOT, 'dist', bundle);
    if (!existsSync(map)) continue;
    for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
      if (match) bundled.add(match[1]);
    }
  }
  assert.ok(bundled.has('js-yaml') && bundled.has('yaml'), `unexpected bundle contents: ${[...bundled].join(', ')}`);
  for (const name of [...bundled].sort()) {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry || entry.dev) devOnly.push(name);
  }
  assert.deepEqual(devOnly, []);
});
