// `npm run bench` (last step): the exposure map on generated templates of 50 / 500 / 2,000 resources: building the map
// from the model, the Graphviz layout and drawing the SVG, warm medians (wall clock and CPU). Writes map-bench-results.json.
// Environment: MAP_BENCH_SIZES=50,500,2000. Goal: under 1 s at 500 resources.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../server/src/engine/types';
import { buildExposureMap } from '../../server/src/map/build';
import { layoutMap } from '../../server/src/map/layout';
import { cloudFormationParts } from '../../server/src/map/load';
import { renderSvg } from '../../server/src/map/render-svg';
import { generateTemplate, toYaml } from './generate';

const ROOT = resolve(__dirname, '..', '..', '..');
const SIZES = (process.env.MAP_BENCH_SIZES ?? '50,500,2000').split(',').map(Number);

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function measure(run: () => Promise<unknown> | unknown): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

async function main(): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  console.log('\nExposure map (map model + Graphviz wasm layout + SVG), warm medians:');
  console.log('resources  nodes  boxes  edges   build ms   layout ms (cpu)   svg ms   total ms');
  for (const size of SIZES) {
    const parts = cloudFormationParts('bench.yaml', toYaml(generateTemplate(size)), defaultConfig());
    const runs = size >= 2000 ? 5 : 11;
    const build: Timing[] = [];
    const layout: Timing[] = [];
    const svg: Timing[] = [];
    let shape = { nodes: 0, boxes: 0, edges: 0 };
    for (let i = -2; i < runs; i++) {
      let map = buildExposureMap(parts);
      const b = await measure(() => (map = buildExposureMap(parts)));
      let laid = await layoutMap(map);
      const l = await measure(async () => (laid = await layoutMap(map)));
      const s = await measure(() => renderSvg(laid));
      shape = { nodes: map.nodes.length, boxes: map.clusters.length, edges: map.edges.length };
      if (i < 0) continue; // warm-up: wasm compiled, code JIT-ed
      build.push(b);
      layout.push(l);
      svg.push(s);
    }
    const row = {
      resources: size,
      ...shape,
      buildMs: median(build.map((t) => t.wallMs)),
      layoutMs: median(layout.map((t) => t.wallMs)),
      layoutCpuMs: median(layout.map((t) => t.cpuMs)),
      svgMs: median(svg.map((t) => t.wallMs)),
      totalMs: median(build.map((t, i) => t.wallMs + layout[i].wallMs + svg[i].wallMs)),
      runs,
    };
    rows.push(row);
    console.log(`${String(size).padStart(9)}  ${String(row.nodes).padStart(5)}  ${String(row.boxes).padStart(5)}  ${String(row.edges).padStart(5)}  ${String(row.buildMs).padStart(9)}  ${`${row.layoutMs} (${row.layoutCpuMs})`.padStart(16)}  ${String(row.svgMs).padStart(7)}  ${String(row.totalMs).padStart(9)}`);
  }
  const at500 = rows.find((r) => r.resources === 500);
  if (at500) console.log(`goal: map under 1 s at 500 resources: ${(at500.totalMs as number) < 1000 ? 'met' : 'NOT met'} (${at500.totalMs} ms)`);
  writeFileSync(join(ROOT, 'map-bench-results.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n');
}

void main();
