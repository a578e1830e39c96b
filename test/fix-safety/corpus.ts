// `npm run conformance` part two: the fix-safety checker on every template of ../shared/corpus (read in place;
// cfn-lint reads copies in a temporary folder). Exits 1 on any violated invariant.
//
// Options: --corpus <dir> checks another folder; --every makes cfn-lint read every one-by-one variant, not only the all-fixes result.
import { relative, resolve } from 'node:path';
import { describeViolations, runSuite, templatesUnder } from './suite';

const ROOT = resolve(__dirname, '..', '..', '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): number {
  const corpus = resolve(ROOT, option('--corpus') ?? '../shared/corpus');
  const started = Date.now();
  const inputs = templatesUnder(corpus, [corpus]);
  let done = 0;
  const result = runSuite(inputs, {
    cfnLintVariants: process.argv.includes('--every') ? 'every' : 'all-fixes',
    onTemplate: () => {
      if (++done % 50 === 0) process.stderr.write(`fix-safety: ${done}/${inputs.length} templates\n`);
    },
  });
  const counts = [...result.checked].sort().map(([rule, n]) => `  ${rule}: ${n}`).join('\n');
  const withFixes = result.reports.filter((r) => r.checked.size).length;
  console.log(`fix-safety on ${relative(ROOT, corpus)}: ${inputs.length} templates, ${withFixes} with preferred fixes, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`preferred fixes checked one by one, by rule:\n${counts || '  (none)'}`);
  if (result.cfnLint.skipped) console.log(`cfn-lint check skipped: ${result.cfnLint.skipped}`);
  else console.log(`${result.cfnLint.version}: ${result.cfnLint.templates} templates, ${result.cfnLint.variants} fixed variants, ${result.cfnLint.newErrors} new errors`);
  const violations = describeViolations(result);
  for (const line of violations) console.log(`VIOLATION ${line}`);
  console.log(violations.length ? `${violations.length} violations` : 'no violations');
  return violations.length ? 1 : 0;
}

process.exitCode = main();
