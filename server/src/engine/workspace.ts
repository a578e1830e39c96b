// Finds what to lint under the paths a user gives (CloudFormation files, Terraform modules, CDK assemblies) and lints each.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SourceFile } from '../source/tree';
import { LIMITS } from '../source/limits';
import { findConfig, isIgnored, mergeConfig } from './config';
import { lintText, LintResult } from './lint';
import { gitRoot, lintTerraformFiles } from './lint-terraform';
import { initHcl } from '../adapters/terraform/hcl/parser';
import { lintCloudAssembly } from './lint-cdk';
import { Config, defaultConfig, Finding } from './types';

export type TargetKind = 'cloudformation' | 'terraform' | 'cdk';

export interface FileResult {
  /** The template file, Terraform module folder or cloud assembly folder that was linted. */
  path: string;
  kind: TargetKind;
  findings: Finding[];
  /** Parsed sources the findings point into (for offset -> line conversion and fixes). */
  files: SourceFile[];
  /** The linter itself failed on this target: an internal error, never a finding about the template. */
  error?: string;
  /** The config the target was linted with (fixes re-lint with it). */
  config: Config;
}

export interface LintPathsOptions {
  /** Used for every target; when absent the nearest config file above each target applies. */
  config?: Config;
  /** Applied on top of whichever config is used (the CLI's --rule flags). */
  overrides?: Partial<Config>;
}

