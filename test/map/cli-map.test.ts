// `exposure-lint map` and `diff --map` through the built CLI: SVG, HTML, Mermaid (parsed by mermaid) and DOT (parsed by dotparser).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../cli/run-cli';

interface DotStatement {
  type: string;
  id?: string | number;
  edge_list?: { id: string }[];
  attr_list?: { id: string; eq: string | number }[];
  children?: DotStatement[];
}
const parseDot = require('dotparser') as (text: string) => DotStatement[];

/** Mermaid's own parser (the one GitHub's renderer uses), on a jsdom window: it sanitises labels with DOMPurify. */
async function mermaidParse(text: string): Promise<{ diagramType: string }> {
  const g = globalThis as Record<string, unknown>;
  if (!g.window) {
    const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: { document: unknown } } };
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    g.window = dom.window;
    g.document = dom.window.document;
  }
  // A real dynamic import: mermaid ships ES modules only (tsc would turn import() into require()).
  const load = new Function('path', 'return import(path)') as (path: string) => Promise<{ default: { parse(text: string): Promise<{ diagramType: string }> } }>;
  const mermaid = (await load(join(ROOT, 'node_modules/mermaid/dist/mermaid.core.mjs'))).default;
  return mermaid.parse(text);
}

const exposed = 'examples/exposed-web-app.yaml';

test('map --format mermaid: a flowchart that mermaid parses, with subgraphs, nodes and red exposure links', async () => {
  const run = await runCli(['map', '--format', 'mermaid', exposed]);
  assert.equal(run.code, 0, run.stderr);
  const text = run.stdout;
  assert.match(text, /^flowchart TB\n/);
  assert.match(text, /subgraph c_subnet_PublicA\["PublicA<br\/>public: 0\.0\.0\.0\/0 → Igw"\]/);
  assert.match(text, /n_Database\[\("Database<br\/>RDS instance \(\+1 subnet\)"\)\]/);
  const lines = text.split('\n').filter((line) => /-->|==>|-\.->/.test(line));
  const exposures = lines.map((line, i) => [line.trim(), i] as const).filter(([line]) => line.includes('==>'));
  assert.deepEqual(exposures.map(([line]) => line), [
    'n_Igw ==>|"tcp 22 · world-open-admin-port +2"| n_AdminHost',
    'n_Igw ==>|"tcp 8080 · backend-open-to-internet +2"| n_AppGroup',
    'n_Igw ==>|"tcp 3306 · public-database +1"| n_Database',
  ]);
  assert.ok(text.includes(`linkStyle ${exposures.map(([, i]) => i).join(',')} stroke:#d1242f`), 'the exposure links are styled red');
  assert.equal((await mermaidParse(text)).diagramType, 'flowchart-v2');
});

test('mermaid parses the maps of every example, the conditional fixture and a multi-template folder', async () => {
  for (const target of ['examples', 'examples/terraform/exposed-web-app', 'test/map/fixtures/conditional.yaml']) {
    const run = await runCli(['map', '-f', 'mermaid', target]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await mermaidParse(run.stdout)).diagramType, 'flowchart-v2', target);
  }
  // The parser is not lenient: a broken link is refused (so the passes above mean something).
  await assert.rejects(mermaidParse('flowchart TB\n  a -->|x| \n'));
});

test('map --format dot: valid DOT (dotparser) with VPC/subnet clusters and red exposure edges', async () => {
  const run = await runCli(['map', '--format=dot', exposed]);
  assert.equal(run.code, 0, run.stderr);
  const [graph] = parseDot(run.stdout);
  const clusters: string[] = [];
  const ranks: string[] = [];
  const edges: { from: string; to: string; color?: string; label?: string }[] = [];
  const walk = (statements: DotStatement[]) => {
    for (const s of statements) {
      if (s.type === 'subgraph') {
        if (s.id === undefined) ranks.push(JSON.stringify(s.children));
        else clusters.push(String(s.id));
        walk(s.children ?? []);
      } else if (s.type === 'edge_stmt') {
        const attr = (id: string) => s.attr_list?.find((a) => a.id === id)?.eq;
        edges.push({ from: s.edge_list![0].id, to: s.edge_list![1].id, color: attr('color') as string | undefined, label: attr('label') as string | undefined });
      }
    }
  };
  walk(graph.children ?? []);
  assert.deepEqual(clusters, ['cluster_vpc:Vpc', 'cluster_subnet:PublicA', 'cluster_subnet:PublicB', 'cluster_subnet:PrivateA']);
  // The internet is pinned to the top rank.
  assert.equal(ranks.length, 1);
  assert.match(ranks[0], /"rank","eq":"min".*"id":"internet"/);
  assert.deepEqual(
    edges.filter((e) => e.color === '#d32f2f').map((e) => `${e.from} -> ${e.to}: ${e.label}`),
    ['Igw -> AdminHost: tcp 22 · world-open-admin-port +2', 'Igw -> AppGroup: tcp 8080 · backend-open-to-internet +2', 'Igw -> Database: tcp 3306 · public-database +1'],
  );
  assert.ok(edges.some((e) => e.from === 'Igw' && e.to === 'Alb' && e.label === 'HTTP 80' && !e.color));
});

