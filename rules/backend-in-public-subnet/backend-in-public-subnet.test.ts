// backend-in-public-subnet: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'backend-in-public-subnet';

test('backend-in-public-subnet: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "backend-in-public-subnet", resource: "Worker", range: {startLine: 204, startCol: 9, endLine: 206, endCol: 10}, message: "Worker is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Place Worker in private subnet PrivateA"]},
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 235, startCol: 11, endLine: 237, endCol: 12}, message: "Db is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Remove public subnet PublicA from Db"]},
  ]);
});

test('backend-in-public-subnet: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "backend-in-public-subnet", resource: "Worker", range: {startLine: 109, startCol: 7, endLine: 109, endCol: 29}, message: "Worker is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Place Worker in private subnet PrivateA"]},
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 126, startCol: 11, endLine: 126, endCol: 23}, message: "Db is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT", fixes: ["Remove public subnet PublicA from Db"]},
  ]);
});

test('backend-in-public-subnet: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('backend-in-public-subnet: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
