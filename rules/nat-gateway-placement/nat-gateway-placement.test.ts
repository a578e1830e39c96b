// nat-gateway-placement: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'nat-gateway-placement';

test('nat-gateway-placement: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "nat-gateway-placement", resource: "Nat", range: {startLine: 84, startCol: 9, endLine: 86, endCol: 10}, message: "Public NAT gateway Nat is in PrivateA (0.0.0.0/0 -> Nat), which has no route to an internet gateway: private subnets routed to it get no outbound internet", fixes: ["Move Nat to public subnet PublicA"]},
    {ruleId: "nat-gateway-placement", resource: "SpareNat", range: {startLine: 95, startCol: 5, endLine: 95, endCol: 15}, message: "Public NAT gateway SpareNat has no Elastic IP allocation: it cannot translate private subnets' traffic to a public address", fixes: ["Allocate an Elastic IP for SpareNat"]},
  ]);
});

test('nat-gateway-placement: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "nat-gateway-placement", resource: "Nat", range: {startLine: 48, startCol: 7, endLine: 48, endCol: 30}, message: "Public NAT gateway Nat is in PrivateA (0.0.0.0/0 -> Nat), which has no route to an internet gateway: private subnets routed to it get no outbound internet", fixes: ["Move Nat to public subnet PublicA"]},
    {ruleId: "nat-gateway-placement", resource: "SpareNat", range: {startLine: 50, startCol: 3, endLine: 50, endCol: 11}, message: "Public NAT gateway SpareNat has no Elastic IP allocation: it cannot translate private subnets' traffic to a public address", fixes: ["Allocate an Elastic IP for SpareNat"]},
  ]);
});

test('nat-gateway-placement: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('nat-gateway-placement: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
