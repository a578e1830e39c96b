// `npm run bench` (or `node out/test/bench/memory-bench.js`): the language server's memory with a 10,000-resource
// template open (after its first lint and a few edits): resident and peak resident. Peer: cfn-lint's peak RSS on a
// template of MEMORY_PEER_SIZE resources (default 2,000: cfn-lint takes minutes on 10,000). Environment:
// MEMORY_SIZE=10000, BENCH_SERVER (another server bundle), BENCH_PEER=0 (skip cfn-lint).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, tempDir, uriOf } from '../lsp/lsp-client';
import { generateTemplate, toYaml } from './generate';
import { goal, machine, memoryOf, peerAvailable, timeCommand } from './measure';

const SIZE = Number(process.env.MEMORY_SIZE ?? 10_000);
const PEER_SIZE = Number(process.env.MEMORY_PEER_SIZE ?? 2000);
const GOAL_MB = 200;

export interface MemoryResult {
  resources: number;
  idleRssMb: number;
  openRssMb: number;
  peakRssMb: number;
  firstDiagnosticsMs: number;
  diagnostics: number;
  peer?: { resources: number; peakRssMb?: number; ms: number };
  oursCliPeakRssMb?: number;
}

export async function memoryBench(server?: string, options: { peer?: boolean } = {}): Promise<MemoryResult> {
  const workspace = tempDir('exposure-lint-memory-bench-');
  try {
    const text = toYaml(generateTemplate(SIZE));
    const path = join(workspace.dir, `memory-${SIZE}.yaml`);
    writeFileSync(path, text);
    const uri = uriOf(path);
    const client = await TestClient.start({ folder: workspace.dir, server, settings: { markNewSince: '' } });
    let result: MemoryResult;
    try {
      const pid = client.child.pid!;
      const idle = memoryOf(pid);
      const started = performance.now();
      await client.open(uri, text);
      const first = await client.diagnostics(uri, () => true, 300_000);
      const firstDiagnosticsMs = Math.round(performance.now() - started);
      // A few edits (each waits for its diagnostics): memory while working in the file, not just after opening it.
      const line = text.split('\n').findIndex((l) => l.includes('GroupDescription: '));
      const character = text.split('\n')[line].indexOf('GroupDescription: ') + 'GroupDescription: '.length;
      for (let i = 0; i < 4; i++) {
        const change = i % 2 === 0 ? { range: { start: { line, character }, end: { line, character } }, text: 'x' } : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
        const version = await client.change(uri, [change]);
        await client.diagnostics(uri, (p) => p.version === version, 300_000);
      }
      const open = memoryOf(pid);
      result = { resources: SIZE, idleRssMb: idle.rssMb, openRssMb: open.rssMb, peakRssMb: open.peakRssMb, firstDiagnosticsMs, diagnostics: first.diagnostics.length };
    } finally {
      await client.stop();
    }
    const cli = timeCommand(process.execPath, [join(__dirname, '..', '..', '..', 'dist', 'cli.js'), '--format', 'json', path]);
    result.oursCliPeakRssMb = cli.peakRssMb;
    if (options.peer !== false && peerAvailable()) {
      const peerPath = join(workspace.dir, `peer-${PEER_SIZE}.yaml`);
      writeFileSync(peerPath, toYaml(generateTemplate(PEER_SIZE)));
      const peer = timeCommand('cfn-lint', [peerPath], 1_800_000);
      result.peer = { resources: PEER_SIZE, peakRssMb: peer.peakRssMb, ms: Math.round(peer.ms) };
    }
    return result;
  } finally {
    workspace.remove();
  }
}

export function printMemory(r: MemoryResult, load: ReturnType<typeof machine>): void {
  process.stdout.write(`\nMemory (${load.cpus} CPUs, load ${load.load1m})\n`);
  process.stdout.write(`  server, ${r.resources.toLocaleString('en')} resources open (${r.diagnostics} diagnostics, first in ${r.firstDiagnosticsMs} ms): RSS ${r.openRssMb} MB, peak ${r.peakRssMb} MB (idle ${r.idleRssMb} MB)\n`);
  if (r.oursCliPeakRssMb !== undefined) process.stdout.write(`  CLI on the same file: peak RSS ${r.oursCliPeakRssMb} MB\n`);
  if (r.peer) process.stdout.write(`  cfn-lint (peer) on ${r.peer.resources.toLocaleString('en')} resources: peak RSS ${r.peer.peakRssMb ?? '?'} MB in ${r.peer.ms} ms\n`);
  process.stdout.write(`  ${goal(`server peak RSS with ${r.resources.toLocaleString('en')} resources open`, r.peakRssMb, GOAL_MB, 'MB', 0)}\n`);
}

if (require.main === module) {
  const before = machine();
  memoryBench(process.env.BENCH_SERVER)
    .then((result) => {
      const after = machine();
      printMemory(result, { ...after, load1m: Math.max(before.load1m, after.load1m) });
      process.stdout.write(`${JSON.stringify({ memory: result, machine: { before, after } })}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`memory-bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
