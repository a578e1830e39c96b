// parse-error: broken templates give one finding at the place of the error, never a throw; the catalog lists the rule.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules';
import { allRuleMetas, knownRuleIds } from '../../server/src/cli/rule-docs';
import { defaultConfig } from '../../server/src/engine/types';
import { LIMITS } from '../../server/src/source/limits';
import { Linted, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource, projectRoot, rangeOf } from '../../test/helpers/rule-harness';
import { meta } from './parse-error';

const ID = 'parse-error';

function only(linted: Linted) {
  const found = linted.findings.filter((f) => f.ruleId === ID);
  assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
  return found[0];
}

test('parse-error: YAML syntax error at the badly indented key (bad.yaml)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  assertFindings(linted, undefined, [
    {ruleId: ID, resource: '', range: {startLine: 12, startCol: 17, endLine: 12, endCol: 18}, message: 'YAML syntax error: bad indentation of a mapping entry'},
  ]);
  assert.equal(only(linted).severity, 'error');
});

test('parse-error: JSON syntax error at the token after the missing comma (bad.json)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.json'));
  assertFindings(linted, undefined, [
    {ruleId: ID, resource: '', range: {startLine: 7, startCol: 7, endLine: 7, endCol: 19}, text: '"Properties"', message: 'JSON syntax error: comma expected'},
  ]);
  assert.equal(only(linted).severity, 'error');
});

test('parse-error: a duplicate key is an error on the second key, and the file is still checked with the later value', () => {
  const yaml = lintFile(fixturePath(ID, 'duplicate-key.yaml'));
  assertFindings(yaml, ID, [
    {ruleId: ID, resource: '', range: {startLine: 18, startCol: 7, endLine: 18, endCol: 27}, text: 'SecurityGroupIngress', message: "Duplicate key 'SecurityGroupIngress': the later value silently replaces the earlier one"},
  ]);
  assert.equal(only(yaml).severity, 'error');
  const json = lintFile(fixturePath(ID, 'duplicate-key.json'));
  assertFindings(json, ID, [
    {ruleId: ID, resource: '', range: {startLine: 11, startCol: 5, endLine: 11, endCol: 10}, text: '"Vpc"', message: "Duplicate key 'Vpc': the later value silently replaces the earlier one"},
  ]);
  assert.equal(only(json).severity, 'error');
});

test('parse-error: a tab used for indentation is reported on the tab itself', () => {
  const linted = lintFile(fixturePath(ID, 'tabs.yaml'));
  assertFindings(linted, undefined, [
    {ruleId: ID, resource: '', range: {startLine: 7, startCol: 1, endLine: 7, endCol: 2}, text: '\t', message: 'Tab character used for indentation; YAML allows only spaces'},
  ]);
  assert.equal(only(linted).severity, 'error');
});

test('parse-error: a resource without Type is a warning at its logical ID; the other resources are still read', () => {
  const linted = lintFile(fixturePath(ID, 'missing-type.yaml'));
  assertFindings(linted, ID, [
    {ruleId: ID, resource: '', range: {startLine: 13, startCol: 3, endLine: 13, endCol: 11}, text: 'PrivateB', message: 'Resource PrivateB has no Type'},
  ]);
  assert.equal(only(linted).severity, 'warning');
});

test('parse-error: an alias bomb stops at an alias with a clear finding, without expanding it', () => {
  const linted = lintFile(fixturePath(ID, 'alias-bomb.yaml'));
  const finding = only(linted);
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /alias/i);
  const covered = linted.text.slice(finding.loc.span.start, finding.loc.span.end);
  assert.match(covered, /^\*l[1-8]$/, `the range covers an alias, not ${JSON.stringify(covered)}`);
  const { startLine } = rangeOf(linted.text, finding);
  assert.ok(startLine >= 5 && startLine <= 19, `line ${startLine} is where aliases are`);
});

test('parse-error: nesting deeper than the limit is an error at or before the level that crosses it', () => {
  const levels = LIMITS.maxDepth + 20;
  const yamlText = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      Deep: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
  const jsonText = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"Deep": ${'['.repeat(levels)}${']'.repeat(levels)}}}}}`;
  for (const [name, text] of [['deep.yaml', yamlText], ['deep.json', jsonText]]) {
    const linted = lintSource(name, text);
    const finding = only(linted);
    assert.equal(finding.severity, 'error', name);
    assert.match(finding.message, /nest/i, name);
    // Never past the bracket that opens one level too many.
    let depth = 0;
    let crossing = -1;
    for (let i = 0; i < text.length && crossing < 0; i++) {
      if (text[i] === '[' || text[i] === '{') depth++;
      if (depth > LIMITS.maxDepth) crossing = i;
    }
    assert.ok(finding.loc.span.start <= crossing, `${name}: finding at ${finding.loc.span.start}, crossing at ${crossing}`);
  }
});

test('parse-error: a file larger than the limit is an error at its start, not read', () => {
  const text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + '#'.repeat(LIMITS.maxFileBytes) + '\n';
  const linted = lintSource('huge.yaml', text);
  assertFindings(linted, undefined, [
    {ruleId: ID, resource: '', range: {startLine: 1, startCol: 1, endLine: 1, endCol: 1}, message: `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`},
  ]);
});

test('parse-error: well-formed templates (anchors, tags, comments) have none', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
  assertNoFindings(lintFile(fixturePath(ID, 'good.json')), ID);
});

test('parse-error: its severity is configurable, but neither "off" nor a comment hides a broken file', () => {
  const path = fixturePath(ID, 'duplicate-key.yaml');
  assert.equal(only(lintFile(path, { ...defaultConfig(), rules: { [ID]: 'error' } })).severity, 'error');
  assert.equal(only(lintFile(path, { ...defaultConfig(), rules: { [ID]: 'off' } })).severity, 'warning');
  const commented = readFileSync(path, 'utf8').replace('      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 8443', '      # exposure-lint-disable-next-line parse-error\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 8443');
  assert.notEqual(commented, readFileSync(path, 'utf8'));
  assert.equal(only(lintSource(path, commented)).message, "Duplicate key 'SecurityGroupIngress': the later value silently replaces the earlier one");
});

test('parse-error: the rule catalog lists it once, with this metadata, next to the registered rules', () => {
  const listed = allRuleMetas().filter((m) => m.id === ID);
  assert.equal(listed.length, 1);
  assert.ok(knownRuleIds().has(ID));
  // The engine emits it; it is not a topology rule, so it is not in RULES (that would run a no-op and list it twice).
  assert.ok(!RULES.some((rule) => rule.meta.id === ID));
  const { docs: _docs, ...catalog } = listed[0];
  const { docs, ...ours } = meta;
  assert.deepEqual(catalog, ours);
  assert.equal(docs, `rules/${ID}/${ID}.md`);
});

test('parse-error: docs with the required sections, fixtures and this test, like every rule', () => {
  const dir = join(projectRoot(), 'rules', ID);
  const text = readFileSync(join(dir, `${ID}.md`), 'utf8');
  for (const section of ['What', 'Why', 'Bad', 'Good', 'Fix', 'Suppress']) assert.match(text, new RegExp(`^#{1,4}\\s*${section}\\b`, 'm'), `lacks "${section}"`);
  assert.ok(existsSync(join(dir, 'fixtures', 'bad.yaml')) && existsSync(join(dir, 'fixtures', 'good.yaml')));
  assert.ok(readdirSync(join(dir, 'fixtures')).some((name) => name.endsWith('.json')));
  assert.ok(existsSync(join(dir, `${ID}.test.ts`)));
});
