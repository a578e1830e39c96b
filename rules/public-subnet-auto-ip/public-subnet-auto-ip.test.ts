// public-subnet-auto-ip: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'public-subnet-auto-ip';

test('public-subnet-auto-ip: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "public-subnet-auto-ip", resource: "PublicA", range: {startLine: 32, startCol: 9, endLine: 32, endCol: 36}, message: "PublicA (0.0.0.0/0 -> Igw) gives every instance launched in it a public IP and hosts backend Bastion: reachable from the internet without the ALB", fixes: ["Do not map public IPs on launch in PublicA (Bastion loses outbound internet until moved to a private subnet behind NAT)"]},
  ]);
});

test('public-subnet-auto-ip: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "public-subnet-auto-ip", resource: "PublicA", range: {startLine: 20, startCol: 7, endLine: 20, endCol: 32}, message: "PublicA (0.0.0.0/0 -> Igw) gives every instance launched in it a public IP and hosts backend Bastion: reachable from the internet without the ALB", fixes: ["Do not map public IPs on launch in PublicA (Bastion loses outbound internet until moved to a private subnet behind NAT)"]},
  ]);
});

test('public-subnet-auto-ip: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('public-subnet-auto-ip: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
