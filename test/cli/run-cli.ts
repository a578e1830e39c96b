// Spawns the built CLI (node bin/exposure-lint.js) the way a CI job does, and copies fixtures to temp folders.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project root (this file runs from out/test/cli). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'exposure-lint.js');
export const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A fresh temp folder holding copies of the named fixtures (tests may rewrite them). */
export function tempCopy(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-cli-'));
  for (const name of names) cpSync(join(FIXTURES, name), join(dir, name), { recursive: true });
  return dir;
}

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function lineColOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** No stack trace lines in output: every failure is a message. */
export function assertNoStack(text: string): void {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(text)) throw new Error(`stack trace in output:\n${text}`);
}
