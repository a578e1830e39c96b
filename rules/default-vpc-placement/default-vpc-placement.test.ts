// default-vpc-placement: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'default-vpc-placement';

test('default-vpc-placement: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "default-vpc-placement", resource: "LegacySg", range: {startLine: 200, startCol: 5, endLine: 200, endCol: 15}, message: "Security group LegacySg names no VPC: it is created in the default VPC, whose subnets are all public", fixes: ["Create LegacySg in Vpc"]},
    {ruleId: "default-vpc-placement", resource: "Legacy", range: {startLine: 206, startCol: 5, endLine: 206, endCol: 13}, message: "Legacy names no subnet: it lands in the default VPC, whose subnets are all public, outside the ALB and NAT path", fixes: ["Place Legacy in private subnet PrivateA (its security groups are not in Vpc)"]},
  ]);
});

test('default-vpc-placement: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "default-vpc-placement", resource: "LegacySg", range: {startLine: 105, startCol: 3, endLine: 105, endCol: 11}, message: "Security group LegacySg names no VPC: it is created in the default VPC, whose subnets are all public", fixes: ["Create LegacySg in Vpc"]},
    {ruleId: "default-vpc-placement", resource: "Legacy", range: {startLine: 109, startCol: 3, endLine: 109, endCol: 9}, message: "Legacy names no subnet: it lands in the default VPC, whose subnets are all public, outside the ALB and NAT path", fixes: ["Place Legacy in private subnet PrivateA (its security groups are not in Vpc)"]},
  ]);
});

test('default-vpc-placement: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('default-vpc-placement: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
