// Unit tests for the suppression edits behind "disable for this line / resource": exact text, and the engine honours it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/apply-fixes';
import { lintText } from '../../server/src/engine/lint';
import { disableLineEdit, suppressInMetadataEdits, SUPPRESS_REASON } from '../../server/src/lsp/suppress-edits';
import { minimalEdit } from '../../server/src/lsp/workspace-edits';
import { AUTO_IP_JSON, AUTO_IP_YAML, positionOf } from './templates';

const RULE = 'public-subnet-auto-ip';
const FILE = '/ws/net.yaml';

function resourcesWithFinding(text: string, file = FILE): string[] {
  return lintText(file, text).findings.filter((f) => f.ruleId === RULE).map((f) => f.resource);
}

test('disable-next-line: a new comment above the line, with its indentation', () => {
  const line = positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch', 'PublicA:').line;
  const edit = disableLineEdit(FILE, AUTO_IP_YAML, line, RULE)!;
  const text = applyEdits(AUTO_IP_YAML, [edit]);
  assert.equal(text.split('\n')[line], `      # exposure-lint-disable-next-line ${RULE}`);
  assert.deepEqual(resourcesWithFinding(text), ['PublicB']);
});

test('disable-next-line: joins an existing comment (before its reason), and does nothing when the rule is listed', () => {
  const line = positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch', 'PublicA:').line;
  const lines = AUTO_IP_YAML.split('\n');
  lines.splice(line, 0, '      # exposure-lint-disable-next-line backend-in-public-subnet -- reviewed');
  const withComment = lines.join('\n');
  const edit = disableLineEdit(FILE, withComment, line + 1, RULE)!;
  const text = applyEdits(withComment, [edit]);
  assert.equal(text.split('\n')[line], `      # exposure-lint-disable-next-line backend-in-public-subnet, ${RULE} -- reviewed`);
  assert.deepEqual(resourcesWithFinding(text), ['PublicB']);
  assert.equal(disableLineEdit(FILE, text, line + 1, RULE), undefined);
});

test('disable-next-line keeps CRLF line ends', () => {
  const crlf = AUTO_IP_YAML.replaceAll('\n', '\r\n');
  const line = positionOf(AUTO_IP_YAML, 'MapPublicIpOnLaunch', 'PublicB:').line;
  const text = applyEdits(crlf, [disableLineEdit(FILE, crlf, line, RULE)!]);
  assert.equal(text.split('\r\n')[line], `      # exposure-lint-disable-next-line ${RULE}`);
  assert.ok(!/[^\r]\n/.test(text));
  assert.deepEqual(resourcesWithFinding(text), ['PublicA']);
});

test('Metadata: added to a resource without one (YAML and JSON)', () => {
  const yaml = applyEdits(AUTO_IP_YAML, suppressInMetadataEdits(FILE, AUTO_IP_YAML, 'PublicA', RULE));
  assert.ok(yaml.includes(`      MapPublicIpOnLaunch: true\n    Metadata:\n      exposure-lint:\n        suppress:\n          ${RULE}: "${SUPPRESS_REASON}"\n  PublicB:`), yaml);
  assert.deepEqual(resourcesWithFinding(yaml), ['PublicB']);
  const json = applyEdits(AUTO_IP_JSON, suppressInMetadataEdits('/ws/net.json', AUTO_IP_JSON, 'PublicA', RULE));
  assert.deepEqual(JSON.parse(json).Resources.PublicA.Metadata, { 'exposure-lint': { suppress: { [RULE]: SUPPRESS_REASON } } });
  assert.deepEqual(resourcesWithFinding(json, '/ws/net.json'), []);
});

test('Metadata: extends what is there (other metadata, a suppress map, a suppress list); nothing when already suppressed', () => {
  const metadata = (block: string) => AUTO_IP_YAML.replace('      MapPublicIpOnLaunch: true\n  PublicB:', `      MapPublicIpOnLaunch: true\n    Metadata:\n${block}  PublicB:`);
  const other = metadata('      Owner: network-team\n');
  assert.ok(applyEdits(other, suppressInMetadataEdits(FILE, other, 'PublicA', RULE)).includes(`    Metadata:\n      Owner: network-team\n      exposure-lint:\n        suppress:\n          ${RULE}: "${SUPPRESS_REASON}"\n`));
  const map = metadata('      exposure-lint:\n        suppress:\n          backend-in-public-subnet: shared bastion subnet\n');
  const mapped = applyEdits(map, suppressInMetadataEdits(FILE, map, 'PublicA', RULE));
  assert.ok(mapped.includes(`          backend-in-public-subnet: shared bastion subnet\n          ${RULE}: "${SUPPRESS_REASON}"\n`), mapped);
  assert.deepEqual(resourcesWithFinding(mapped), ['PublicB']);
  const list = metadata('      exposure-lint:\n        suppress:\n          - backend-in-public-subnet\n');
  const listed = applyEdits(list, suppressInMetadataEdits(FILE, list, 'PublicA', RULE));
  assert.ok(listed.includes(`          - backend-in-public-subnet\n          - ${RULE}\n`), listed);
  assert.deepEqual(resourcesWithFinding(listed), ['PublicB']);
  assert.deepEqual(suppressInMetadataEdits(FILE, listed, 'PublicA', RULE), []);
  assert.deepEqual(suppressInMetadataEdits(FILE, mapped, 'PublicA', RULE), []);
});

test('Metadata: no edit for an unknown resource, an intrinsic Metadata, or a template that does not parse', () => {
  assert.deepEqual(suppressInMetadataEdits(FILE, AUTO_IP_YAML, 'Nope', RULE), []);
  const intrinsic = AUTO_IP_YAML.replace('      MapPublicIpOnLaunch: true\n  PublicB:', '      MapPublicIpOnLaunch: true\n    Metadata: !If [Cond, {}, {}]\n  PublicB:');
  assert.deepEqual(suppressInMetadataEdits(FILE, intrinsic, 'PublicA', RULE), []);
  assert.deepEqual(suppressInMetadataEdits(FILE, AUTO_IP_YAML.replace('CidrBlock: 10.0.0.0/24', 'CidrBlock: [10.0.0.0/24'), 'PublicA', RULE), []);
});

test('minimalEdit: one replacement covering only what changed', () => {
  assert.deepEqual(minimalEdit('f', 'a: true\nb: true\n', 'a: false\nb: true\n'), { file: 'f', span: { start: 3, end: 6 }, newText: 'fals' });
  assert.deepEqual(minimalEdit('f', 'x', 'x'), undefined);
  const before = 'a: true\r\nb: 1\r\n';
  const after = 'a: true\r\n# c\r\nb: 1\r\n';
  const edit = minimalEdit('f', before, after)!;
  assert.equal(applyEdits(before, [edit]), after);
  assert.ok(!(before[edit.span.start - 1] === '\r' && before[edit.span.start] === '\n'), 'never splits CRLF');
});
