// igw-not-attached: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'igw-not-attached';

test('igw-not-attached: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "igw-not-attached", resource: "Igw", range: {startLine: 11, startCol: 5, endLine: 11, endCol: 10}, message: "Internet gateway Igw is not attached to any VPC: 1 route(s) to it lead nowhere; public subnets and NAT gateways get no internet path", fixes: ["Attach Igw to Vpc"]},
  ]);
});

test('igw-not-attached: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "igw-not-attached", resource: "Igw", range: {startLine: 8, startCol: 3, endLine: 8, endCol: 6}, message: "Internet gateway Igw is not attached to any VPC: 1 route(s) to it lead nowhere; public subnets and NAT gateways get no internet path", fixes: ["Attach Igw to Vpc"]},
  ]);
});

test('igw-not-attached: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('igw-not-attached: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
