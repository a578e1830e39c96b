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
const byTime = [...measures].sort((a, b) => b.ms - a.ms);
const byMemory = measures.filter((m) => m.peakMb !== undefined).sort((a, b) => b.peakMb - a.peakMb);
console.log(`${measures.length} measured cases`);
console.log('slowest:');
for (const m of byTime.slice(0, 8)) console.log(`  ${String(Math.round(m.ms)).padStart(6)} ms  ${m.name}`);
console.log('peak resident memory:');
for (const m of byMemory.slice(0, 5)) console.log(`  ${String(m.peakMb).padStart(6)} MB  ${m.name}`);
