// What ships is audited: the bundles in dist/ hold their dependencies (the package installs with none), so
// `npm run audit` covers the development tree too, and every package esbuild put into dist/ must be in the lock.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bounded';

test('every package bundled into dist/*.js is locked, and npm run audit includes development packages', { skip: !existsSync(join(ROOT, 'dist', 'server.impl.js.map')) && 'run npm run build first (dist/ has no bundles)' }, () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies?: Record<string, string> };
  const bundled = new Set<string>();
  // The server and the CLI are bundles behind a small loader (dist/*.impl.js); the client is one bundle.
  for (const bundle of ['client.js.map', 'server.impl.js.map', 'cli.impl.js.map']) {
    const map = join(ROOT, 'dist', bundle);
    if (!existsSync(map)) continue;
    for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) {
      // A package's own pre-bundled sources (from its source map) name paths that are not on disk: the package that
      // shipped them is what is installed and audited, and it is listed by its own files.
      if (!existsSync(join(ROOT, 'dist', source))) continue;
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
      if (match) bundled.add(match[1]);
    }
  }
  assert.ok(bundled.has('js-yaml') && bundled.has('yaml'), `unexpected bundle contents: ${[...bundled].join(', ')}`);
  const unlocked = [...bundled].sort().filter((name) => !lock.packages[`node_modules/${name}`]);
  assert.deepEqual(unlocked, []);
  // Bundled packages are development dependencies (nothing is installed beside the bundle), so the audit must include them.
  assert.match(manifest.scripts.audit ?? '', /npm audit --include=dev/);
  assert.equal(Object.keys(manifest.dependencies ?? {}).length, 0, 'the bundle is self-contained: no runtime dependencies to install');
});
