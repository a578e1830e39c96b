// Every preferred fix of every rule, on every rule fixture and on examples/, one by one and all together, keeps the five invariants.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { projectRoot } from '../helpers/rule-harness';
import { describeViolations, ruleFixtures, runSuite, templatesUnder } from './suite';
import { initHcl } from '../../server/src/adapters/terraform/hcl/parser';

const root = projectRoot();

test('preferred fixes keep connectivity, widen nothing, keep zones, pass cfn-lint, are idempotent and quiet (fixtures and examples)', async () => {
  await initHcl();
  const inputs = [...ruleFixtures(root), ...templatesUnder(root, [join(root, 'examples')])];
  // cfn-lint reads every one-by-one variant under FIX_SAFETY_FULL=1 (and in `npm run conformance`); by default the all-fixes result.
  const result = runSuite(inputs, { cfnLintVariants: process.env.FIX_SAFETY_FULL ? 'every' : 'all-fixes' });
  const counts = [...result.checked].sort().map(([rule, n]) => `${rule}=${n}`).join(', ');
  console.log(`fix-safety: ${inputs.length} templates; preferred fixes checked one by one: ${counts}`);
  if (result.cfnLint.skipped) console.log(`fix-safety: cfn-lint check skipped: ${result.cfnLint.skipped}`);
  else console.log(`fix-safety: ${result.cfnLint.version} on ${result.cfnLint.templates} templates and ${result.cfnLint.variants} fixed variants: ${result.cfnLint.newErrors} new errors`);
  assert.deepEqual(describeViolations(result), []);
  // The suite checks something: fixes of the examples and of the fixtures, in all four formats.
  assert.ok(result.reports.some((r) => /\.tf$/.test(r.name) && r.checked.size > 0), 'HCL fixtures');
  assert.ok(result.reports.some((r) => r.name.startsWith('examples') && r.checked.size > 0));
  assert.ok(result.reports.some((r) => r.name.endsWith('.tf.json') && r.checked.size > 0));
  assert.ok(result.reports.some((r) => r.name.endsWith('.json') && !r.name.endsWith('.tf.json') && r.checked.size > 0));
});
