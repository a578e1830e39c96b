// Lints a CDK cloud assembly (cdk.out): every stack template, findings mapped to the app's TypeScript/JavaScript source.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isReadError, readFailure, readTextFile } from '../source/read-file';
import { Span } from '../source/tree';
import { Config, defaultConfig, Finding } from './types';
import { LintResult, lintText, severityFor, sortFindings } from './lint';
import { AppSources, appForAssembly, appForSourceFile, isCloudAssemblyDir, mapFindingsToSource, readCdkApp, readCloudAssembly } from '../adapters/cdk';

export interface CloudAssemblyOptions {
  /** The CDK app folder (with cdk.json); default: the nearest one at or above the assembly. */
  appDir?: string;
  /** Source texts newer than the disk (open editor documents), by absolute path. */
  sourceTexts?: ReadonlyMap<string, string>;
}

/** True when `dir` is a cloud assembly (has a manifest.json with artifacts). */
export { isCloudAssemblyDir };

/**
 * Lint every stack template of the assembly in `dir` (nested stage assemblies included). Findings keep
 * their template location (loc) and, where the construct is found, carry constructPath, source and
 * fixes whose edits target the app's source file.
 */
export function lintCloudAssembly(dir: string, config: Config = defaultConfig(), options: CloudAssemblyOptions = {}): LintResult {
  const assembly = readCloudAssembly(dir);
  const app = options.appDir ? readCdkApp(options.appDir) ?? { dir: resolve(options.appDir), output: resolve(dir) } : appForAssembly(dir);
  const sources = new AppSources(app?.dir, app?.entry, options.sourceTexts);
  const result: LintResult = { isTemplate: true, findings: [], files: [] };
  for (const problem of assembly.problems) result.findings.push(problemFinding(problem.file, problem.message, config, problem.span));
  for (const stack of assembly.stacks) {
    let linted: LintResult;
    try {
      linted = lintTemplate(stack.templatePath, config);
    } catch (error) {
      if (!isReadError(error)) throw error;
      result.findings.push(problemFinding(stack.templatePath, `Cannot read the template of stack ${stack.displayName}: ${readFailure(error)}`, config));
      continue;
    }
    // A stack whose template is no CloudFormation template would otherwise pass with nothing checked.
    if (!linted.isTemplate) result.findings.push(problemFinding(stack.templatePath, `The template of stack ${stack.displayName} is not a CloudFormation template; nothing checked`, config));
    result.files.push(...linted.files);
    result.findings.push(...mapFindingsToSource(linted.findings, stack, linted.files[0], sources));
  }
  result.findings = sortFindings(result.findings);
  return result;
}

/** Template lint results by path, reused while the file and the config are unchanged (the editor asks often). */
const templateCache = new Map<string, { stamp: string; result: LintResult }>();
const TEMPLATE_CACHE_SIZE = 64;

function lintTemplate(path: string, config: Config): LintResult {
  const stat = statSync(path);
  const stamp = `${stat.mtimeMs}:${stat.size}:${JSON.stringify(config)}`;
  const cached = templateCache.get(path);
  if (cached?.stamp === stamp) return cached.result;
  const result = lintText(path, readTextFile(path, { truncate: true }), config);
  if (templateCache.size >= TEMPLATE_CACHE_SIZE) templateCache.delete(templateCache.keys().next().value!);
  templateCache.set(path, { stamp, result });
  return result;
}

function problemFinding(file: string, message: string, config: Config, span: Span = { start: 0, end: 0 }): Finding {
  return { ruleId: 'parse-error', severity: severityFor('parse-error', 'error', config) ?? 'error', message, resource: '', loc: { file, span }, path: [], fixes: [] };
}

/** The cloud assembly synthesized from the CDK app that `sourceFile` belongs to (cdk.json "output", default cdk.out). */
export function findAssemblyFor(sourceFile: string): string | undefined {
  const app = appForSourceFile(sourceFile);
  return app && isCloudAssemblyDir(app.output) ? app.output : undefined;
}

/** True when the assembly was written before `sourceFile` last changed: findings may be stale until the next `cdk synth`. */
export function isAssemblyStale(assemblyDir: string, sourceFile: string): boolean {
  try {
    return statSync(resolve(assemblyDir, 'manifest.json')).mtimeMs < statSync(sourceFile).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Findings to show in one app source file (for the editor): lints the app's assembly and keeps
 * those mapped into `sourceFile`. `text` is the editor's current text of that file, if unsaved.
 */
export function lintCdkSourceFile(sourceFile: string, config: Config = defaultConfig(), text?: string): Finding[] {
  const assembly = findAssemblyFor(sourceFile);
  if (!assembly) return [];
  const file = resolve(sourceFile);
  const sourceTexts = text === undefined ? undefined : new Map([[file, text]]);
  return lintCloudAssembly(assembly, config, { sourceTexts }).findings.filter((finding) => finding.source?.file === file);
}
