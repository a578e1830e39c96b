// JSON source tree: the strict one-pass reader builds exactly what the jsonc-parser path builds, and hands anything else over.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseStrictJson } from '../../server/src/source/json-fast';
import { parseJson, parseWithJsonc } from '../../server/src/source/json-parse';
import { computeLineStarts, SourceFile } from '../../server/src/source/tree';

function viaJsonc(text: string): SourceFile {
  return parseWithJsonc({ path: 't.json', text, format: 'json', root: undefined, problems: [], lineStarts: computeLineStarts(text) });
}

const SAME = [
  '{}',
  '[]',
  ' \r\n\t{ "a" : [ ] , "b" : { } }\n',
  '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}}',
  '{"s": "quote \\" backslash \\\\ slash \\/ newline \\n tab \\t unicode \\u00e9 \\ud83d\\ude00", "raw": "café ☕"}',
  '{"n": [0, -0, 1, -12, 3.25, 1e5, 1E+2, 2.5e-3, 12345678901234567890]}',
  '{"t": true, "f": false, "z": null, "nested": [[1, [2, [3]]], {"a": {"b": {"c": "d"}}}]}',
  '{"Type": "a", "Type": "b", "x": {"k": 1, "k": 2}}',
  '"just a string"',
  '42',
];

test('strict reader: same tree and duplicate keys as the jsonc-parser path', () => {
  for (const text of SAME) {
    const strict = parseStrictJson(text);
    assert.ok(strict, `strict reader gave up on ${text}`);
    const slow = viaJsonc(text);
    assert.deepEqual(strict.root, slow.root, text);
    assert.deepEqual(
      strict.duplicates.map((k) => k.span),
      slow.problems.map((p) => p.span),
      text,
    );
  }
});

test('strict reader gives up on what only jsonc reads or reports, and parseJson still answers as before', () => {
  const cases: [string, string[]][] = [
    ['{"a": 1, // note\n "b": 2}', []],
    ['{"a": 1 /* block */}', []],
    ['{"a": 1,}', ['JSON syntax error: property name expected']],
    ['{"a": [1, 2,]}', ['JSON syntax error: value expected']],
    ["{'a': 1}", ['JSON syntax error: invalid symbol']],
    ['{"a": 01}', ['JSON syntax error: comma expected']],
    ['{"a": "line\nbreak"}', ['JSON syntax error: unexpected end of string']],
    ['{"a": truex}', ['JSON syntax error: invalid symbol']],
    ['{"a": 1} {"b": 2}', ['JSON syntax error: end of file expected']],
    ['{"a": ', ['JSON syntax error: value expected']],
    ['', ['JSON syntax error: value expected']],
  ];
  for (const [text, messages] of cases) {
    assert.equal(parseStrictJson(text), undefined, text);
    const file = parseJson('t.json', text);
    assert.deepEqual(file.problems.map((p) => p.message), messages, text);
    assert.deepEqual(file, viaJsonc(text), text);
  }
});
