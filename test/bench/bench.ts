// `npm run bench`: exposure-lint on generated templates of 50-10,000 resources (YAML and JSON): parse, model,
// topology+rules, total (warm medians, wall clock and CPU), memory of one run, and AWS's own linter
// (@aws/cloudformation-validate) on the same files in the same run, as a ratio. Writes bench-results.json.
//
// Each size runs in child processes of its own (one for exposure-lint, one for cfn-validate), so memory is
// that size's alone and one measurement cannot warm or pollute another.
//
// Environment: BENCH_SIZES=50,500 (sizes), BENCH_CFN=0 (skip cfn-validate), BENCH_CFN_BUDGET_S (per-file cap).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTemplate, toJson, toYaml } from './generate';

const ROOT = resolve(__dirname, '..', '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '50,500,2000,10000').split(',').map(Number);
const FORMATS = ['yaml', 'json'] as const;
const RUN_CFN = process.env.BENCH_CFN !== '0';
/** Wall-clock cap for one cfn-validate child (it is far slower, and its time grows faster than linearly). */
const CFN_BUDGET_S = Number(process.env.BENCH_CFN_BUDGET_S ?? 900);

/** Warm runs measured per size (after warm-up runs): more where runs are short and noise is large. */
function runsFor(size: number): { warmup: number; runs: number } {
  if (size <= 100) return { warmup: 10, runs: 31 };
  if (size <= 1000) return { warmup: 5, runs: 21 };
  if (size <= 5000) return { warmup: 3, runs: 11 };
  return { warmup: 2, runs: 7 };
}

interface Phase {
  wallMs: number;
  cpuMs: number;
}

interface OurStats {
  parse: Phase;
  model: Phase;
  rules: Phase;
  total: Phase;
  /** Heap still held by one run's source tree, model and findings (after GC, minus the baseline). */
  heapDeltaMb: number;
  /** Peak RSS of the child minus its RSS before the first run (modules loaded, text read). */
  peakRssDeltaMb: number;
  peakRssMb: number;
  findings: number;
  /** rule id -> count, to compare YAML with JSON. */
  byRule: Record<string, number>;
  signature: string;
  runs: number;
}

interface CfnStats {
  ms?: number;
  runs?: number;
  startupMs?: number;
  diagnostics?: number;
  skipped?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function now(): { wall: bigint; cpu: NodeJS.CpuUsage } {
  return { wall: process.hrtime.bigint(), cpu: process.cpuUsage() };
}

function since(start: { wall: bigint; cpu: NodeJS.CpuUsage }): Phase {
  const cpu = process.cpuUsage(start.cpu);
  return { wallMs: Number(process.hrtime.bigint() - start.wall) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Child: one file through exposure-lint: a cold run for memory, then warm-up and measured runs. */
function childOurs(file: string, warmup: number, runs: number): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseSource } = require('../../server/src/source/parse') as typeof import('../../server/src/source/parse');
  const { buildCloudFormationModel } = require('../../server/src/adapters/cloudformation') as typeof import('../../server/src/adapters/cloudformation');
  const { lintModel } = require('../../server/src/engine/lint') as typeof import('../../server/src/engine/lint');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const text = readFileSync(file, 'utf8');

  const once = () => {
    const t0 = now();
    const source = parseSource(file, text);
    const parse = since(t0);
    const t1 = now();
    const model = buildCloudFormationModel(source);
    const modelPhase = since(t1);
    const t2 = now();
    const findings = lintModel(model);
    const rules = since(t2);
    return { source, model, findings, parse, modelPhase, rules, total: since(t0) };
  };

  // Memory: the first run in a fresh process, against a baseline taken after loading and reading.
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  const first = once();
  gc();
  const heapDelta = process.memoryUsage().heapUsed - baseHeap;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const byRule: Record<string, number> = {};
  for (const f of first.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  // What YAML and JSON must agree on: every finding's rule, resource and message.
  const signature = first.findings
    .map((f) => `${f.ruleId}|${f.resource}|${f.message}`)
    .sort()
    .join('\n');
  const findings = first.findings.length;
  if (!first.source.root) throw new Error(`did not parse: ${first.source.problems.map((p) => p.message).join('; ')}`);

  for (let i = 0; i < warmup; i++) once();
  const samples: ReturnType<typeof once>[] = [];
  for (let i = 0; i < runs; i++) {
    const run = once();
    // Keep timings only: the trees go to the collector as they would in a long-lived server.
    samples.push({ ...run, source: undefined!, model: undefined!, findings: [] });
  }
  const med = (pick: (s: (typeof samples)[number]) => Phase): Phase => ({ wallMs: median(samples.map((s) => pick(s).wallMs)), cpuMs: median(samples.map((s) => pick(s).cpuMs)) });
  const stats: OurStats = {
    parse: med((s) => s.parse),
    model: med((s) => s.modelPhase),
    rules: med((s) => s.rules),
    total: med((s) => s.total),
    heapDeltaMb: heapDelta / 2 ** 20,
    peakRssDeltaMb: Math.max(0, peakRss - baseRss) / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    findings,
    byRule,
    signature,
    runs,
  };
  process.stdout.write(JSON.stringify(stats));
}

/** Child: the same file through @aws/cloudformation-validate; the engine is built and warmed on a small template first. */
function childCfn(file: string, warmFile: string, runs: number): void {
  let mod: typeof import('@aws/cloudformation-validate');
  try {
    mod = require('@aws/cloudformation-validate') as typeof import('@aws/cloudformation-validate');
  } catch (error) {
    process.stdout.write(JSON.stringify({ skipped: `not installed (${(error as Error).message.split('\n')[0]})` } satisfies CfnStats));
    return;
  }
  const t0 = Date.now();
  const engine = new mod.RegoEngine();
  const startupMs = Date.now() - t0;
  try {
    engine.validateStandard(new mod.TemplateFile(warmFile));
    engine.validateStandard(new mod.TemplateFile(warmFile));
    const times: number[] = [];
    let diagnostics = 0;
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      diagnostics = engine.validateStandard(new mod.TemplateFile(file)).diagnostics.length;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    process.stdout.write(JSON.stringify({ ms: median(times), runs, startupMs, diagnostics } satisfies CfnStats));
  } finally {
    engine.free();
  }
}

function spawnChild<T>(args: string[], timeoutS: number): T | { skipped: string } {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, ...args], { encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1 << 26 });
  if (child.error) return { skipped: (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `over ${timeoutS} s (stopped)` : child.error.message };
  if (child.status !== 0) return { skipped: `failed: ${(child.stderr || '').trim().split('\n').slice(-1)[0] || `exit ${child.status}`}` };
  return JSON.parse(child.stdout) as T;
}

function fmt(value: number | undefined, digits = 1): string {
  return value === undefined ? '-' : value.toFixed(digits);
}

interface Row {
  resources: number;
  format: string;
  kB: number;
  ours?: OurStats;
  cfn?: CfnStats;
  note?: string;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-bench-'));
  const load = loadavg();
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadAverageAtStart: load.map((l) => Number(l.toFixed(2))) };
  console.log(`exposure-lint benchmark: node ${machine.node}, ${machine.cpus} x ${machine.cpu}, load average ${load.map((l) => l.toFixed(1)).join(' ')}`);
  if (load[0] > machine.cpus) console.log(`note: the machine is busy (load ${load[0].toFixed(1)} on ${machine.cpus} cores): wall times include waiting; CPU times are the steadier measure`);
  const rows: Row[] = [];
  try {
    const warmFile = join(dir, 'warm.yaml');
    writeFileSync(warmFile, toYaml(generateTemplate(50)));
    for (const size of SIZES) {
      const template = generateTemplate(size);
      const { warmup, runs } = runsFor(size);
      for (const format of FORMATS) {
        const file = join(dir, `bench-${size}.${format}`);
        writeFileSync(file, format === 'yaml' ? toYaml(template) : toJson(template));
        const row: Row = { resources: size, format, kB: statSync(file).size / 1024 };
        const ours = spawnChild<OurStats>(['--child-ours', file, String(warmup), String(runs)], 1200);
        if ('skipped' in ours) row.note = `exposure-lint: ${ours.skipped}`;
        else row.ours = ours;
        if (RUN_CFN) row.cfn = spawnChild<CfnStats>(['--child-cfn', file, warmFile, String(size >= 2000 ? 1 : 3)], CFN_BUDGET_S) as CfnStats;
        rows.push(row);
        const o = row.ours;
        console.log(`  ${size} ${format}: ${o ? `total ${fmt(o.total.wallMs)} ms (cpu ${fmt(o.total.cpuMs)} ms), ${o.findings} findings` : row.note}${row.cfn ? `; cfn-validate ${row.cfn.ms !== undefined ? `${fmt(row.cfn.ms, 0)} ms` : row.cfn.skipped}` : ''}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(rows);
  const checks = crossChecks(rows);
  for (const line of checks) console.log(line);
  const out = { date: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) }, rows: rows.map(({ ours, ...rest }) => ({ ...rest, ours: ours && { ...ours, signature: undefined } })), checks };
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${join(ROOT, 'bench-results.json')}`);
}

function printTable(rows: Row[]): void {
  const header = ['resources', 'format', 'kB', 'parse ms', 'model ms', 'topo+rules ms', 'total ms', 'total cpu ms', 'us/resource', 'heap delta MB', 'peak RSS delta MB', 'findings', 'cfn-validate ms', 'cfn/ours'];
  const cells = rows.map((r) => {
    const o = r.ours;
    const ratio = o && r.cfn?.ms !== undefined ? `${(r.cfn.ms / o.total.wallMs).toFixed(0)}x` : r.cfn?.skipped && o ? `> ${((CFN_BUDGET_S * 1000) / o.total.wallMs).toFixed(0)}x` : '-';
    return [
      String(r.resources),
      r.format,
      fmt(r.kB, 0),
      fmt(o?.parse.wallMs),
      fmt(o?.model.wallMs),
      fmt(o?.rules.wallMs),
      fmt(o?.total.wallMs),
      fmt(o?.total.cpuMs),
      fmt(o && (o.total.cpuMs * 1000) / r.resources, 0),
      fmt(o?.heapDeltaMb),
      fmt(o?.peakRssDeltaMb, 0),
      o ? String(o.findings) : '-',
      r.cfn?.ms !== undefined ? fmt(r.cfn.ms, 0) : r.cfn?.skipped ? `> ${CFN_BUDGET_S * 1000}` : '-',
      ratio,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`);
  for (const c of cells) console.log(line(c));
  console.log('');
  console.log('Warm medians of the measured runs after warm-up; total = parse + model + topology and rules (wall); cpu = process CPU time of the same runs.');
  console.log('heap delta: heap held by one run (tree, model, findings) after GC; peak RSS delta: the child process\'s peak RSS over its RSS before the first run.');
  console.log('cfn-validate: @aws/cloudformation-validate RegoEngine.validateStandard (cfn-lint rules compiled to WASM), warm, same file; the ratio uses wall times.');
}

/** YAML and JSON of one size must give the same findings; growth from the smallest to the largest size is shown per resource. */
function crossChecks(rows: Row[]): string[] {
  const out: string[] = [];
  for (const size of SIZES) {
    const yaml = rows.find((r) => r.resources === size && r.format === 'yaml')?.ours;
    const json = rows.find((r) => r.resources === size && r.format === 'json')?.ours;
    if (yaml && json) out.push(`${size}: YAML and JSON findings ${yaml.signature === json.signature ? 'agree' : 'DIFFER'} (${Object.entries(yaml.byRule).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`);
  }
  const cpuPer = (size: number, format: string) => {
    const o = rows.find((r) => r.resources === size && r.format === format)?.ours;
    return o ? (o.total.cpuMs * 1000) / size : undefined;
  };
  const [small, large] = [SIZES.find((s) => s >= 500) ?? SIZES[0], SIZES[SIZES.length - 1]];
  for (const format of FORMATS) {
    const a = cpuPer(small, format);
    const b = cpuPer(large, format);
    if (a !== undefined && b !== undefined && small !== large) out.push(`growth (${format}, cpu): ${a.toFixed(0)} us/resource at ${small}, ${b.toFixed(0)} us/resource at ${large} (x${(b / a).toFixed(2)}; 1.00 is linear)`);
  }
  return out;
}

const mode = process.argv[2];
if (mode === '--child-ours') childOurs(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else if (mode === '--child-cfn') childCfn(process.argv[3], process.argv[4], Number(process.argv[5]));
else main();
