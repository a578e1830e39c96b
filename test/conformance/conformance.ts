// `npm run conformance`: lints every template of ../shared/corpus in place; fails on a crash or an internal error,
// and prints findings by rule with the files behind each, so noise can be read and fixed.
//
// Options: --rule <id> prints every finding of that rule (file:line:col, resource, message);
//          --all prints every finding; --corpus <dir> lints another folder; --json writes conformance-results.json.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { defaultConfig, Finding } from '../../server/src/engine/types';
import { discoverTargets, FileResult, lintTarget } from '../../server/src/engine/workspace';
import { initHcl } from '../../server/src/adapters/terraform/hcl/parser';
import { computeLineStarts, positionAt } from '../../server/src/source/tree';

const ROOT = resolve(__dirname, '..', '..', '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const corpus = resolve(ROOT, option('--corpus') ?? '../shared/corpus');
const showRule = option('--rule');
const showAll = process.argv.includes('--all');

interface Problem {
  file: string;
  what: string;
}

function where(result: FileResult, finding: Finding): string {
  const source = result.files.find((f) => f.path === finding.loc.file);
  const starts = source?.lineStarts ?? computeLineStarts(source?.text ?? '');
  const pos = positionAt(starts, finding.loc.span.start);
  return `${relative(corpus, finding.loc.file)}:${pos.line + 1}:${pos.character + 1}`;
}

function main(): number {
  const targets = discoverTargets([corpus]);
  const config = defaultConfig();
  const crashes: Problem[] = [];
  const byRule = new Map<string, { findings: number; files: Map<string, number> }>();
  const printed: string[] = [];
  let linted = 0;
  let skipped = 0;
  let clean = 0;
  let totalFindings = 0;
  const started = process.hrtime.bigint();
  let slowest = { file: '', ms: 0 };
  for (const target of targets) {
    const t0 = process.hrtime.bigint();
    let result: FileResult | undefined;
    try {
      result = lintTarget(target, config);
    } catch (error) {
      // lintTarget catches everything itself; reaching here is a crash of the engine's own guard.
      crashes.push({ file: relative(corpus, target.path), what: `threw: ${(error as Error).stack ?? String(error)}` });
      continue;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > slowest.ms) slowest = { file: relative(corpus, target.path), ms };
    if (!result) {
      skipped++;
      continue;
    }
    linted++;
    if (result.error) crashes.push({ file: relative(corpus, target.path), what: `internal error: ${result.error}` });
    if (!result.findings.length) clean++;
    for (const finding of result.findings) {
      // The adapter turns a builder's exception into `Could not read <id> (<type>): ...`; rules into `Internal error in rule ...`.
      if (/^(Internal error|Could not read )/.test(finding.message)) crashes.push({ file: relative(corpus, target.path), what: finding.message });
      totalFindings++;
      const entry = byRule.get(finding.ruleId) ?? { findings: 0, files: new Map<string, number>() };
      entry.findings++;
      const name = relative(corpus, target.path);
      entry.files.set(name, (entry.files.get(name) ?? 0) + 1);
      byRule.set(finding.ruleId, entry);
      if (showAll || finding.ruleId === showRule) printed.push(`${where(result, finding)}  ${finding.ruleId}  [${finding.resource}] ${finding.message}`);
    }
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rules = [...byRule.entries()].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]));

  console.log(`Conformance over ${relative(ROOT, corpus) || corpus}`);
  console.log(`  targets found: ${targets.length}; linted as templates: ${linted}; skipped (not templates): ${skipped}`);
  console.log(`  templates without findings: ${clean}; findings: ${totalFindings}`);
  console.log(`  crashes or internal errors: ${crashes.length}`);
  console.log(`  time: ${totalMs.toFixed(0)} ms in all, slowest ${slowest.file} ${slowest.ms.toFixed(0)} ms`);
  console.log('');
  console.log('Findings by rule (findings / files):');
  for (const [rule, entry] of rules) console.log(`  ${rule.padEnd(36)} ${String(entry.findings).padStart(5)} / ${String(entry.files.size).padStart(4)}`);
  for (const [rule, entry] of rules) {
    console.log('');
    console.log(`${rule}:`);
    for (const [file, n] of [...entry.files.entries()].sort()) console.log(`  ${file}${n > 1 ? ` (${n})` : ''}`);
  }
  if (printed.length) {
    console.log('');
    for (const line of printed) console.log(line);
  }
  for (const crash of crashes) console.error(`CRASH ${crash.file}: ${crash.what}`);
  if (process.argv.includes('--json')) {
    const summary = {
      corpus: relative(ROOT, corpus),
      targets: targets.length,
      linted,
      skipped,
      clean,
      findings: totalFindings,
      crashes: crashes.length,
      totalMs: Math.round(totalMs),
      byRule: Object.fromEntries(rules.map(([rule, entry]) => [rule, { findings: entry.findings, files: entry.files.size }])),
    };
    writeFileSync(resolve(ROOT, 'conformance-results.json'), JSON.stringify(summary, null, 2) + '\n');
  }
  return crashes.length ? 1 : 0;
}

// The HCL parser (WebAssembly) loads once, asynchronously, before any Terraform module is read.
void initHcl().then(() => {
  process.exitCode = main();
});
