// alb-http-listener: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertAllFixesResolve, assertFindings, assertFixResolves, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';
import { assertAllTerraformFixesResolve, lintTerraformFile } from '../../test/helpers/terraform-rule-harness';

const ID = 'alb-http-listener';
const HTTP = 'HttpListener on internet-facing ALB Alb serves plain HTTP on port 80 without redirecting to HTTPS: requests and cookies cross the internet in clear text';
const ADMIN = 'AdminListener on internet-facing ALB Alb serves plain HTTP on port 8443 without redirecting to HTTPS: requests and cookies cross the internet in clear text when condition TlsOn is false';
const STATUS = 'StatusListener on internet-facing ALB StatusAlb serves plain HTTP on port 80 without redirecting to HTTPS: requests and cookies cross the internet in clear text; StatusAlb has no HTTPS listener at all: add one on 443 with a certificate';

test('alb-http-listener: bad.yaml', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: ID, resource: 'HttpListener', range: {startLine: 85, startCol: 7, endLine: 87, endCol: 42}, message: HTTP, fixes: ['Redirect HttpListener to HTTPS on port 443']},
    {ruleId: ID, resource: 'AdminListener', range: {startLine: 110, startCol: 7, endLine: 112, endCol: 42}, message: ADMIN, when: [{condition: 'TlsOn', holds: false}], fixes: []},
    {ruleId: ID, resource: 'StatusListener', range: {startLine: 126, startCol: 7, endLine: 131, endCol: 28}, message: STATUS, fixes: ['Redirect StatusListener to HTTPS on port 443 (StatusAlb needs an HTTPS listener too)']},
  ]);
  assert.deepEqual(found.map((f) => f.message), [HTTP, ADMIN, STATUS]);
  assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning', 'warning']);
  // With no HTTPS listener to land on, the redirect is offered without being marked preferred.
  assert.deepEqual(found.map((f) => f.fixes.map((x) => x.preferred)), [[true], [], [undefined]]);
});

test('alb-http-listener: bad.json', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: ID, resource: 'HttpListener', range: {startLine: 129, startCol: 9, endLine: 134, endCol: 10}, message: HTTP, fixes: ['Redirect HttpListener to HTTPS on port 443']},
    {ruleId: ID, resource: 'AdminListener', range: {startLine: 179, startCol: 9, endLine: 184, endCol: 10}, message: ADMIN, when: [{condition: 'TlsOn', holds: false}], fixes: []},
    {ruleId: ID, resource: 'StatusListener', range: {startLine: 206, startCol: 9, endLine: 215, endCol: 10}, message: STATUS, fixes: ['Redirect StatusListener to HTTPS on port 443 (StatusAlb needs an HTTPS listener too)']},
  ]);
  assert.deepEqual(found.map((f) => f.message), [HTTP, ADMIN, STATUS]);
});

test('alb-http-listener: good.yaml (redirect, internal ALB, NLB) has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('alb-http-listener: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('alb-http-listener: the fix replaces the default actions with a 301 to HTTPS 443 and keeps the rest', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'HttpListener')!;
  const after = assertFixResolves(linted, finding, finding.fixes[0]);
  const expected = [
    '  HttpListener:',
    '    Type: AWS::ElasticLoadBalancingV2::Listener',
    '    Properties:',
    '      LoadBalancerArn: !Ref Alb',
    '      Port: 80',
    '      Protocol: HTTP',
    '      DefaultActions:',
    '        - Type: redirect',
    '          RedirectConfig:',
    '            Protocol: HTTPS',
    "            Port: '443'",  // the fixture quotes with single quotes
    '            StatusCode: HTTP_301',
    '  HttpsListener:',
  ].join('\n');
  assert.ok(after.text.includes(expected), after.text);
  assert.equal(after.text.replace(expected, ''), linted.text.replace(linted.text.slice(linted.text.indexOf('  HttpListener:'), linted.text.indexOf('  HttpsListener:') + '  HttpsListener:'.length), ''));
});

test('alb-http-listener: a suppression comment and Metadata silence it; an internal scheme is not reported', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const commented = original.replace('  HttpListener:\n', '  # exposure-lint-disable-next-line alb-http-listener -- health checks from a legacy monitor\n  HttpListener:\n');
  assert.deepEqual(lintSource(path, commented).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['AdminListener', 'StatusListener']);
  const metadata = original.replace('  StatusListener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n', '  StatusListener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Metadata:\n      exposure-lint:\n        suppress: [alb-http-listener]\n');
  assert.deepEqual(lintSource(path, metadata).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['HttpListener', 'AdminListener']);
  const internal = original.replace('      Scheme: internet-facing\n', '      Scheme: internal\n');
  assert.deepEqual(lintSource(path, internal).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['HttpListener', 'AdminListener']);
});

test('alb-http-listener: bad.tf.json (Terraform) and its fix', () => {
  const linted = lintTerraformFile(fixturePath(ID, 'bad.tf.json'));
  assertFindings(linted, ID, [
    {ruleId: ID, resource: 'aws_lb_listener.http', range: {startLine: 66, startCol: 9, endLine: 71, endCol: 10}, message: 'aws_lb_listener.http on internet-facing ALB aws_lb.web serves plain HTTP on port 80 without redirecting to HTTPS: requests and cookies cross the internet in clear text', fixes: ['Redirect aws_lb_listener.http to HTTPS on port 443']},
  ]);
  assertAllTerraformFixesResolve(linted, ID);
});
