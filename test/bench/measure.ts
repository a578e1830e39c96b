// Shared by the typing, start-up and memory benchmarks: statistics, process memory, machine load, the peer (cfn-lint).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Resident and peak resident memory of a live process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** The machine's load while measuring: the machine is shared, so every wall time is read against it. */
export function machine(): { cpus: number; load1m: number; node: string } {
  return { cpus: cpus().length, load1m: round1(loadavg()[0]), node: process.version };
}

/** Wall time and peak RSS of a command run to its end (GNU time gives the peak; without it, wall time only). */
export function timeCommand(command: string, args: string[], timeoutMs = 600_000): { ms: number; peakRssMb?: number; status: number | null; timedOut: boolean } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    const plain = performance.now();
    const direct = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
    return { ms: performance.now() - plain, status: direct.status, timedOut: direct.signal === 'SIGTERM' };
  }
  const kb = Number(/(\d+)\s*$/.exec(result.stderr ?? '')?.[1]);
  return { ms, peakRssMb: Number.isFinite(kb) ? Math.round(kb / 1024) : undefined, status: result.status, timedOut: result.signal === 'SIGTERM' };
}

/** cfn-lint (the peer) when it is installed: `cfn-lint --version` answers. */
export function peerAvailable(): boolean {
  if (process.env.BENCH_PEER === '0') return false;
  const result = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0;
}

/** "1.6x" style ratio, or '-' when either side is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '-';
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x`;
}

/** A goal line: the measured value, the goal, and whether it is met. */
export function goal(label: string, value: number, limit: number, unit: string, digits = 1): string {
  return `${value < limit ? 'MET ' : 'MISS'} ${label}: ${value.toFixed(digits)} ${unit} (goal < ${limit} ${unit})`;
}
