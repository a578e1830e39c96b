// Lints one Terraform module: the *.tf and *.tf.json files of one folder, read together as Terraform does.
import { parseJson } from '../source/json-parse';
import { parseHcl } from '../adapters/terraform/hcl/convert';
import { Node, SourceFile, Span } from '../source/tree';
import { Model } from '../model/types';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isWithin, realOrResolved } from '../source/confine';
import { readFailure, readTextFile } from '../source/read-file';
import { ModuleLoader, VARIABLE_FILE, buildTerraformModel, isTerraformJson } from '../adapters/terraform';
import { Config, defaultConfig, Finding } from './types';
import { LintResult, lintModel, severityFor, sortFindings } from './lint';

export interface TerraformLintOptions {
  /**
   * Variable files (terraform.tfvars[.json], *.auto.tfvars[.json]) whose values replace defaults. When absent,
   * the ones beside the module's files on disk are read, as Terraform does.
   */
  varFiles?: { path: string; text: string }[];
  /**
   * Local child modules (`source = "./modules/net"`) are read only inside this folder (default: the nearest
   * folder above the module holding `.git`, else the module's own folder); links leaving it are not followed.
   */
  root?: string;
  /** Texts of open documents, preferred to the disk when a child module's file is read. */
  texts?: Map<string, string>;
}

export function lintTerraformFiles(files: { path: string; text: string }[], config: Config = defaultConfig(), options: TerraformLintOptions = {}): LintResult {
  const module = readTerraformModule(files, config, options);
  const findings = module.model ? [...module.findings, ...lintModel(module.model, config)] : module.findings;
  return { isTemplate: module.isTemplate, findings: sortFindings(findings), files: module.files };
}

/** A module read as Terraform reads it: its model (when any file is readable), and the problems of reading it. */
export interface TerraformModule {
  isTemplate: boolean;
  model?: Model;
  /** Parse problems of the files and the variable files, as parse-error findings. */
  findings: Finding[];
  /** The module's files and the local child modules' files that were read. */
  files: SourceFile[];
}

/** Reads one module (its files, variable files and local child modules) into a model; the lint and the map share it. */
export function readTerraformModule(files: { path: string; text: string }[], config: Config = defaultConfig(), options: TerraformLintOptions = {}): TerraformModule {
  const findings: Finding[] = [];
  const problem = (file: string, message: string, span = { start: 0, end: 0 }, severity: 'error' | 'warning' = 'error') =>
    findings.push({ ruleId: 'parse-error', severity: severityFor('parse-error', severity, config) ?? severity, message, resource: '', loc: { file, span }, path: [], fixes: [] });
  const beside = options.varFiles ? { files: options.varFiles, refused: [] } : variableFilesBeside(files, options.texts);
  for (const refused of beside.refused) problem(refused.path, refused.message);
  const varFiles = beside.files.map((f) => ({ ...f, root: readVarFile(f, problem) }));
  const parsed = files.map((f) => parseTerraform(f.path, f.text));
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
    // A .tf file is Terraform by its name (even one holding only comments); a .json one by its keys.
    if (file.format !== 'hcl' && !isTerraformJson(file.root)) continue;
    isTemplate = true;
    readable.push(file);
  }
  if (!readable.length) return { isTemplate, findings, files: parsed };
  const dir = dirname(files[0].path);
  const loaded: SourceFile[] = [];
  const loader = existsSync(dir) ? childLoader(options.root ?? gitRoot(dir) ?? dir, loaded, options.texts) : undefined;
  const model = buildTerraformModel(readable, varFiles, loader);
  const seen = new Set(parsed.map((f) => f.path));
  const children = loaded.filter((f) => !seen.has(f.path) && (seen.add(f.path), true));
  return { isTemplate, model, findings, files: [...parsed, ...children] };
}


/** A variable file's values (HCL or JSON); a file Terraform would reject is said, and its values are not used. */
function readVarFile(file: { path: string; text: string }, problem: (file: string, message: string, span?: Span, severity?: 'error' | 'warning') => void): Node | undefined {
  const parsed = parseTerraform(file.path, file.text);
  for (const p of parsed.problems) problem(file.path, `${p.message}${p.severity === 'error' ? ' (Terraform rejects this variable file; its values are not used)' : ''}`, p.span, p.reportAs ?? p.severity);
  if (parsed.problems.some((p) => p.severity === 'error') || !parsed.root) return undefined;
  if (parsed.root.kind !== 'map') {
    problem(file.path, 'A variable file must hold a JSON object of variable values; its values are not used', parsed.root.span);
    return undefined;
  }
  return parsed.root;
}

/** The variable files Terraform would load for the folder of these files (none when it is not on disk), and those refused. */
function variableFilesBeside(files: { path: string }[], texts?: Map<string, string>): { files: { path: string; text: string }[]; refused: { path: string; message: string }[] } {
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
      out.files.push({ path, text: texts?.get(path) ?? readTextFile(path) });
    } catch (error) {
      out.refused.push({ path, message: `Cannot read variable file ${name}: ${readFailure(error)}; its values are not used` });
    }
  }
  return out;
}

/** HCL (.tf, .tfvars) or JSON (.tf.json, .tfvars.json), by the file name. */
export function parseTerraform(path: string, text: string): SourceFile {
  return /\.json$/i.test(path) ? parseJson(path, text) : parseHcl(path, text);
}

/** The nearest folder at or above `dir` holding `.git` (a repository's root). */
export function gitRoot(dir: string): string | undefined {
  for (let current = resolve(dir); ; ) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads local module sources from disk, never outside `root` (the real paths are compared, so links cannot leave it). */
function childLoader(root: string, loaded: SourceFile[], texts?: Map<string, string>): ModuleLoader {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return () => undefined;
  }
  const inside = (path: string) => {
    try {
      const real = realpathSync(path);
      return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
    } catch {
      return false;
    }
  };
  const cache = new Map<string, SourceFile[] | undefined>();
  return (callerFile, source) => {
    const dir = resolve(dirname(callerFile), source);
    if (cache.has(dir)) return cache.get(dir);
    let files: SourceFile[] | undefined;
    try {
      files = readChild(dir);
    } catch {
      files = undefined; // an unreadable folder or file: the module's outputs stay unknown
    }
    cache.set(dir, files);
    return files;
  };
  function readChild(dir: string): SourceFile[] | undefined {
    if (!inside(dir) || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
    const files: SourceFile[] = [];
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!/\.tf(\.json)?$/i.test(name) || !inside(path) || !statSync(path).isFile()) continue;
      const file = parseTerraform(path, texts?.get(path) ?? readTextFile(path));
      // A broken child file is reported when its own folder is linted; here the module reads without it.
      if (!file.root || file.problems.some((p) => p.severity === 'error')) continue;
      if (file.format !== 'hcl' && !isTerraformJson(file.root)) continue;
      files.push(file);
    }
    loaded.push(...files);
    return files;
  }
}
