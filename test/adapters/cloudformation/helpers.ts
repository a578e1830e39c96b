// Test helpers for the CloudFormation adapter: load fixtures, build models, apply text edits, read spans.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSource } from '../../../server/src/source/parse';
import { SourceFile } from '../../../server/src/source/tree';
import { buildCloudFormationModel } from '../../../server/src/adapters/cloudformation';
import { Model, TextEdit } from '../../../server/src/model/types';

export { alts, entity, textAt } from '../../helpers/model';

/** The project root, from out/test/adapters/cloudformation or test/adapters/cloudformation. */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export function fixturePath(name: string): string {
  return path.join(ROOT, 'test', 'fixtures', 'cloudformation', name);
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

export function modelOf(name: string, text: string): { file: SourceFile; model: Model } {
  const file = parseSource(name, text);
  return { file, model: buildCloudFormationModel(file) };
}

export function fixtureModel(name: string): { file: SourceFile; model: Model; text: string } {
  const text = readFixture(name);
  return { ...modelOf(name, text), text };
}

/** Applies non-overlapping edits (fails the test when two overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].span.start < sorted[i - 1].span.end) throw new Error(`overlapping edits at ${sorted[i].span.start}`);
  }
  let out = text;
  for (const e of sorted.reverse()) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
