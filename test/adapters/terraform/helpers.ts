// Test helpers for the Terraform adapter: load fixture modules, build models, lint them, read spans.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJson } from '../../../server/src/source/json-parse';
import { buildTerraformModel } from '../../../server/src/adapters/terraform';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { LintResult } from '../../../server/src/engine/lint';
import { Config, defaultConfig } from '../../../server/src/engine/types';
import { Model } from '../../../server/src/model/types';

export { alts, entity, textAt } from '../../helpers/model';

/** The project root, from out/test/adapters/terraform or test/adapters/terraform. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export function fixtureDir(name: string): string {
  return path.join(ROOT, 'test', 'adapters', 'terraform', 'fixtures', name);
}

/** The *.tf.json files of a folder (a module), sorted, with their texts. */
export function moduleFiles(dir: string): { path: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.tf.json'))
    .sort()
    .map((n) => ({ path: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}

export function modelOfFiles(files: { path: string; text: string }[]): { model: Model; texts: Map<string, string> } {
  return { model: buildTerraformModel(files.map((f) => parseJson(f.path, f.text))), texts: new Map(files.map((f) => [f.path, f.text])) };
}

/** A one-file module from text (the path only names it). */
export function modelOf(text: string, name = 'main.tf.json'): { model: Model; text: string } {
  return { model: modelOfFiles([{ path: name, text }]).model, text };
}

export function fixtureModel(name: string): { model: Model; texts: Map<string, string>; files: { path: string; text: string }[] } {
  const files = moduleFiles(fixtureDir(name));
  return { ...modelOfFiles(files), files };
}

export function lintFiles(files: { path: string; text: string }[], config: Config = defaultConfig()): LintResult {
  return lintTerraformFiles(files, config);
}
