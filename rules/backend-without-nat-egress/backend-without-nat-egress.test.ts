// backend-without-nat-egress: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'backend-without-nat-egress';

test('backend-without-nat-egress: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "backend-without-nat-egress", resource: "Worker", range: {startLine: 232, startCol: 9, endLine: 234, endCol: 10}, message: "Worker is in WorkerSubnet (no default route): route table WorkerRt has no 0.0.0.0/0 route, so it has no outbound path through NAT gateway Nat", fixes: ["Route 0.0.0.0/0 from WorkerRt to Nat"]},
  ]);
});

test('backend-without-nat-egress: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "backend-without-nat-egress", resource: "Worker", range: {startLine: 123, startCol: 7, endLine: 123, endCol: 34}, message: "Worker is in WorkerSubnet (no default route): route table WorkerRt has no 0.0.0.0/0 route, so it has no outbound path through NAT gateway Nat", fixes: ["Route 0.0.0.0/0 from WorkerRt to Nat"]},
  ]);
});

test('backend-without-nat-egress: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('backend-without-nat-egress: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
