// Prints the hostile-repository suite's measures (written by test/hostile/bounded.ts): slowest cases and peak memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('out', 'hostile-measures');
let measures = [];
try {
  for (const name of readdirSync(dir)) measures.push(...JSON.parse(readFileSync(join(dir, name), 'utf8')));
} catch {
  console.error('No measures: run `node scripts/run-tests.mjs hostile` first.');
  process.exit(1);
}
// Runs accumulate (one file per test process): keep the worst of each case.
const worst = new Map();
for (const m of measures) {
  const seen = worst.get(m.name);
  worst.set(m.name, { name: m.name, ms: Math.max(m.ms, seen?.ms ?? 0), peakMb: Math.max(m.peakMb ?? 0, seen?.peakMb ?? 0) || undefined });
}
measures = [...worst.values()];
const byTime = [...measures].sort((a, b) => b.ms - a.ms);
const byMemory = measures.filter((m) => m.peakMb !== undefined).sort((a, b) => b.peakMb - a.peakMb);
console.log(`${measures.length} measured cases (worst of every run since out/hostile-measures was last cleared)`);
console.log('slowest:');
for (const m of byTime.slice(0, 8)) console.log(`  ${String(Math.round(m.ms)).padStart(6)} ms  ${m.name}`);
console.log('peak resident memory:');
for (const m of byMemory.slice(0, 5)) console.log(`  ${String(m.peakMb).padStart(6)} MB  ${m.name}`);
