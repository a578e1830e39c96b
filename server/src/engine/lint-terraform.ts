// Lints one Terraform JSON module (the *.tf.json files of one folder, read together). PLACEHOLDER.
import { Config, defaultConfig } from './types';
import { LintResult } from './lint';

export function lintTerraformFiles(files: { path: string; text: string }[], config: Config = defaultConfig()): LintResult {
  throw new Error(`not implemented (${files.length} files, ${Object.keys(config.rules).length} settings)`);
}
