// Every registered rule has its docs (with the required sections), bad and good fixtures and a test.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules';
import { projectRoot } from './rule-harness';

const SECTIONS = ['What', 'Why', 'Bad', 'Good', 'Fix', 'Suppress'];

test('rule ids are unique and match their folders', () => {
  const ids = RULES.map((rule) => rule.meta.id);
  assert.deepEqual([...new Set(ids)], ids);
  for (const rule of RULES) assert.equal(rule.meta.docs, `rules/${rule.meta.id}/${rule.meta.id}.md`);
});

for (const rule of RULES) {
  test(`${rule.meta.id} has docs, fixtures and a test`, () => {
    const dir = join(projectRoot(), 'rules', rule.meta.id);
    const doc = join(dir, `${rule.meta.id}.md`);
    assert.ok(existsSync(doc), `missing ${doc}`);
    const text = readFileSync(doc, 'utf8');
    for (const section of SECTIONS) assert.match(text, new RegExp(`^#{1,4}\\s*${section}\\b`, 'm'), `${doc} lacks a "${section}" section`);
    assert.ok(existsSync(join(dir, 'fixtures', 'bad.yaml')), 'missing fixtures/bad.yaml');
    assert.ok(existsSync(join(dir, 'fixtures', 'good.yaml')), 'missing fixtures/good.yaml');
    assert.ok(readdirSync(join(dir, 'fixtures')).some((name) => name.endsWith('.json')), 'missing a .json fixture');
    assert.ok(existsSync(join(dir, `${rule.meta.id}.test.ts`)), 'missing test file');
    assert.ok(rule.meta.description.length > 10, 'description too short');
  });
}
