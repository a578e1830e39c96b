// `npm run bench` (after bench.js) or `node out/test/bench/lsp-bench.js`: the language server over stdio, measured
// from the client side: keystroke -> fresh diagnostics (p50/p95/max) on a 500-resource template, typing at a human
// pace and in bursts, and the server's resident memory with a 10,000-resource template open.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, tempDir, uriOf } from '../lsp/lsp-client';
import { generateTemplate, toYaml } from './generate';
import { lintText } from '../../server/src/engine/lint';

const KEYSTROKES = Number(process.env.LSP_BENCH_KEYSTROKES ?? 200);
const BURSTS = Number(process.env.LSP_BENCH_BURSTS ?? 20);
/** Time between keystrokes when typing at a steady pace (about 8 characters a second). */
const TYPING_GAP_MS = 120;
/** Time between keystrokes inside a burst (fast typing; the debounce coalesces them). */
const BURST_GAP_MS = 30;
const BURST_LENGTH = 8;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]): { n: number; p50: number; p95: number; max: number } {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** Position of the character after `needle` (the place we type). */
function cursorAfter(text: string, needle: string): { line: number; character: number } {
  const index = text.indexOf(needle) + needle.length;
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - (before.lastIndexOf('\n') + 1) };
}

/**
 * Type into a description (the template stays valid): each keystroke inserts or deletes one
 * character; the latency is from sending the change to the diagnostics for that version.
 */
async function typing(client: TestClient, uri: string, text: string, count: number, gapMs: number): Promise<number[]> {
  const at = cursorAfter(text, 'GroupDescription: ');
  const latencies: number[] = [];
  let typed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: { ...at, character: at.character + typed }, end: { ...at, character: at.character + typed } }, text: 'x' }
      : { range: { start: { ...at, character: at.character + typed - 1 }, end: { ...at, character: at.character + typed } }, text: '' };
    typed += insert ? 1 : -1;
    const version = await client.change(uri, [change]);
    await client.diagnostics(uri, (p) => p.version === version, 60_000);
    latencies.push(performance.now() - started);
    await delay(gapMs - (performance.now() - started));
  }
  return latencies;
}

/** Bursts of fast keystrokes: latency from the last keystroke of a burst to the diagnostics for it. */
async function bursts(client: TestClient, uri: string, text: string, count: number): Promise<number[]> {
  const at = cursorAfter(text, 'GroupDescription: ');
  const latencies: number[] = [];
  for (let b = 0; b < count; b++) {
    let version = 0;
    for (let k = 0; k < BURST_LENGTH; k++) {
      const insert = k < BURST_LENGTH / 2;
      const offset = insert ? k : BURST_LENGTH - k - 1;
      const change = insert
        ? { range: { start: { ...at, character: at.character + offset }, end: { ...at, character: at.character + offset } }, text: 'y' }
        : { range: { start: { ...at, character: at.character + offset }, end: { ...at, character: at.character + offset + 1 } }, text: '' };
      version = await client.change(uri, [change]);
      if (k < BURST_LENGTH - 1) await delay(BURST_GAP_MS);
    }
    const last = performance.now();
    const target = version;
    await client.diagnostics(uri, (p) => p.version === target, 60_000);
    latencies.push(performance.now() - last);
    await delay(300);
  }
  return latencies;
}

/** The engine alone on the same text, in this process: what the server cannot go below. */
function engineOnly(text: string, runs: number): { n: number; p50: number; p95: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    lintText('/bench/engine-only.yaml', text);
    if (i >= 3) times.push(performance.now() - started);
  }
  return summary(times);
}

async function main(): Promise<void> {
  const workspace = tempDir('exposure-lint-lsp-bench-');
  const client = await TestClient.start({ folder: workspace.dir });
  const pid = client.child.pid!;
  try {
    const idle = memoryOf(pid);
    const small = toYaml(generateTemplate(500));
    const smallUri = uriOf(join(workspace.dir, 'bench-500.yaml'));
    let started = performance.now();
    await client.open(smallUri, small);
    const first = await client.diagnostics(smallUri, () => true, 60_000);
    const openMs = performance.now() - started;
    // Warm up (JIT), then measure.
    await typing(client, smallUri, small, 20, TYPING_GAP_MS);
    const steady = summary(await typing(client, smallUri, small, KEYSTROKES, TYPING_GAP_MS));
    const burst = summary(await bursts(client, smallUri, small, BURSTS));
    const with500 = memoryOf(pid);
    await client.close(smallUri);

    const large = toYaml(generateTemplate(10_000));
    const largeUri = uriOf(join(workspace.dir, 'bench-10000.yaml'));
    started = performance.now();
    await client.open(largeUri, large);
    const largeFirst = await client.diagnostics(largeUri, () => true, 120_000);
    const largeOpenMs = performance.now() - started;
    const largeEdits = summary(await typing(client, largeUri, large, 10, 0));
    const with10k = memoryOf(pid);
    const engine500 = engineOnly(small, 30);

    const report = {
      template500: { bytes: small.length, diagnostics: first.diagnostics.length, firstDiagnosticsMs: Math.round(openMs), keystrokeToDiagnosticsMs: steady, burstLastKeystrokeToDiagnosticsMs: burst },
      template10000: { bytes: large.length, diagnostics: largeFirst.diagnostics.length, firstDiagnosticsMs: Math.round(largeOpenMs), keystrokeToDiagnosticsMs: largeEdits },
      engineOnly500Ms: engine500,
      serverMemoryMb: { idle, after500: with500, with10000Open: with10k },
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      cpus: cpus().length,
      node: process.version,
    };
    process.stdout.write('\nLanguage server (stdio, measured from the client)\n');
    process.stdout.write(`  500 resources (${(small.length / 1024).toFixed(0)} kB, ${first.diagnostics.length} diagnostics): first diagnostics ${report.template500.firstDiagnosticsMs} ms\n`);
    process.stdout.write(`    keystroke -> diagnostics, typing every ${TYPING_GAP_MS} ms: p50 ${steady.p50} ms, p95 ${steady.p95} ms, max ${steady.max} ms (n=${steady.n})\n`);
    process.stdout.write(`    last keystroke of a ${BURST_LENGTH}-key burst (${BURST_GAP_MS} ms apart) -> diagnostics: p50 ${burst.p50} ms, p95 ${burst.p95} ms, max ${burst.max} ms (n=${burst.n})\n`);
    process.stdout.write(`  10,000 resources (${(large.length / 1048576).toFixed(1)} MB, ${largeFirst.diagnostics.length} diagnostics): first diagnostics ${report.template10000.firstDiagnosticsMs} ms; keystroke -> diagnostics p50 ${largeEdits.p50} ms, max ${largeEdits.max} ms\n`);
    process.stdout.write(`    the engine alone on the 500-resource template (lintText in the bench process): p50 ${engine500.p50} ms, p95 ${engine500.p95} ms\n`);
    process.stdout.write(`  server RSS: idle ${idle.rssMb} MB; after the 500-resource session ${with500.rssMb} MB; 10,000-resource template open ${with10k.rssMb} MB (peak ${with10k.peakRssMb} MB)\n`);
    process.stdout.write(`  machine: ${report.cpus} CPUs, load average ${report.loadAverage1m} (other work on the machine inflates every number)\n`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await client.stop();
    workspace.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`lsp-bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
