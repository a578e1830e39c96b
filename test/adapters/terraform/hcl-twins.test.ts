// HCL and JSON read into one model: each fixture module written by hand in HCL gives the same entities
// (locations aside) and the same findings as its *.tf.json twin.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { lintTerraformFiles, parseTerraform } from '../../../server/src/engine/lint-terraform';
import { buildTerraformModel } from '../../../server/src/adapters/terraform';
import { fixtureDir } from './helpers';

test.before(() => initHcl());

function read(dir: string, suffix: string): { path: string; text: string }[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith(suffix)).sort().map((n) => ({ path: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}

/** A value with every location, file name and parse detail removed: what the model says, not where. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!/loc$|Loc$|^file$|^span$/i.test(k)) out[k] = strip(v);
    return out;
  }
  return value;
}

const TWINS: [string, string][] = [
  ['network', 'network'],
  ['default-vpc', 'default-vpc'],
  ['resources', 'resources'],
  ['forms', 'forms/object'],
];

for (const [hcl, json] of TWINS) {
  test(`HCL twin of ${json}: same entities and findings as the JSON`, () => {
    const hclFiles = read(fixtureDir(`hcl/${hcl}`), '.tf');
    const jsonFiles = read(fixtureDir(json), '.tf.json');
    const model = (files: { path: string; text: string }[]) => buildTerraformModel(files.map((f) => parseTerraform(f.path, f.text)));
    const [h, j] = [model(hclFiles), model(jsonFiles)];
    assert.deepEqual(h.problems.map((p) => p.message), []);
    assert.deepEqual([...h.byId.keys()].sort(), [...j.byId.keys()].sort());
    for (const id of j.byId.keys()) assert.deepEqual(strip(h.byId.get(id)), strip(j.byId.get(id)), id);
    const findings = (files: { path: string; text: string }[]) => lintTerraformFiles(files, undefined, { varFiles: [] }).findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`).sort();
    assert.deepEqual(findings(hclFiles), findings(jsonFiles));
  });
}