/** One unit of work: what lintTarget needs to lint it again (after fixes, in conformance workers). */
export interface Target {
  kind: TargetKind;
  path: string;
  /** Terraform: the module's *.tf and *.tf.json files. */
  files?: string[];
  /** Named on the command line: a non-template is reported instead of skipped. */
  explicit: boolean;
  /** Terraform: the folder local child modules must stay inside (the repository, else the path given). */
  root?: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
/** A Terraform configuration file: HCL (*.tf) or JSON (*.tf.json). */
export const TERRAFORM_EXT = /\.tf(\.json)?$/i;

export class MissingPathError extends Error {}

/** Lint files and folders; throws MissingPathError for a path that does not exist. */
export async function lintPaths(paths: string[], options: LintPathsOptions = {}): Promise<{ results: FileResult[] }> {
  const targets = discoverTargets(paths);
  if (targets.some((t) => t.kind === 'terraform')) await initHcl();
  const configs = new Map<string, Config>();
  const results: FileResult[] = [];
  for (const target of targets) {
    const base = options.config ?? configFor(target, configs);
    const config = options.overrides ? mergeConfig(base, options.overrides) : base;
    if (!target.explicit && isIgnored(target.path, config)) continue;
    if (target.explicit && target.kind !== 'terraform' && isIgnored(target.path, config)) continue;
    const result = lintTarget(target, config);
    if (result) results.push(result);
  }
  return { results };
}

function configFor(target: Target, cache: Map<string, Config>): Config {
  const dir = target.kind === 'cloudformation' ? dirname(resolve(target.path)) : resolve(target.path);
  let config = cache.get(dir);
  if (!config) {
    config = findConfig(dir)?.config ?? defaultConfig();
    cache.set(dir, config);
  }
  return config;
}

/** Expand the given paths into lint targets, in a stable order. */
export function discoverTargets(paths: string[]): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const terraform = new Map<string, { files: Set<string>; explicit: boolean; root?: string }>();
  const add = (target: Target) => {
    const key = `${target.kind}:${resolve(target.path)}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };
  let root: string | undefined;
  const addTerraform = (file: string, explicit: boolean) => {
    const dir = dirname(file);
    const entry = terraform.get(dir) ?? { files: new Set<string>(), explicit: false, root };
    entry.files.add(file);
    entry.explicit ||= explicit;
    terraform.set(dir, entry);
  };
  const walk = (dir: string) => {
    if (isCloudAssembly(dir)) return add({ kind: 'cdk', path: dir, explicit: false });
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // unreadable folder: nothing we can lint
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue; // dangling link
      }
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full);
      } else if (TERRAFORM_EXT.test(name)) addTerraform(full, false);
      else if (TEMPLATE_EXT.test(name)) add({ kind: 'cloudformation', path: full, explicit: false });
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new MissingPathError(`No such file or folder: ${path}`);
    }
    root = gitRoot(stat.isDirectory() ? path : dirname(path)) ?? resolve(stat.isDirectory() ? path : dirname(path));
    if (stat.isDirectory()) {
      if (isCloudAssembly(path)) add({ kind: 'cdk', path, explicit: true });
      else walk(path);
    } else if (TERRAFORM_EXT.test(path)) addTerraform(path, true);
    else add({ kind: 'cloudformation', path, explicit: true });
  }
  // A Terraform module is every *.tf and *.tf.json file of its folder, read together (references cross files).
  for (const [dir, entry] of terraform) {
    if (entry.explicit) {
      for (const name of safeReaddir(dir)) if (TERRAFORM_EXT.test(name)) entry.files.add(join(dir, name));
    }
    add({ kind: 'terraform', path: dir, files: [...entry.files].sort(), explicit: entry.explicit, ...(entry.root ? { root: entry.root } : {}) });
  }
  return targets;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A CDK cloud assembly: a folder whose manifest.json lists artifacts. */
export function isCloudAssembly(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  try {
    if (!statSync(manifest).isFile()) return false;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.version === 'string' && typeof parsed.artifacts === 'object';
  } catch {
    return false;
  }
}

/** Lint one target; undefined when it is not something we lint (a non-template in directory mode). */
export function lintTarget(target: Target, config: Config, texts?: Map<string, string>): FileResult | undefined {
  const base = { path: target.path, kind: target.kind, config };
  try {
    if (target.kind === 'cdk') return { ...base, ...pick(lintCloudAssembly(target.path, config)) };
    if (target.kind === 'terraform') {
      const files = (target.files ?? []).map((path) => ({ path, text: texts?.get(path) ?? readFileSync(path, 'utf8') }));
      const result = lintTerraformFiles(files, config, { ...(target.root ? { root: target.root } : {}), ...(texts ? { texts } : {}) });
      if (!result.isTemplate && !target.explicit) return undefined;
      // Named on the command line but holding no Terraform blocks: say so rather than pass silently.
      if (!result.isTemplate) return { ...base, files: result.files, findings: [...result.findings, notTerraform(target.files?.[0] ?? target.path)] };
      return { ...base, ...pick(result) };
    }
    const text = texts?.get(target.path) ?? readTemplateText(target.path);
    const result = lintText(target.path, text, config);
    if (!result.isTemplate) {
      if (!target.explicit) return undefined;
      return { ...base, files: result.files, findings: [...result.findings, notATemplate(target.path, result)] };
    }
    return { ...base, ...pick(result) };
  } catch (error) {
    return { ...base, findings: [], files: [], error: describeError(error) };
  }
}

function pick(result: LintResult): { findings: Finding[]; files: SourceFile[] } {
  return { findings: result.findings, files: result.files };
}

/** Files over the size limit are not read whole: the parser reports them from a prefix. */
function readTemplateText(path: string): string {
  const size = statSync(path).size;
  if (size <= LIMITS.maxFileBytes) return readFileSync(path, 'utf8');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(LIMITS.maxFileBytes + 1);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function notATemplate(path: string, result: LintResult): Finding {
  const already = result.findings.length > 0;
  return {
    ruleId: 'parse-error',
    severity: 'warning',
    message: already ? `${basename(path)} could not be read as a template; nothing checked` : `${basename(path)} is not a CloudFormation template (no Resources with AWS:: types); nothing checked`,
    resource: '',
    loc: { file: path, span: { start: 0, end: 0 } },
    path: [],
    fixes: [],
  };
}

function notTerraform(path: string): Finding {
  return {
    ruleId: 'parse-error',
    severity: 'warning',
    message: `${basename(path)} has no Terraform blocks (resource, variable, locals, ...); nothing checked`,
    resource: '',
    loc: { file: path, span: { start: 0, end: 0 } },
    path: [],
    fixes: [],
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
