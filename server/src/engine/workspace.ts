// Finds what to lint under the paths a user gives (CloudFormation files, Terraform modules, CDK assemblies) and lints each.
import { basename, dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SourceFile } from '../source/tree';
import { TARGET_TIME_BUDGET_MS } from '../source/limits';
import { isReadError, readFailure, readTextFile } from '../source/read-file';
import { discoverTargets, Target, TargetKind } from './discover';
import { findConfig, isIgnored, mergeConfig } from './config';
import { lintText, LintResult, severityFor } from './lint';
import { lintTerraformFiles } from './lint-terraform';
import { initHcl } from '../adapters/terraform/hcl/parser';
import { lintCloudAssembly } from './lint-cdk';
import { Config, defaultConfig, Finding } from './types';

export { discoverTargets, discoverTargetsAsync, isCloudAssembly, MissingPathError } from './discover';
export type { DiscoverOptions, Target, TargetKind } from './discover';

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

/** Lint one target; undefined when it is not something we lint (a non-template in directory mode). */
export function lintTarget(target: Target, config: Config, texts?: Map<string, string>): FileResult | undefined {
  const started = performance.now();
  const result = lintTargetUntimed(target, config, texts);
  const elapsed = performance.now() - started;
  // Every step is meant to be linear; a target this slow is a bug or an attack, and the user hears of it.
  if (result && elapsed > TARGET_TIME_BUDGET_MS) {
    const file = target.kind === 'terraform' ? target.files?.[0] ?? target.path : target.path;
    result.findings.push(readProblem(file, `took ${Math.round(elapsed / 1000)} s to lint (budget ${TARGET_TIME_BUDGET_MS / 1000} s); please report this file`, config, 'warning'));
  }
  return result;
}

function lintTargetUntimed(target: Target, config: Config, texts?: Map<string, string>): FileResult | undefined {
  const base = { path: target.path, kind: target.kind, config };
  if (target.refused) return { ...base, files: [], findings: [readProblem(target.path, target.refused, config)] };
  try {
    if (target.kind === 'cdk') return { ...base, ...pick(lintCloudAssembly(target.path, config)) };
    if (target.kind === 'terraform') {
      const files: { path: string; text: string }[] = [];
      const refused: Finding[] = [];
      for (const path of target.files ?? []) {
        const open = texts?.get(path);
        if (open !== undefined) files.push({ path, text: open });
        else {
          try {
            files.push({ path, text: readTextFile(path, { truncate: true }) });
          } catch (error) {
            if (!isReadError(error)) throw error;
            refused.push(readProblem(path, readFailure(error), config));
          }
        }
      }
      const result = lintTerraformFiles(files, config, { ...(target.root ? { root: target.root } : {}), ...(texts ? { texts } : {}) });
      result.findings.unshift(...refused);
      if (!result.isTemplate && !target.explicit && !refused.length) return undefined;
      // Named on the command line but holding no Terraform blocks: say so rather than pass silently.
      if (!result.isTemplate && !refused.length) return { ...base, files: result.files, findings: [...result.findings, notTerraform(target.files?.[0] ?? target.path)] };
      return { ...base, ...pick(result) };
    }
    let text = texts?.get(target.path);
    if (text === undefined) {
      try {
        text = readTextFile(target.path, { truncate: true });
      } catch (error) {
        if (!isReadError(error)) throw error;
        return { ...base, files: [], findings: [readProblem(target.path, readFailure(error), config)] };
      }
    }
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

/** A file found but not read (or read too slowly): a parse-error finding at its start, at the configured severity. */
function readProblem(path: string, reason: string, config: Config, fallback: 'error' | 'warning' = 'error'): Finding {
  return {
    ruleId: 'parse-error',
    severity: severityFor('parse-error', fallback, config) ?? fallback,
    message: `${basename(path)}: ${reason}`,
    resource: '',
    loc: { file: path, span: { start: 0, end: 0 } },
    path: [],
    fixes: [],
  };
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
