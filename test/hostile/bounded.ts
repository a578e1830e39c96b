// Benchmark-style harness for the hostile-repository suite: every case runs under a generous time bound
// (10-100x what a linear implementation needs, a fraction of what the old super-linear code took) and records
// its time and memory, so a regression fails clearly and the worst case is reported, without flaky tight timings.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'exposure-lint.js');

export interface Measure {
  name: string;
  ms: number;
  /** Peak resident memory in MB (of the CLI process when it ran one, else of this test process). */
  peakMb?: number;
}

const measures: Measure[] = [];

/** Run `work`, assert it finished within `limitMs`, record the measure. */
export async function bounded<T>(name: string, limitMs: number, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  record({ name, ms, peakMb });
  assert.ok(ms < limitMs, `${name}: took ${Math.round(ms)} ms, bound ${limitMs} ms`);
  return value;
}

export function record(measure: Measure): void {
  measures.push(measure);
  // One file per test process: the report script reads them all (out/hostile-measures/*.json).
  const dir = join(ROOT, 'out', 'hostile-measures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(measures, null, 1));
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakMb?: number;
}

const TIME = '/usr/bin/time';

/** The built CLI in a child process, killed after `limitMs` (a hang fails the case instead of the suite). */
export function cli(name: string, args: string[], limitMs: number, cwd = ROOT): Promise<CliRun> {
  return new Promise((done, reject) => {
    const useTime = existsSync(TIME);
    const command = useTime ? TIME : process.execPath;
    const argv = useTime ? ['-f', '@@peak-kb %M', process.execPath, BIN, ...args] : [BIN, ...args];
    const started = performance.now();
    const child = spawn(command, argv, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const peak = /@@peak-kb (\d+)\s*$/.exec(stderr);
      if (peak) stderr = stderr.slice(0, peak.index);
      const peakMb = peak ? Math.round(Number(peak[1]) / 1024) : undefined;
      record({ name: `cli: ${name}`, ms, peakMb });
      if (ms >= limitMs) reject(new Error(`${name}: the CLI ran past ${limitMs} ms and was killed`));
      else done({ code, stdout, stderr, ms, peakMb });
    });
  });
}

/** A temp folder, removed by the returned function. */
export function tempFolder(prefix = 'exposure-lint-hostile-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No stack trace lines in output: every failure is a message. */
export function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /^\s+at .+:\d+:\d+\)?$/m, 'stack trace in output');
}
