// YAML source tree: flow collections and tagged values as block-sequence items keep their shape and spans.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/source/yaml-parse';
import { Node, toPlain } from '../../server/src/source/tree';

function rootOf(text: string): Node | undefined {
  const file = parseYaml('t.yaml', text);
  assert.deepEqual(file.problems, []);
  return file.root;
}

test('flow maps and flow lists as block-sequence items are the items themselves, not wrapped', () => {
  const text = 'Ingress:\n  - {IpProtocol: tcp, CidrIp: 0.0.0.0/0}\n  - [a, b]\n  - plain\n  - []\n';
  const root = rootOf(text);
  assert.deepEqual(toPlain(root), { Ingress: [{ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }, ['a', 'b'], 'plain', []] });
  const list = root?.kind === 'map' ? root.pairs[0].value : undefined;
  assert.ok(list?.kind === 'seq');
  assert.deepEqual(
    list.items.map((item) => text.slice(item.span.start, item.span.end)),
    ['{IpProtocol: tcp, CidrIp: 0.0.0.0/0}', '[a, b]', 'plain', '[]'],
  );
});

test('a short-form tag over a block list whose items are flow collections', () => {
  const text = 'P: !If\n  - Cond\n  - [{CidrIp: 0.0.0.0/0}]\n  - []\n';
  const root = rootOf(text);
  assert.deepEqual(toPlain(root), { P: { 'Fn::If': ['Cond', [{ CidrIp: '0.0.0.0/0' }], []] } });
  const value = root?.kind === 'map' ? root.pairs[0].value : undefined;
  assert.equal(value && text.slice(value.span.start, value.span.end), '!If\n  - Cond\n  - [{CidrIp: 0.0.0.0/0}]\n  - []');
});

test('tagged flow items, anchors and aliases inside block lists', () => {
  const text = 'L:\n  - !Ref [X]\n  - &a {k: 1}\n  - *a\n  - !GetAtt A.B\n';
  assert.deepEqual(toPlain(rootOf(text)), { L: [{ Ref: ['X'] }, { k: 1 }, { k: 1 }, { 'Fn::GetAtt': 'A.B' }] });
});

test('a YAML document that is one flow map after a comment', () => {
  assert.deepEqual(toPlain(rootOf('# header\n{Resources: {A: {Type: AWS::EC2::VPC}}}\n')), { Resources: { A: { Type: 'AWS::EC2::VPC' } } });
});

test('preprocessor tags (!Rain::Embed, !ValueOf) are kept as an unknown intrinsic named by the tag, not a syntax error', () => {
  const text = 'A: !Rain::Embed script.sh\nB: !ValueOf [Param, Key]\nC: !Ref X\n';
  const root = rootOf(text);
  assert.deepEqual(toPlain(root), { A: { '!Rain::Embed': 'script.sh' }, B: { '!ValueOf': ['Param', 'Key'] }, C: { Ref: 'X' } });
  const a = root?.kind === 'map' ? root.pairs[0].value : undefined;
  assert.equal(a && text.slice(a.span.start, a.span.end), '!Rain::Embed script.sh');
});
