// public-ip-on-backend: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/engine/types';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';

const ID = 'public-ip-on-backend';

test('public-ip-on-backend: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "public-ip-on-backend", resource: "AdminHost", range: {startLine: 227, startCol: 13, endLine: 227, endCol: 45}, message: "AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB", fixes: ["Do not assign a public IP to AdminHost and place it in private subnet PrivateA"]},
    {ruleId: "public-ip-on-backend", resource: "WebTemplate", range: {startLine: 245, startCol: 15, endLine: 251, endCol: 16}, message: "WebAsg gets a public IP (via WebTemplate) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB when condition UsePublic is true", when: [{condition: "UsePublic", holds: true}], fixes: ["Do not assign a public IP to WebAsg and place it in private subnet PrivateA"]},
    {ruleId: "public-ip-on-backend", resource: "ApiService", range: {startLine: 293, startCol: 13, endLine: 293, endCol: 40}, message: "ApiService gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB", fixes: ["Do not assign a public IP to ApiService and place it in private subnet PrivateA"]},
  ]);
});

test('public-ip-on-backend: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "public-ip-on-backend", resource: "AdminHost", range: {startLine: 119, startCol: 11, endLine: 119, endCol: 41}, message: "AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB", fixes: ["Do not assign a public IP to AdminHost and place it in private subnet PrivateA"]},
    {ruleId: "public-ip-on-backend", resource: "WebTemplate", range: {startLine: 129, startCol: 13, endLine: 129, endCol: 67}, message: "WebAsg gets a public IP (via WebTemplate) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB when condition UsePublic is true", when: [{condition: "UsePublic", holds: true}], fixes: ["Do not assign a public IP to WebAsg and place it in private subnet PrivateA"]},
    {ruleId: "public-ip-on-backend", resource: "ApiService", range: {startLine: 150, startCol: 11, endLine: 150, endCol: 34}, message: "ApiService gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB", fixes: ["Do not assign a public IP to ApiService and place it in private subnet PrivateA"]},
  ]);
});

test('public-ip-on-backend: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('public-ip-on-backend: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('public-ip-on-backend: a disable-next-line comment and an intended-edge config silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace('  AdminHost:\n', '  # exposure-lint-disable-next-line public-ip-on-backend -- break-glass host\n  AdminHost:\n');
  const remaining = lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource);
  assert.deepEqual(remaining, ['WebTemplate', 'ApiService']);
  const edge = lintSource(path, readFileSync(path, 'utf8'), { ...defaultConfig(), intendedEdges: ['AdminHost'] });
  assert.deepEqual(edge.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['WebTemplate', 'ApiService']);
});
