// `npm run bench` (or `node out/test/bench/startup-bench.js`): start-up as a user feels it, against `node -e 0` in
// the same loop (interleaved, medians, so machine load hits both alike): the CLI on a 50-resource template and the
// language server from spawn to its `initialize` answer; cfn-lint (the peer) on the same template. Environment:
// STARTUP_ROUNDS=15, BENCH_DIST (another dist/ folder, to compare builds), BENCH_PEER=0 (skip cfn-lint).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTemplate, toYaml } from './generate';
import { goal, machine, median, peerAvailable, ratio, round1 } from './measure';

const ROOT = resolve(__dirname, '..', '..', '..');
const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 15);
const PEER_ROUNDS = 3;
const round2 = (n: number) => Math.round(n * 100) / 100;

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

/** One command to its end under GNU time: wall, user+system CPU, peak RSS. */
function timed(command: string, args: string[]): Run {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '@@%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600_000 });
  const wallMs = performance.now() - started;
  const match = /@@([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  return { wallMs, cpuMs: match ? (Number(match[1]) + Number(match[2])) * 1000 : NaN, peakRssMb: match ? Math.round(Number(match[3]) / 1024) : NaN };
}

/** Spawn the server and time until it answers `initialize` (what an editor waits for before anything else). */
function serverInitialize(server: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    let out = '';
    const timer = setTimeout(() => (child.kill(), reject(new Error('no initialize answer in 60 s'))), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/"id"\s*:\s*1/.test(out) && /"capabilities"/.test(out)) {
        const ms = performance.now() - started;
        clearTimeout(timer);
        child.once('exit', () => resolvePromise(ms));
        child.kill();
      }
    });
    child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

export interface StartupResult {
  rounds: number;
  nodeBare: { wallMs: number; cpuMs: number };
  cli50: { wallMs: number; cpuMs: number; peakRssMb: number; wallRatio: number; cpuRatio: number };
  serverInitialize: { wallMs: number; wallRatio: number };
  peer?: { cli50WallMs: number; cpuMs: number; peakRssMb: number };
}

export async function startupBench(dist = join(ROOT, 'dist')): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-startup-'));
  try {
    const template = join(dir, 'template-50.yaml');
    writeFileSync(template, toYaml(generateTemplate(50)));
    const cli = join(dist, 'cli.js');
    const server = join(dist, 'server.js');
    const bare: Run[] = [];
    const ours: Run[] = [];
    const bareForServer: number[] = [];
    const init: number[] = [];
    // Warm the file cache, then interleave so that load changes hit every column alike.
    timed(process.execPath, [cli, template]);
    await serverInitialize(server);
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(timed(process.execPath, ['-e', '0']));
      ours.push(timed(process.execPath, [cli, template]));
      const started = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bareForServer.push(performance.now() - started);
      init.push(await serverInitialize(server));
    }
    const peerRuns: Run[] = [];
    if (peerAvailable()) for (let i = 0; i < PEER_ROUNDS; i++) peerRuns.push(timed('cfn-lint', [template]));
    const m = (runs: Run[], key: keyof Run) => median(runs.map((run) => run[key]));
    const result: StartupResult = {
      rounds: ROUNDS,
      nodeBare: { wallMs: round1(m(bare, 'wallMs')), cpuMs: round1(m(bare, 'cpuMs')) },
      cli50: {
        wallMs: round1(m(ours, 'wallMs')),
        cpuMs: round1(m(ours, 'cpuMs')),
        peakRssMb: m(ours, 'peakRssMb'),
        // Ratios per round (same moment of load), then the median.
        wallRatio: round2(median(ours.map((run, i) => run.wallMs / bare[i].wallMs))),
        cpuRatio: round2(median(ours.map((run, i) => run.cpuMs / Math.max(1, bare[i].cpuMs)))),
      },
      serverInitialize: { wallMs: round1(median(init)), wallRatio: round2(median(init.map((ms, i) => ms / bareForServer[i]))) },
    };
    if (peerRuns.length) result.peer = { cli50WallMs: round1(m(peerRuns, 'wallMs')), cpuMs: round1(m(peerRuns, 'cpuMs')), peakRssMb: m(peerRuns, 'peakRssMb') };
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStartup(r: StartupResult, load: ReturnType<typeof machine>): void {
  process.stdout.write(`\nStart-up (medians of ${r.rounds} interleaved rounds; ${load.cpus} CPUs, load ${load.load1m})\n`);
  process.stdout.write(`  node -e 0:                       ${r.nodeBare.wallMs} ms wall, ${r.nodeBare.cpuMs} ms CPU\n`);
  process.stdout.write(`  CLI on 50 resources:             ${r.cli50.wallMs} ms wall (${r.cli50.wallRatio}x node), ${r.cli50.cpuMs} ms CPU (${r.cli50.cpuRatio}x node), peak RSS ${r.cli50.peakRssMb} MB\n`);
  process.stdout.write(`  server spawn -> initialize:      ${r.serverInitialize.wallMs} ms wall (${r.serverInitialize.wallRatio}x node)\n`);
  if (r.peer) process.stdout.write(`  cfn-lint on 50 resources (peer): ${r.peer.cli50WallMs} ms wall, ${r.peer.cpuMs} ms CPU, peak RSS ${r.peer.peakRssMb} MB: ${ratio(r.peer.cli50WallMs, r.cli50.wallMs)} our CLI's wall time\n`);
  process.stdout.write(`  ${goal('CLI wall time / node -e 0', r.cli50.wallRatio, 2, 'x', 2)}\n`);
  process.stdout.write(`  ${goal('server spawn -> initialize / node -e 0', r.serverInitialize.wallRatio, 1.5, 'x', 2)}\n`);
}

if (require.main === module) {
  const before = machine();
  startupBench(process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : undefined)
    .then((result) => {
      const after = machine();
      printStartup(result, { ...after, load1m: Math.max(before.load1m, after.load1m) });
      process.stdout.write(`${JSON.stringify({ startup: result, machine: { before, after } })}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`startup-bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    });
}
