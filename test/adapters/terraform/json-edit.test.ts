// json-edit (the text edits under the Terraform writer): indentation, line endings, compact containers, removals.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../server/src/source/json-parse';
import { MapNode, Node, SeqNode, getValue } from '../../../server/src/source/tree';
import { SpanEdit, appendItem, eolOf, findMember, indentUnit, insertPair, removeMember, replaceValue } from '../../../server/src/adapters/json-edit';

function apply(text: string, edit: SpanEdit): string {
  const out = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  JSON.parse(out);
  return out;
}

function root(text: string): Node {
  const file = parseJson('t.json', text);
  assert.ok(file.root, 'parses');
  return file.root!;
}

const map = (node: Node | undefined) => node as MapNode;
const seq = (node: Node | undefined) => node as SeqNode;

test('insertPair follows the members\' indentation: spaces, tabs, CRLF', () => {
  const spaces = '{\n    "a": {\n        "x": 1\n    }\n}\n';
  assert.equal(apply(spaces, insertPair(spaces, map(getValue(root(spaces), 'a')), 'y', { z: [1, 2] })), '{\n    "a": {\n        "x": 1,\n        "y": {\n            "z": [1, 2]\n        }\n    }\n}\n');
  const tabs = '{\n\t"a": {\n\t\t"x": 1\n\t}\n}\n';
  assert.equal(indentUnit(tabs), '\t');
  assert.equal(apply(tabs, insertPair(tabs, map(getValue(root(tabs), 'a')), 'y', true)), '{\n\t"a": {\n\t\t"x": 1,\n\t\t"y": true\n\t}\n}\n');
  const crlf = '{\r\n  "a": {\r\n    "x": 1\r\n  }\r\n}\r\n';
  assert.equal(eolOf(crlf), '\r\n');
  assert.equal(apply(crlf, insertPair(crlf, map(getValue(root(crlf), 'a')), 'y', { k: 'v' })), '{\r\n  "a": {\r\n    "x": 1,\r\n    "y": {\r\n      "k": "v"\r\n    }\r\n  }\r\n}\r\n');
});

test('one-line containers stay on one line; empty ones are filled in the file\'s style', () => {
  const text = '{\n  "a": {"x": 1},\n  "b": {},\n  "c": []\n}\n';
  const r = root(text);
  assert.equal(apply(text, insertPair(text, map(getValue(r, 'a')), 'y', { z: 1 })), '{\n  "a": {"x": 1, "y": {"z": 1}},\n  "b": {},\n  "c": []\n}\n');
  assert.equal(apply(text, insertPair(text, map(getValue(r, 'b')), 'y', 2)), '{\n  "a": {"x": 1},\n  "b": {\n    "y": 2\n  },\n  "c": []\n}\n');
  assert.equal(apply(text, appendItem(text, seq(getValue(r, 'c')), 'v')), '{\n  "a": {"x": 1},\n  "b": {},\n  "c": [\n    "v"\n  ]\n}\n');
  const flat = '{"a": {"x": 1}}';
  assert.equal(apply(flat, insertPair(flat, map(getValue(root(flat), 'a')), 'y', [1, { k: 2 }])), '{"a": {"x": 1, "y": [1, {"k": 2}]}}');
});

test('removeMember: first, middle, last and only members, with their commas and lines', () => {
  const text = '{\n  "list": [\n    "a",\n    "b",\n    "c"\n  ],\n  "one": ["x"]\n}\n';
  const list = seq(getValue(root(text), 'list'));
  assert.equal(apply(text, removeMember(text, list, 0)), '{\n  "list": [\n    "b",\n    "c"\n  ],\n  "one": ["x"]\n}\n');
  assert.equal(apply(text, removeMember(text, list, 1)), '{\n  "list": [\n    "a",\n    "c"\n  ],\n  "one": ["x"]\n}\n');
  assert.equal(apply(text, removeMember(text, list, 2)), '{\n  "list": [\n    "a",\n    "b"\n  ],\n  "one": ["x"]\n}\n');
  assert.equal(apply(text, removeMember(text, seq(getValue(root(text), 'one')), 0)), '{\n  "list": [\n    "a",\n    "b",\n    "c"\n  ],\n  "one": []\n}\n');
  const pairs = map(root(text));
  assert.equal(apply(text, removeMember(text, pairs, 1)), '{\n  "list": [\n    "a",\n    "b",\n    "c"\n  ]\n}\n');
});

test('replaceValue renders multi-line values at the value\'s line indentation; findMember finds pairs by key or pair span', () => {
  const text = '{\n  "a": {\n    "x": 1\n  }\n}\n';
  const r = root(text);
  const a = map(getValue(r, 'a'));
  const x = a.pairs[0];
  assert.equal(apply(text, replaceValue(text, x.value, { deep: { list: ['p', 'q'] } }, a)), '{\n  "a": {\n    "x": {\n      "deep": {\n        "list": ["p", "q"]\n      }\n    }\n  }\n}\n');
  assert.deepEqual(findMember(r, x.key.span), { container: a, index: 0 });
  assert.deepEqual(findMember(r, x.span), { container: a, index: 0 });
  assert.equal(findMember(r, { start: 0, end: 1 }), undefined);
});
