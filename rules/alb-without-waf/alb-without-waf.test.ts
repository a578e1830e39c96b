// alb-without-waf: exact findings on the bad fixtures, none on the good one, and the added web ACL resolves the finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseSource } from '../../server/src/source/parse';
import { buildCloudFormationModel } from '../../server/src/adapters/cloudformation';
import { lintModel } from '../../server/src/engine/lint';
import { Node, getValue } from '../../server/src/source/tree';
import { assertAllFixesResolve, assertFindings, assertFixResolves, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';
import { assertAllTerraformFixesResolve, lintTerraformFile } from '../../test/helpers/terraform-rule-harness';

const ID = 'alb-without-waf';
const ALB = 'Internet-facing ALB Alb has no WAF web ACL (no AWS::WAFv2::WebACLAssociation refers to it): requests reach the backends without filtering of common web exploits';
const API = 'Internet-facing ALB ApiAlb has no WAF web ACL (its web ACL association ApiWafAssociation does not apply): requests reach the backends without filtering of common web exploits when condition IsProd is false';
const ADD = 'Add a WAF web ACL (AWS managed common rule set) to Alb (blocks the requests the rule set matches, e.g. bodies over 8 KB)';

/** A parsed node as plain data (intrinsics in long form), to compare what a fix wrote whatever its layout. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'map') {
    // YAML's `!GetAtt X.Attr` reads as a string: compare it in the list form JSON uses.
    return Object.fromEntries(node.pairs.map((p) => [String(p.key.value), p.key.value === 'Fn::GetAtt' && p.value.kind === 'scalar' ? String(p.value.value).split('.') : plain(p.value)]));
  }
  if (node.kind === 'seq') return node.items.map(plain);
  return node.value;
}

function expectedAcl(metric: string): unknown {
  const visibility = (name: string) => ({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name });
  return {
    Type: 'AWS::WAFv2::WebACL',
    Properties: {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility(metric),
      Rules: [
        {
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 0,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
          VisibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
      ],
    },
  };
}

test('alb-without-waf: bad.yaml', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: ID, resource: 'Alb', range: {startLine: 64, startCol: 3, endLine: 64, endCol: 6}, message: ALB, fixes: [ADD]},
    {ruleId: ID, resource: 'ApiAlb', range: {startLine: 69, startCol: 3, endLine: 69, endCol: 9}, message: API, when: [{condition: 'IsProd', holds: false}], fixes: []},
  ]);
  assert.deepEqual(found.map((f) => [f.message, f.severity]), [[ALB, 'warning'], [API, 'warning']]);
});

test('alb-without-waf: bad.json', () => {
  const found = assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: ID, resource: 'Alb', range: {startLine: 86, startCol: 5, endLine: 86, endCol: 10}, message: ALB, fixes: [ADD]},
  ]);
  assert.equal(found[0].message, ALB);
});

test('alb-without-waf: good.yaml (WAFv2, WAF Classic, internal ALB, NLB) has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('alb-without-waf: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('alb-without-waf: the fix adds a regional web ACL with the common rule set and its association', () => {
  for (const [name, aclId] of [['bad.yaml', 'AlbWebAcl'], ['bad.json', 'AlbWebAcl2']]) {
    const linted = lintFile(fixturePath(ID, name));
    const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'Alb')!;
    const after = assertFixResolves(linted, finding, finding.fixes[0]);
    const resources = getValue(parseSource(linted.path, after.text).root, 'Resources');
    assert.deepEqual(plain(getValue(resources, aclId)), expectedAcl(aclId), name);
    assert.deepEqual(plain(getValue(resources, 'AlbWebAclAssociation')), {
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: { ResourceArn: { Ref: 'Alb' }, WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] } },
    }, name);
    // Everything that was there before is still there, unchanged.
    const before = plain(getValue(parseSource(linted.path, linted.text).root, 'Resources')) as Record<string, unknown>;
    const now = plain(resources) as Record<string, unknown>;
    for (const [id, value] of Object.entries(before)) assert.deepEqual(now[id], value, `${name}: ${id}`);
  }
});

test('alb-without-waf: the added resources follow the load balancer\'s Condition', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace('  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n', '  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Condition: IsProd\n');
  const linted = lintSource(path, text);
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'Alb')!;
  // The engine names the resource's own condition in its findings.
  assert.equal(finding.message, `${ALB} when condition IsProd is true`);
  const after = assertFixResolves(linted, finding, finding.fixes[0]);
  const resources = getValue(parseSource(path, after.text).root, 'Resources');
  assert.equal(plain(getValue(getValue(resources, 'AlbWebAcl'), 'Condition')), 'IsProd');
  assert.equal(plain(getValue(getValue(resources, 'AlbWebAclAssociation'), 'Condition')), 'IsProd');
});

test('alb-without-waf: an association to an unknown ARN (import) makes the findings possible, naming it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8') + [
    '  ImportedAssociation:',
    '    Type: AWS::WAFv2::WebACLAssociation',
    '    Properties:',
    '      ResourceArn: !ImportValue shared-alb-arn',
    '      WebACLArn: !GetAtt ApiWebAcl.Arn',
    '',
  ].join('\n');
  const findings = lintSource(path, text).findings.filter((f) => f.ruleId === ID);
  assert.deepEqual(findings.map((f) => [f.resource, f.certainty, f.severity]), [['Alb', 'possible', 'info'], ['ApiAlb', 'possible', 'info']]);
  for (const f of findings) assert.match(f.message, /; possible: ImportedAssociation names its load balancer through `!ImportValue shared-alb-arn`: if that is this ALB, it has a web ACL$/);
});

test('alb-without-waf: a suppression comment, Metadata and the internal scheme silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const commented = original.replace('  Alb:\n', '  # exposure-lint-disable-next-line alb-without-waf -- CloudFront with WAF in front\n  Alb:\n');
  assert.deepEqual(lintSource(path, commented).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['ApiAlb']);
  const metadata = original.replace('  ApiAlb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n', '  ApiAlb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Metadata:\n      exposure-lint:\n        suppress:\n          alb-without-waf: dev only\n');
  assert.deepEqual(lintSource(path, metadata).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['Alb']);
  const internal = original.replace('      Scheme: internet-facing\n', '      Scheme: internal\n');
  assert.deepEqual(lintSource(path, internal).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['Alb']);
});

test('alb-without-waf: bad.tf.json (Terraform) and its fix', () => {
  const linted = lintTerraformFile(fixturePath(ID, 'bad.tf.json'));
  assertFindings(linted, ID, [
    {ruleId: ID, resource: 'aws_lb.web', range: {startLine: 24, startCol: 7, endLine: 24, endCol: 12}, message: 'Internet-facing ALB aws_lb.web has no WAF web ACL (no aws_wafv2_web_acl_association refers to it): requests reach the backends without filtering of common web exploits', fixes: ['Add a WAF web ACL (AWS managed common rule set) to aws_lb.web (blocks the requests the rule set matches, e.g. bodies over 8 KB)']},
  ]);
  assertAllTerraformFixesResolve(linted, ID);
});

test('alb-without-waf: the web ACL is rendered when its fix is first read, once, and reads like any fix (JSON, spread)', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const model = buildCloudFormationModel(parseSource(path, readFileSync(path, 'utf8')));
  let renders = 0;
  const addResources = model.writer.addResources.bind(model.writer);
  model.writer.addResources = (near, resources) => {
    renders++;
    return addResources(near, resources);
  };
  const finding = lintModel(model).find((f) => f.ruleId === ID && f.resource === 'Alb')!;
  // Linting alone renders nothing: most findings are read, not fixed.
  assert.equal(renders, 0);
  const fix = finding.fixes[0];
  assert.deepEqual([fix.title, fix.preferred], [ADD, undefined]);
  const edits = fix.edits;
  assert.equal(renders, 1);
  assert.ok(edits.length > 0 && edits.every((e) => e.file === path && e.newText.includes('AlbWebAcl')));
  assert.equal(fix.edits, edits, 'rendered once, then kept');
  assert.deepEqual(JSON.parse(JSON.stringify(fix)), { title: ADD, edits: JSON.parse(JSON.stringify(edits)) });
  assert.deepEqual({ ...fix }.edits, edits);
  assert.equal(renders, 1);
});
