// internet-facing-lb-in-private-subnet: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'internet-facing-lb-in-private-subnet';

test('internet-facing-lb-in-private-subnet: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "internet-facing-lb-in-private-subnet", resource: "Alb", range: {startLine: 175, startCol: 11, endLine: 177, endCol: 12}, message: "Internet-facing load balancer Alb is in PrivateA (0.0.0.0/0 -> Nat), which has no route to an internet gateway: the edge cannot be reached from the internet", fixes: ["Place Alb in public subnet PublicA","Make Alb internal (replaces it; it no longer accepts traffic from the internet)"]},
  ]);
});

test('internet-facing-lb-in-private-subnet: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "internet-facing-lb-in-private-subnet", resource: "Alb", range: {startLine: 95, startCol: 11, endLine: 95, endCol: 24}, message: "Internet-facing load balancer Alb is in PrivateA (0.0.0.0/0 -> Nat), which has no route to an internet gateway: the edge cannot be reached from the internet", fixes: ["Place Alb in public subnet PublicA","Make Alb internal (replaces it; it no longer accepts traffic from the internet)"]},
  ]);
});

test('internet-facing-lb-in-private-subnet: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('internet-facing-lb-in-private-subnet: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
