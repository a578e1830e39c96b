// Lints one Terraform JSON module: the *.tf.json files of one folder, read together as Terraform does.
import { parseJson } from '../source/json-parse';
import { Node, SourceFile, Span } from '../source/tree';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isWithin, realOrResolved } from '../source/confine';
import { readFailure, readTextFile } from '../source/read-file';
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
  const findings: Finding[] = [];
  const problem = (file: string, message: string, span = { start: 0, end: 0 }, severity: 'error' | 'warning' = 'error') =>
    findings.push({ ruleId: 'parse-error', severity: severityFor('parse-error', severity, config) ?? severity, message, resource: '', loc: { file, span }, path: [], fixes: [] });
  const beside = options.varFiles ? { files: options.varFiles, refused: [] } : variableFilesBeside(files);
  for (const refused of beside.refused) problem(refused.path, refused.message);
  const varFiles = beside.files.map((f) => ({ ...f, root: /\.json$/i.test(f.path) ? readVarFile(f, problem) : undefined }));
  const parsed = files.map((f) => parseJson(f.path, f.text));
  const readable: SourceFile[] = [];
  let isTemplate = false;
  for (const file of parsed) {
    for (const problem of file.problems) {
      findings.push({
        ruleId: 'parse-error',
        severity: severityFor('parse-error', problem.reportAs ?? problem.severity, config) ?? problem.severity,
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
    if (!isTerraformJson(file.root)) continue;
    isTemplate = true;
    readable.push(file);
  }
  if (!readable.length) return { isTemplate, findings: sortFindings(findings), files: parsed };
  const model = buildTerraformModel(readable, varFiles);
  return { isTemplate, findings: sortFindings([...findings, ...lintModel(model, config)]), files: parsed };
}

/** A JSON variable file's values; a file Terraform would reject is said, and its values are not used. */
function readVarFile(file: { path: string; text: string }, problem: (file: string, message: string, span?: Span, severity?: 'error' | 'warning') => void): Node | undefined {
  const parsed = parseJson(file.path, file.text);
  for (const p of parsed.problems) problem(file.path, `${p.message}${p.severity === 'error' ? ' (Terraform rejects this variable file; its values are not used)' : ''}`, p.span, p.reportAs ?? p.severity);
  if (parsed.problems.some((p) => p.severity === 'error') || !parsed.root) return undefined;
  if (parsed.root.kind !== 'map') {
    problem(file.path, 'A variable file must hold a JSON object of variable values; its values are not used', parsed.root.span);
    return undefined;
  }
  return parsed.root;
}

/** The variable files Terraform would load for the folder of these files (none when it is not on disk), and those refused. */
export function variableFilesBeside(files: { path: string }[]): { files: { path: string; text: string }[]; refused: { path: string; message: string }[] } {
  const out = { files: [] as { path: string; text: string }[], refused: [] as { path: string; message: string }[] };
  const dir = files.length ? dirname(files[0].path) : undefined;
  if (!dir) return out;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out; // not on disk (an editor buffer) or unreadable: defaults stand
  }
  const realDir = realOrResolved(dir);
  for (const name of names) {
    if (!VARIABLE_FILE.test(name)) continue;
    const path = join(dir, name);
    // Variable files belong to the module: one linked in from elsewhere is not read.
    if (!isWithin(realDir, realOrResolved(path))) {
      out.refused.push({ path, message: `${name} is a link that leaves the module's folder; not read` });
      continue;
    }
    try {
      out.files.push({ path, text: readTextFile(path) });
    } catch (error) {
      out.refused.push({ path, message: `Cannot read variable file ${name}: ${readFailure(error)}; its values are not used` });
    }
  }
  return out;
}
