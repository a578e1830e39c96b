// Starts an isolated code-server (own user data, extensions and XDG dirs in a temp folder) and Chromium for the editor tests.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { commitAll } from './git';

export const PROJECT_ROOT = resolve(__dirname, '../../..');
export const CODE_SERVER = process.env.EXPOSURE_LINT_CODE_SERVER ?? join(PROJECT_ROOT, '.tools/code-server/node_modules/.bin/code-server');
export const CHROMIUM = process.env.EXPOSURE_LINT_CHROMIUM ?? '/usr/bin/chromium';
export const FIXTURE_WORKSPACE = join(PROJECT_ROOT, 'test/editor/fixtures/workspace');

export interface EditorSandbox {
  dir: string;
  /** A fresh copy of the fixture workspace: tests edit and save it, never the fixtures. With `git`, a repository with one commit of it. */
  workspace: string;
  env: NodeJS.ProcessEnv;
  args: string[];
  dispose(): void;
}

export interface SandboxOptions {
  /** Commit the fixture workspace as it is (git init + one commit, no network), for "new since HEAD" and the exposure report. */
  git?: boolean;
}

/** Temp folders for one run; `settings` goes to the user's settings.json. */
export function createSandbox(settings: Record<string, unknown> = {}, options: SandboxOptions = {}): EditorSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-editor-'));
  const workspace = join(dir, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  if (options.git) {
    try {
      commitAll(workspace, 'Fixture workspace: web-app.yaml and nested/worker.yaml with their findings, app-server.yaml clean');
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const userData = join(dir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'files.autoSave': 'off',
    ...settings,
  }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, 'xdg/config'),
    XDG_DATA_HOME: join(dir, 'xdg/data'),
    XDG_CACHE_HOME: join(dir, 'xdg/cache'),
  };
  const args = ['--user-data-dir', userData, '--extensions-dir', join(dir, 'extensions')];
  return { dir, workspace, env, args, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function installExtension(sandbox: EditorSandbox, vsix: string): void {
  execFileSync(CODE_SERVER, [...sandbox.args, '--install-extension', vsix], { env: sandbox.env, stdio: 'pipe' });
}

export interface RunningCodeServer {
  origin: string;
  authority: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server on a free loopback port; resolves when it says it is listening. */
export async function startCodeServer(sandbox: EditorSandbox, timeoutMs = 30_000): Promise<RunningCodeServer> {
  const child: ChildProcess = spawn(CODE_SERVER, [...sandbox.args, '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString();
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        done(listening[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  return {
    origin,
    authority: new URL(origin).host,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No background networking: this machine's closed network refuses those connections.
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Rejects after `ms` with `what` in the message; for the few waits that have no signal of their own. */
export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
