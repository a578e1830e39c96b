// Hostile and broken input: every case returns (no throw), with a clear parse-error finding at the right line and column.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { discoverTargets, lintTarget } from '../../server/src/engine/workspace';
import { defaultConfig, Finding } from '../../server/src/engine/types';
import { LIMITS } from '../../server/src/source/limits';
import { positionAt } from '../../server/src/source/tree';

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n';
const JSON_HEAD = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}';

/** Findings as [rule, severity, message, 1-based line, 1-based column] rows. */
function rows(path: string, text: string): [string, string, string, number, number][] {
  const result = lintText(path, text);
  const starts = result.files[0].lineStarts;
  return result.findings.map((f: Finding) => {
    const pos = positionAt(starts, f.loc.span.start);
    return [f.ruleId, f.severity, f.message, pos.line + 1, pos.character + 1];
  });
}

/** 1-based line and column of the first `needle` (after `from`). */
function at(text: string, needle: string, from = 0): [number, number] {
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `${needle} not in text`);
  const before = text.slice(0, index).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

test('billion laughs: aliases expanding past the bound stop with a parse error at the alias that crosses it', () => {
  // Ten anchors, each a list of nine aliases of the one before: 9^10 values once expanded, a few hundred bytes written.
  const levels = 'abcdefghij'.split('');
  let bomb = `Metadata:\n  ${levels[0]}: &${levels[0]} [x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i < levels.length; i++) bomb += `  ${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]\n`;
  const text = HEAD + bomb;
  // 9^7 > 2,000,000: the list anchored as g is the first to cross, at its last alias of f.
  assert.equal(9 ** 6 < LIMITS.maxExpandedNodes && 9 ** 7 > LIMITS.maxExpandedNodes, true);
  const gLine = text.indexOf('  g: &g');
  const lastAlias = text.lastIndexOf('*f', text.indexOf('\n', gLine));
  assert.deepEqual(rows('bomb.yaml', text), [['parse-error', 'error', 'YAML aliases expand to more than 2000000 values (an alias bomb); not analysed', ...at(text, '*f]', lastAlias)]]);
});

test('a few aliases well inside the bound are read as their anchored values', () => {
  const text = `${HEAD}    Properties:\n      CidrBlock: &cidr 10.0.0.0/16\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: *cidr\n`;
  assert.deepEqual(rows('t.yaml', text), []);
});

test('10,000-deep YAML nesting (flow lists, flow maps, block lists) is refused at the level past the bound', () => {
  const deep = 10_000;
  const message = `Template is nested deeper than ${LIMITS.maxDepth} levels; not analysed`;
  // The template's own root and Metadata maps are two levels: the 255th bracket is level 257.
  const lists = `${HEAD}Metadata:\n  X: ${'['.repeat(deep)}${']'.repeat(deep)}\n`;
  assert.deepEqual(rows('lists.yaml', lists), [['parse-error', 'error', message, 6, at(lists, '[')[1] + 254]]);
  // Flow maps: the key of the 254th map (keys are a level of their own while they are read).
  const maps = `${HEAD}Metadata:\n  X: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n`;
  assert.deepEqual(rows('maps.yaml', maps), [['parse-error', 'error', message, 6, at(maps, '{')[1] + 253 * '{a: '.length + 1]]);
  // Compact block lists (`- - - x`): the 255th dash.
  const block = `${HEAD}Metadata:\n  X:\n    ${'- '.repeat(deep)}x\n`;
  assert.deepEqual(rows('block.yaml', block), [['parse-error', 'error', message, 7, 5 + 254 * 2]]);
});

test('10,000-deep JSON nesting is refused before parsing, at the first bracket past the bound', () => {
  const deep = 10_000;
  const lists = `${JSON_HEAD}, "Metadata": ${'['.repeat(deep)}${']'.repeat(deep)}}`;
  // The top-level object is level 1: bracket number maxDepth (1-based) of the run is level maxDepth + 1.
  const first = lists.indexOf('[');
  assert.deepEqual(rows('lists.json', lists), [['parse-error', 'error', 'Template is nested deeper than 256 levels; not analysed', 1, first + LIMITS.maxDepth]]);
  const objects = `${JSON_HEAD}, "Metadata": ${'{"a": '.repeat(deep)}1${'}'.repeat(deep)}}`;
  const firstObject = objects.indexOf('{"a"');
  assert.deepEqual(rows('objects.json', objects), [['parse-error', 'error', 'Template is nested deeper than 256 levels; not analysed', 1, firstObject + (LIMITS.maxDepth - 1) * '{"a": '.length + 1]]);
  // Brackets inside strings are text, not nesting.
  assert.deepEqual(rows('strings.json', `${JSON_HEAD}, "Description": "${'['.repeat(deep)}"}`), []);
});

test('a file beyond the size limit is reported at its start, not read', () => {
  const text = `${HEAD}# ${'x'.repeat(LIMITS.maxFileBytes)}\n`;
  assert.deepEqual(rows('huge.yaml', text), [['parse-error', 'error', `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`, 1, 1]]);
  assert.deepEqual(rows('huge.json', `${JSON_HEAD}, "Description": "${'x'.repeat(LIMITS.maxFileBytes)}"}`), [['parse-error', 'error', `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`, 1, 1]]);
});

test('a huge file on disk is read only up to the limit and reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-robust-'));
  const path = join(dir, 'huge.yaml');
  writeFileSync(path, `${HEAD}# ${'x'.repeat(LIMITS.maxFileBytes + 1024)}\n`);
  const result = lintTarget({ kind: 'cloudformation', path, explicit: false }, defaultConfig());
  assert.deepEqual(
    result?.findings.map((f) => [f.ruleId, f.severity, f.message, f.loc.span.start]),
    [['parse-error', 'error', `File is larger than ${LIMITS.maxFileBytes} bytes; not analysed`, 0]],
  );
});

