// Neovim (headless) as a real second LSP client: diagnostics arrive, the preferred quick fix and fix-all apply,
// and the file is written fixed. Skipped with a message where nvim is missing, except in CI (.ci/run installs it).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUTO_IP_YAML, positionOf } from '../lsp/templates';

const PROJECT_ROOT = resolve(__dirname, '../../..');
const SERVER = join(PROJECT_ROOT, 'dist/server.js');
const INIT = join(PROJECT_ROOT, 'test/neovim/init.lua');

function nvimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

const version = nvimVersion();
const inCi = process.env.CI === 'true';
const skip = !version && !inCi ? 'nvim is not installed (apt-get install -y neovim); the Neovim client test did not run' : false;
if (skip) process.stdout.write(`# SKIPPED: ${skip}\n`);

interface Snapshot {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  message: string;
  source: string;
  code: string;
}

interface Result {
  ok: boolean;
  error?: string;
  steps: { step: string; diagnostics: Snapshot[]; actions?: string[]; applied?: string; title?: string; kind?: string; resolved?: boolean }[];
}

/** Run nvim until it exits (or 90 s pass); resolves with its exit code and output. */
function runNvim(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', INIT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolvePromise({ code, output });
    });
  });
}

test('Neovim: diagnostics arrive, the quick fix and fix-all apply, the file is written fixed', { skip }, async () => {
  assert.ok(version, 'nvim is required in CI (CI=true): .ci/run installs the neovim package');
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-nvim-'));
  try {
    const file = join(dir, 'network.yaml');
    writeFileSync(file, AUTO_IP_YAML);
    const xdg = (name: string) => {
      const path = join(dir, '.nvim', name);
      mkdirSync(path, { recursive: true });
      return path;
    };
    const out = join(dir, '.nvim', 'result.json');
    const env = { ...process.env, XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_STATE_HOME: xdg('state'), XDG_CACHE_HOME: xdg('cache'), EL_FILE: file, EL_OUT: out, EL_SERVER: SERVER, EL_NODE: process.execPath };
    const run = await runNvim(env);
    assert.ok(existsSync(out), `nvim wrote no result (exit ${run.code}): ${run.output}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
    assert.equal(result.error, undefined, result.error);
    assert.equal(run.code, 0, run.output);
    const [open, quickfix, fixAll] = result.steps;
    const a = positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicA:');
    const b = positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch: true', 'PublicB:');
    const len = 'MapPublicIpOnLaunch: true'.length;
    assert.deepEqual(open.diagnostics.map((d) => [d.code, d.source, d.lnum, d.col, d.end_lnum, d.end_col]), [
      ['public-subnet-auto-ip', 'exposure-lint', a.line, a.character, a.line, a.character + len],
      ['public-subnet-auto-ip', 'exposure-lint', b.line, b.character, b.line, b.character + len],
    ]);
    assert.match(open.diagnostics[0].message, /^PublicA \(0\.0\.0\.0\/0 -> Igw\) gives every instance launched in it a public IP/);
    assert.deepEqual(quickfix.actions, ['Do not map public IPs on launch in PublicA', 'Disable public-subnet-auto-ip for this line', 'Disable public-subnet-auto-ip for resource PublicA (Metadata)', 'Fix all auto-fixable exposure-lint problems', 'Disable public-subnet-auto-ip for this file']);
    assert.equal(quickfix.applied, 'Do not map public IPs on launch in PublicA');
    assert.deepEqual(quickfix.diagnostics.map((d) => [d.code, d.lnum]), [['public-subnet-auto-ip', b.line]]);
    assert.deepEqual([fixAll.title, fixAll.kind, fixAll.diagnostics], ['Fix all auto-fixable exposure-lint problems', 'source.fixAll.exposure-lint', []]);
    assert.equal(fixAll.resolved, true, 'Neovim resolves the fix-all action (it announces resolveSupport for edits)');
    assert.equal(readFileSync(file, 'utf8'), AUTO_IP_YAML.replaceAll('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: false'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
