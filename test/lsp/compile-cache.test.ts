// The bundles' loader (bin/load-bundle.js): runs dist/cli.js with V8's code cache in a private folder, and the output
// is the same with the cache, without it, and with a corrupt or untrusted one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT, tempDir } from './lsp-client';

const CLI = join(PROJECT_ROOT, 'dist/cli.js');
/** Node 22+ caches compiled code itself (module.enableCompileCache); the loader then leaves it to Node. */
const skip = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function' ? 'Node caches compiled code itself' : false;
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      PubliclyAccessible: true
`;

function run(cacheHome: string, file: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1', ...extra };
  if (!extra.EXPOSURE_LINT_NO_COMPILE_CACHE) delete env.EXPOSURE_LINT_NO_COMPILE_CACHE;
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (home: string) => {
  try {
    return readdirSync(join(home, 'exposure-lint', 'compile-cache')).filter((name) => name.endsWith('.v8'));
  } catch {
    return [];
  }
};

test('the first run writes a private cache, later runs use it, and the findings are the same', { skip }, (t) => {
  const dir = tempDir('exposure-lint-cc-');
  t.after(() => dir.remove());
  const file = join(dir.dir, 'db.yaml');
  writeFileSync(file, TEMPLATE);
  const home = join(dir.dir, 'cache');
  const first = run(home, file);
  assert.equal(first.status, 1, first.stderr);
  assert.match(first.stdout, /public-database/);
  const files = cacheFiles(home);
  assert.equal(files.length, 1, 'one cache file for the CLI bundle');
  assert.match(files[0], /^cli\.impl\.js-[0-9a-f]{8}-[0-9a-f]+-[0-9a-f]+-v[\d.]+-\w+\.v8$/);
  const folder = join(home, 'exposure-lint', 'compile-cache');
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  assert.equal(statSync(join(folder, files[0])).mode & 0o777, 0o600);
  const second = run(home, file);
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(cacheFiles(home), files, 'the cache is reused, not rewritten under another name');
  const plain = run(home, file, { EXPOSURE_LINT_NO_COMPILE_CACHE: '1' });
  assert.equal(plain.stdout, first.stdout);
});

test('a corrupt cache is rejected by V8 and replaced; the run is unaffected', { skip }, (t) => {
  const dir = tempDir('exposure-lint-cc-');
  t.after(() => dir.remove());
  const file = join(dir.dir, 'db.yaml');
  writeFileSync(file, TEMPLATE);
  const home = join(dir.dir, 'cache');
  const expected = run(home, file).stdout;
  const [name] = cacheFiles(home);
  const path = join(home, 'exposure-lint', 'compile-cache', name);
  writeFileSync(path, Buffer.from('not a V8 code cache'.repeat(50)));
  const again = run(home, file);
  assert.equal(again.stdout, expected);
  assert.ok(statSync(path).size > 10_000, 'a real cache was written in place of the corrupt one');
});

test('a cache folder other users can write is never used (cached code is executed)', { skip }, (t) => {
  const dir = tempDir('exposure-lint-cc-');
  t.after(() => dir.remove());
  const file = join(dir.dir, 'db.yaml');
  writeFileSync(file, TEMPLATE);
  const home = join(dir.dir, 'cache');
  const folder = join(home, 'exposure-lint', 'compile-cache');
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o777);
  const result = run(home, file);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /public-database/);
  assert.deepEqual(cacheFiles(home), [], 'nothing written to (or read from) a world-writable folder');
});
