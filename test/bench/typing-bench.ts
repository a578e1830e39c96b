// `npm run bench` (or `node out/test/bench/typing-bench.js`): keystrokes every 100 ms, as a person types, sent to
// the language server over stdio WITHOUT waiting for answers, on 500- and 2,000-resource templates. For each
// keystroke: the time until diagnostics for that version or a newer one arrive (p50/p95), how many lints the
// server published, and how far it fell behind. Peer: one cfn-lint run on the same file (a cfn-lint based editor
// cannot answer a keystroke faster). Environment: TYPING_SIZES=500,2000, TYPING_KEYSTROKES=60, BENCH_SERVER
// (another server bundle, to compare builds), BENCH_PEER=0 (skip cfn-lint).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, tempDir, uriOf } from '../lsp/lsp-client';
import { generateTemplate, toYaml } from './generate';
import { delay, goal, machine, peerAvailable, percentile, ratio, round1, timeCommand } from './measure';

const SIZES = (process.env.TYPING_SIZES ?? '500,2000').split(',').map(Number);
const KEYSTROKES = Number(process.env.TYPING_KEYSTROKES ?? 60);
const GAP_MS = 100;
/** The issue's goals for p95 keystroke -> diagnostics on a quiet machine. */
const GOALS: Record<number, number> = { 500: 50, 2000: 100 };

/**
 * Where the keystrokes go: a description (a value no rule reads: the findings are moved, not linted again) and a
 * port (read by the rules: the edited resource is read again and the topology and rules run).
 */
const PLACES = [
  { place: 'description', after: 'GroupDescription: ', typed: 'x' },
  { place: 'port', after: 'FromPort: 44', typed: '1' },
] as const;

export interface TypingResult {
  resources: number;
  /** Where the keystrokes went (PLACES). */
  place: string;
  keystrokes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Diagnostics notifications the server sent while typing (one per lint). */
  publishes: number;
  /** Publications for a version older than one already published (must be 0). */
  stalePublishes: number;
  /** Most keystrokes sent and not yet answered at any moment. */
  maxBehind: number;
  peerOneRunMs?: number;
  peerPeakRssMb?: number;
}

/** Position right after `needle`: where we type. */
function cursorAfter(text: string, needle: string): { line: number; character: number } {
  const index = text.indexOf(needle) + needle.length;
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - (before.lastIndexOf('\n') + 1) };
}

/** Types `count` keystrokes (insert, delete, insert, ...) every GAP_MS without waiting; measures each one. */
async function type(client: TestClient, uri: string, text: string, count: number, where: (typeof PLACES)[number]): Promise<Omit<TypingResult, 'resources' | 'place' | 'peerOneRunMs' | 'peerPeakRssMb'>> {
  const at = cursorAfter(text, where.after);
  const sentAt = new Map<number, number>();
  const latencies = new Map<number, number>();
  let newestPublished = 0;
  let publishes = 0;
  let stalePublishes = 0;
  let maxBehind = 0;
  let lastSent = 0;
  const answer = (version: number) => {
    const now = performance.now();
    for (const [v, t] of sentAt) if (v <= version && !latencies.has(v)) latencies.set(v, now - t);
  };
  const watcher = (async () => {
    for (;;) {
      const params = await client.nextDiagnostics(uri, () => true, 120_000).catch(() => undefined);
      if (!params || params.version === undefined) return;
      publishes++;
      if (params.version < newestPublished) stalePublishes++;
      newestPublished = Math.max(newestPublished, params.version);
      answer(params.version);
      if (lastSent && newestPublished >= lastSent) return;
    }
  })();
  const start = performance.now();
  let typed = 0;
  for (let i = 0; i < count; i++) {
    await delay(start + i * GAP_MS - performance.now());
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: { ...at, character: at.character + typed }, end: { ...at, character: at.character + typed } }, text: where.typed }
      : { range: { start: { ...at, character: at.character + typed - 1 }, end: { ...at, character: at.character + typed } }, text: '' };
    typed += insert ? 1 : -1;
    const sent = performance.now();
    const version = await client.change(uri, [change]);
    sentAt.set(version, sent);
    if (i === count - 1) lastSent = version;
    maxBehind = Math.max(maxBehind, [...sentAt.keys()].filter((v) => !latencies.has(v)).length);
  }
  await Promise.race([watcher, delay(120_000)]);
  const values = [...sentAt.keys()].map((v) => latencies.get(v) ?? Infinity);
  return { keystrokes: count, p50Ms: round1(percentile(values, 50)), p95Ms: round1(percentile(values, 95)), maxMs: round1(Math.max(...values)), publishes, stalePublishes, maxBehind };
}

export async function typingBench(server?: string): Promise<TypingResult[]> {
  const workspace = tempDir('exposure-lint-typing-bench-');
  const withPeer = peerAvailable();
  const results: TypingResult[] = [];
  try {
    for (const size of SIZES) {
      const text = toYaml(generateTemplate(size));
      const path = join(workspace.dir, `typing-${size}.yaml`);
      writeFileSync(path, text);
      const uri = uriOf(path);
      const client = await TestClient.start({ folder: workspace.dir, server, settings: { markNewSince: '' } });
      try {
        await client.open(uri, text);
        await client.diagnostics(uri, () => true, 120_000);
        const peer = withPeer ? timeCommand('cfn-lint', [path], 1_800_000) : undefined;
        for (const where of PLACES) {
          await type(client, uri, text, 10, where); // warm-up (JIT)
          const measured = await type(client, uri, text, KEYSTROKES, where);
          results.push({ resources: size, place: where.place, ...measured, peerOneRunMs: peer ? Math.round(peer.ms) : undefined, peerPeakRssMb: peer?.peakRssMb });
        }
      } finally {
        await client.stop();
      }
    }
  } finally {
    workspace.remove();
  }
  return results;
}

export function printTyping(results: TypingResult[], load: ReturnType<typeof machine>): void {
  process.stdout.write(`\nTyping: a keystroke every ${GAP_MS} ms, not waiting for answers (server over stdio; ${load.cpus} CPUs, load ${load.load1m})\n`);
  process.stdout.write('  resources  typing in   keystrokes  p50 ms  p95 ms  max ms  lints  stale  most behind  cfn-lint one run ms  cfn-lint/our p95\n');
  for (const r of results) {
    process.stdout.write(
      `  ${String(r.resources).padStart(9)}  ${r.place.padEnd(11)} ${String(r.keystrokes).padStart(10)}  ${String(r.p50Ms).padStart(6)}  ${String(r.p95Ms).padStart(6)}  ${String(r.maxMs).padStart(6)}  ${String(r.publishes).padStart(5)}  ${String(r.stalePublishes).padStart(5)}  ${String(r.maxBehind).padStart(11)}  ${String(r.peerOneRunMs ?? '-').padStart(19)}  ${ratio(r.peerOneRunMs, r.p95Ms).padStart(16)}\n`,
    );
  }
  for (const r of results) if (GOALS[r.resources]) process.stdout.write(`  ${goal(`p95 keystroke -> diagnostics at ${r.resources} resources, typing in a ${r.place}`, r.p95Ms, GOALS[r.resources], 'ms')}${load.load1m > 1 ? ' (machine busy: goal is for a quiet machine)' : ''}\n`);
}

if (require.main === module) {
  const before = machine();
  typingBench(process.env.BENCH_SERVER)
    .then((results) => {
      const after = machine();
      printTyping(results, { ...after, load1m: Math.max(before.load1m, after.load1m) });
      process.stdout.write(`${JSON.stringify({ typing: results, machine: { before, after } })}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`typing-bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
