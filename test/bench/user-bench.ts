// `npm run bench`'s last part: speed as a user feels it, each against the goals of issue 12, with cfn-lint (the
// peer) measured in the same run: typing (keystrokes every 100 ms, not waiting), start-up, memory. Prints a table
// and the goals met or missed, and writes bench-user-results.json. The machine is shared: every section reports
// the load average it ran under, and start-up is reported as ratios to `node -e 0` measured in the same loop.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine } from './measure';
import { memoryBench, printMemory } from './memory-bench';
import { printStartup, startupBench } from './startup-bench';
import { printTyping, typingBench } from './typing-bench';

const ROOT = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const server = process.env.BENCH_SERVER;
  const loads: Record<string, ReturnType<typeof machine>> = {};
  const worst = (a: ReturnType<typeof machine>, b: ReturnType<typeof machine>) => ({ ...b, load1m: Math.max(a.load1m, b.load1m) });

  let before = machine();
  const typing = await typingBench(server);
  loads.typing = worst(before, machine());
  printTyping(typing, loads.typing);

  before = machine();
  const startup = await startupBench(process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : undefined);
  loads.startup = worst(before, machine());
  printStartup(startup, loads.startup);

  before = machine();
  const memory = await memoryBench(server, { peer: false });
  // The peer's memory comes from its typing-bench run on the largest template (cfn-lint takes minutes on 10,000).
  const largest = typing.filter((t) => t.peerPeakRssMb !== undefined).at(-1);
  if (largest) memory.peer = { resources: largest.resources, peakRssMb: largest.peerPeakRssMb, ms: largest.peerOneRunMs ?? NaN };
  loads.memory = worst(before, machine());
  printMemory(memory, loads.memory);

  writeFileSync(join(ROOT, 'bench-user-results.json'), `${JSON.stringify({ typing, startup, memory, machine: loads }, null, 2)}\n`);
  process.stdout.write('\nWrote bench-user-results.json\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`user-bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