test('binary input: a NUL byte is reported where it is; invalid UTF-8 is a warning where the bytes were', () => {
  const nul = `${HEAD}\u0000\u0001\u0002`;
  assert.deepEqual(rows('bin.yaml', nul), [['parse-error', 'error', 'Binary file (NUL byte); not a template', 5, 1]]);
  const nulJson = `${JSON_HEAD}}\u0000`;
  assert.deepEqual(rows('bin.json', nulJson), [['parse-error', 'error', 'Binary file (NUL byte); not a template', 1, nulJson.length]]);
  // A reader decoding invalid UTF-8 replaces the bytes with U+FFFD; the template is still read.
  const bad = Buffer.concat([Buffer.from(`${HEAD}Description: caf`), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('\n')]).toString('utf8');
  assert.deepEqual(rows('utf8.yaml', bad), [['parse-error', 'warning', 'Not valid UTF-8 here (bytes replaced by U+FFFD); values around it may be wrong', 5, 17]]);
  const badJson = Buffer.concat([Buffer.from(`${JSON_HEAD}, "Description": "caf`), Buffer.from([0xfe]), Buffer.from('"}')]).toString('utf8');
  assert.deepEqual(rows('utf8.json', badJson), [['parse-error', 'warning', 'Not valid UTF-8 here (bytes replaced by U+FFFD); values around it may be wrong', 1, badJson.indexOf('\uFFFD') + 1]]);
});

test('tabs: indentation tabs are an error at the tab; tabs inside a block scalar (a UserData script) are content', () => {
  const indented = `${HEAD}    Properties:\n\t  CidrBlock: 10.0.0.0/16\n`;
  assert.deepEqual(rows('tab.yaml', indented), [['parse-error', 'error', 'Tab character used for indentation; YAML allows only spaces', 6, 1]]);
  const afterSpaces = `${HEAD}    Properties:\n  \t  CidrBlock: 10.0.0.0/16\n`;
  assert.deepEqual(rows('tab2.yaml', afterSpaces), [['parse-error', 'error', 'Tab character used for indentation; YAML allows only spaces', 6, 3]]);
  const script = `${HEAD}  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: subnet-1\n      UserData:\n        Fn::Base64: |\n          #!/bin/bash\n          if true; then\n          \techo ok\n          fi\n`;
  assert.deepEqual(rows('script.yaml', script), []);
});

test('duplicate keys: an error at the later key, and the template is still analysed', () => {
  const yaml = `${HEAD}  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: subnet-1\n      SubnetId: subnet-2\n`;
  assert.deepEqual(rows('dup.yaml', yaml), [['parse-error', 'error', "Duplicate key 'SubnetId': the later value silently replaces the earlier one", ...at(yaml, 'SubnetId: subnet-2')]]);
  const json = `{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Type": "AWS::EC2::VPC"}}}`;
  assert.deepEqual(rows('dup.json', json), [['parse-error', 'error', "Duplicate key 'Type': the later value silently replaces the earlier one", 1, json.lastIndexOf('"Type"') + 1]]);
});

test('an empty file and a comments-only file: not templates, skipped in directory mode, reported when named', () => {
  for (const text of ['', '   \n', '# only a comment\n# and another\n']) {
    const result = lintText('empty.yaml', text);
    assert.deepEqual([result.isTemplate, result.findings], [false, []]);
  }
  assert.deepEqual(lintText('empty.json', '').findings, []);
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-robust-'));
  writeFileSync(join(dir, 'empty.yaml'), '');
  writeFileSync(join(dir, 'comments.yaml'), '# nothing here\n');
  const targets = discoverTargets([dir]);
  assert.deepEqual(targets.map((t) => lintTarget(t, defaultConfig())), [undefined, undefined]);
  const named = lintTarget({ kind: 'cloudformation', path: join(dir, 'comments.yaml'), explicit: true }, defaultConfig());
  assert.deepEqual(
    named?.findings.map((f) => [f.ruleId, f.severity, f.message, f.loc.span]),
    [['parse-error', 'warning', 'comments.yaml is not a CloudFormation template (no Resources with AWS:: types); nothing checked', { start: 0, end: 0 }]],
  );
});

test('several YAML documents: the first is analysed, a warning at the second document marker', () => {
  const text = `${HEAD}  Bucket:\n    Type: AWS::S3::Bucket\n---\nResources: {}\n---\nmore: 1\n`;
  assert.deepEqual(rows('docs.yaml', text), [['parse-error', 'warning', 'More than one YAML document; only the first is analysed', ...at(text, '---')]]);
  const leading = `---\n${HEAD}...\n---\nx: 1\n`;
  assert.deepEqual(rows('docs2.yaml', leading), [['parse-error', 'warning', 'More than one YAML document; only the first is analysed', ...at(leading, '...')]]);
});

test('syntax errors in YAML and JSON are reported at their place', () => {
  const yaml = `${HEAD}    Properties: {CidrBlock: 10.0.0.0/16\n`;
  const [row] = rows('broken.yaml', yaml);
  assert.deepEqual([row[0], row[1], row[2].startsWith('YAML syntax error: '), row[3]], ['parse-error', 'error', true, 6]);
  const json = `${JSON_HEAD}, "Description": }`;
  assert.deepEqual(rows('broken.json', json), [['parse-error', 'error', 'JSON syntax error: value expected', 1, json.lastIndexOf('}') + 1]]);
});
