// Lints one Terraform module: the *.tf and *.tf.json files of one folder, read together as Terraform does.
import { parseJson } from '../source/json-parse';
import { parseHcl } from '../adapters/terraform/hcl/convert';
import { SourceFile } from '../source/tree';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VARIABLE_FILE, buildTerraformModel, isTerraformJson } from '../adapters/terraform';
import { Config, defaultConfig, Finding } from './types';
import { LintResult, lintModel, severityFor, sortFindings } from './lint';

export interface TerraformLintOptions {
  /**
   * Variable files (terraform.tfvars[.json], *.auto.tfvars[.json]) whose values replace defaults. When absent,
   * the ones beside the module's files on disk are read, as Terraform does.
   */
  varFiles?: { path: string; text: string }[];
}

export function lintTerraformFiles(files: { path: string; text: string }[], config: Config = defaultConfig(), options: TerraformLintOptions = {}): LintResult {
  const varFiles = (options.varFiles ?? variableFilesBeside(files)).map((f) => ({ ...f, root: parseTerraform(f.path, f.text).root }));
  const parsed = files.map((f) => parseTerraform(f.path, f.text));
  const findings: Finding[] = [];
  const readable: SourceFile[] = [];
  let isTemplate = false;
  for (const file of parsed) {
    for (const problem of file.problems) {
      findings.push({
        ruleId: 'parse-error',
        severity: severityFor('parse-error', problem.severity, config) ?? problem.severity,
        message: problem.message,
        resource: '',
        loc: { file: file.path, span: problem.span },
        path: [],
        fixes: [],
      });
    }
    // A *.tf.json file that cannot be read is still Terraform: its problems are findings.
    if (!file.root || file.problems.some((p) => p.severity === 'error')) {
      isTemplate = true;
      continue;
    }
    // A .tf file is Terraform by its name (even one holding only comments); a .json one by its keys.
    if (file.format !== 'hcl' && !isTerraformJson(file.root)) continue;
    isTemplate = true;
    readable.push(file);
  }
  if (!readable.length) return { isTemplate, findings: sortFindings(findings), files: parsed };
  const model = buildTerraformModel(readable, varFiles);
  return { isTemplate, findings: sortFindings([...findings, ...lintModel(model, config)]), files: parsed };
}

/** The variable files Terraform would load for the folder of these files (none when it is not on disk). */
function variableFilesBeside(files: { path: string }[]): { path: string; text: string }[] {
  const dir = files.length ? dirname(files[0].path) : undefined;
  if (!dir || !existsSync(dir)) return [];
  const out: { path: string; text: string }[] = [];
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (VARIABLE_FILE.test(name) && statSync(path).isFile()) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  } catch {
    return out; // an unreadable folder or file: defaults stand
  }
  return out;
}

/** HCL (.tf, .tfvars) or JSON (.tf.json, .tfvars.json), by the file name. */
export function parseTerraform(path: string, text: string): SourceFile {
  return /\.json$/i.test(path) ? parseJson(path, text) : parseHcl(path, text);
}