test('map -o map.svg: an SVG with the nodes, their source lines, and the red paths with their rules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-map-'));
  const file = join(dir, 'map.svg');
  const run = await runCli(['map', exposed, '-o', file]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  const svg = readFileSync(file, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="xmap" viewBox="0 0 \d+ \d+"/);
  assert.match(svg, /<desc id="xm-desc">6 resources; 3 exposure paths from the internet: AdminHost \(world-open-admin-port, public-ip-on-backend, backend-in-public-subnet\); AppGroup/);
  for (const id of ['internet', 'Igw', 'Alb', 'Nat', 'AdminHost', 'AppGroup', 'Database']) assert.ok(svg.includes(`data-node="${id}"`), id);
  assert.match(svg, /<g class="node backend exposed has-error" data-node="AdminHost" data-file="[^"]*exposed-web-app\.yaml" data-line="156"/);
  const exposures = [...svg.matchAll(/<g class="edge exposure" data-edge="[^"]*" data-from="Igw" data-to="(\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(exposures, ['AdminHost', 'AppGroup', 'Database']);
  assert.match(svg, /marker-end="url\(#xm-arrow-exposure\)"\/>.*<text class="edge-label"[^>]*>tcp 22 · world-open-admin-port \+2<\/text>/);
  assert.ok(svg.includes('<style>'), 'a standalone SVG carries its stylesheet');
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(svg), 'nothing remote');
});

test('map --format html: the picture and a text outline listing the exposure paths, no script, strict CSP', async () => {
  const run = await runCli(['map', '-f', 'html', exposed]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.ok(!run.stdout.includes('<script'));
  assert.match(run.stdout, /<h2 id="xo-exposures">Exposure paths \(3\)<\/h2>/);
  assert.match(run.stdout, /<li class="exposure"><span>Igw → AdminHost<\/span>: world-open-admin-port, public-ip-on-backend, backend-in-public-subnet <span class="detail">\(tcp 22\)<\/span><\/li>/);
});

test('diff --map: the new version drawn with the introduced exposures red and the unchanged ones muted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-map-'));
  const file = join(dir, 'changes.mmd');
  const run = await runCli(['diff', 'examples/secure-web-app.yaml', exposed, '--map', file]);
  assert.equal(run.code, 1, run.stderr);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /linkStyle \d+(,\d+)* stroke:#d1242f/);
  assert.equal((await mermaidParse(text)).diagramType, 'flowchart-v2');
  // Everything is new against the secure version: no muted links.
  assert.ok(!text.includes('stroke:#e6a0a0'));
});

test('map usage errors: unknown format, no paths, a missing path; --map on the lint command', async () => {
  let run = await runCli(['map', '-f', 'png', exposed]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'exposure-lint: map --format must be one of svg, html, mermaid, dot (got "png")\n');
  run = await runCli(['map']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /map needs files or folders/);
  run = await runCli(['map', 'no-such-file.yaml']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'exposure-lint: No such file or folder: no-such-file.yaml\n');
  run = await runCli(['--map', 'x.svg', exposed]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--map goes with diff or --since/);
});

test('CDK cloud assemblies: map of the stack; diff --map marks the introduced exposure red and the old one muted', async () => {
  const map = await runCli(['map', '-f', 'mermaid', 'test/diff/fixtures/cdk/new.out']);
  assert.equal(map.code, 0, map.stderr);
  assert.match(map.stdout, /n_Igw1A2B3C4D ==>\|"public-ip-on-backend \+1"\| n_AppServerE7F8091A/);
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-map-'));
  const file = join(dir, 'changes.mmd');
  const run = await runCli(['diff', 'test/diff/fixtures/cdk/old.out', 'test/diff/fixtures/cdk/new.out', '--map', file]);
  assert.equal(run.code, 1, run.stderr);
  const lines = readFileSync(file, 'utf8').split('\n');
  const links = lines.filter((line) => /-->|==>|-\.->/.test(line)).map((line) => line.trim());
  const index = (to: string) => links.findIndex((line) => line.startsWith('n_Igw1A2B3C4D ==>') && line.endsWith(to));
  assert.ok(lines.includes(`  linkStyle ${index('n_AppServerE7F8091A')} stroke:#d1242f,stroke-width:3px,color:#d1242f`), 'AppServer: introduced, red');
  assert.ok(lines.includes(`  linkStyle ${index('n_BastionHost9A8B7C6D')} stroke:#e6a0a0,stroke-width:2px`), 'BastionHost: already exposed, muted');
  assert.equal((await mermaidParse(lines.join('\n'))).diagramType, 'flowchart-v2');
});

test('map of a Terraform HCL module: read as the lint reads it (HCL files, not only *.tf.json), with its exposure in red', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-map-hcl-'));
  writeFileSync(join(dir, 'main.tf'), readFileSync(join(ROOT, 'rules', 'world-open-admin-port', 'fixtures', 'bad.tf'), 'utf8'));
  const run = await runCli(['map', '--format', 'mermaid', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /subgraph c_vpc_aws_vpc_main\[/);
  assert.match(run.stdout, /==>\|"tcp 22[^"]*world-open-admin-port/);
});
