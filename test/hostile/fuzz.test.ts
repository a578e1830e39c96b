// Fuzz target, bounded per CI run (COUNT inputs, seeded): every mutant through the engine, a slice through the
// CLI and a slice through the language server. No crash, no internal error, no stack, each in bounded time.
// A failing mutant of the project's own fixtures is saved to test/hostile/fuzz-cases/ (commit it: it is re-run
// every time); one of a corpus template is saved outside the repository, under out/fuzz-failures/, with its recipe.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { TestClient, uriOf } from '../lsp/lsp-client';
import { assertNoStack, bounded, cli, record, ROOT, tempFolder } from './bounded';
import { CASES, COUNT, Mutant, mutant, SEED, seeds } from './fuzz';

const SUSPICIOUS = /Internal error|is not a function|Cannot read propert|undefined is not|Maximum call stack/;
const PER_INPUT_MS = 5_000;

const all = seeds();
const mutants: Mutant[] = Array.from({ length: COUNT }, (_, i) => mutant(all, i));

function lintMutant(name: string, text: string): string[] {
  const linted = /\.tf\.json$/i.test(name) ? lintTerraformFiles([{ path: `/fuzz/${name}`, text }]) : lintText(`/fuzz/${name}`, text);
  return linted.findings.map((f) => f.message).filter((message) => SUSPICIOUS.test(message));
}

function save(m: Mutant, problem: string): string {
  const recipe = `seed ${SEED}, input ${m.index}: ${m.source.path}\n${m.steps.join('\n')}\n${problem}\n`;
  if (m.source.own) {
    mkdirSync(CASES, { recursive: true });
    const file = join(CASES, `${SEED}-${m.name}`);
    writeFileSync(file, m.text);
    return file;
  }
  const dir = join(ROOT, 'out', 'fuzz-failures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${SEED}-${m.name}`), m.text);
  writeFileSync(join(dir, `${SEED}-${m.name}.txt`), recipe);
  return join(dir, `${SEED}-${m.name}`);
}

test(`fuzz: ${COUNT} seeded mutants (seed ${SEED}) through the engine: no throw, no internal error, each under ${PER_INPUT_MS} ms`, () => {
  assert.ok(all.length >= 50, `only ${all.length} seed templates found`);
  const failures: string[] = [];
  let worst = { ms: 0, name: '' };
  for (const m of mutants) {
    const started = performance.now();
    let problem: string | undefined;
    try {
      const bad = lintMutant(m.name, m.text);
      if (bad.length) problem = `internal error in findings: ${bad[0]}`;
    } catch (error) {
      problem = `threw: ${(error as Error)?.stack ?? String(error)}`;
    }
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { ms, name: `${m.name} from ${m.source.path}` };
    if (!problem && ms > PER_INPUT_MS) problem = `took ${Math.round(ms)} ms`;
    if (problem) failures.push(`${save(m, problem)}: ${problem.split('\n')[0]}`);
  }
  record({ name: `fuzz engine: slowest of ${COUNT} mutants (${worst.name})`, ms: worst.ms, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) });
  assert.deepEqual(failures, []);
});

test('fuzz: saved failure cases (test/hostile/fuzz-cases) stay fixed', () => {
  let names: string[] = [];
  try {
    names = readdirSync(CASES).sort();
  } catch {
    return; // none saved yet
  }
  for (const name of names) assert.deepEqual(lintMutant(name, readFileSync(join(CASES, name), 'utf8')), [], name);
});

test('fuzz: 40 mutants through the CLI in one run: exit 0 or 1, JSON output, no stack', async () => {
  const repo = tempFolder();
  try {
    for (const m of mutants.slice(0, 40)) writeFileSync(join(repo.dir, m.name.replace(/\.tf\.json$/, `-${m.index}.tf.json`)), m.text);
    const run = await cli(`fuzz: 40 mutants (seed ${SEED})`, [repo.dir, '--format', 'json'], 120_000);
    assertNoStack(run.stderr);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const output = JSON.parse(run.stdout) as { findings: { message: string }[] };
    assert.deepEqual(output.findings.filter((f) => SUSPICIOUS.test(f.message)).map((f) => f.message), []);
  } finally {
    repo.remove();
  }
});

test('fuzz: 25 mutants opened in the language server: each answered, no internal error logged', async () => {
  const repo = tempFolder();
  const client = await TestClient.start({ folder: repo.dir });
  try {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    await bounded(`fuzz server: 25 mutants (seed ${SEED})`, 60_000, async () => {
      for (const m of mutants.slice(40, 65)) {
        const uri = uriOf(join(repo.dir, m.name));
        await client.open(uri, m.text, /\.json$/.test(m.name) ? 'json' : 'yaml');
        // A code action request is answered after the document's lint: the server got through it.
        await client.codeActions(uri, range, []);
        await client.close(uri);
      }
    });
    assert.deepEqual(client.logs.filter((line) => SUSPICIOUS.test(line)), []);
  } finally {
    await client.stop();
    repo.remove();
  }
});
