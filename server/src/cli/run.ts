// The lint command: arguments -> config -> lintPaths -> (fixes) -> report -> exit code.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfigFile } from '../engine/config';
import { lintPaths, MissingPathError } from '../engine/workspace';
import { Config } from '../engine/types';
import { HELP, parseArgs, UsageError } from './args';
import { runDiffCommand } from './diff-command';
import { runMapCommand } from './map-command';
import { fixResults, FixSummary, unwritableReason } from './fix';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { CliIo, EXIT } from './io';
import { buildReport } from './report';
import { displayPath } from './positions';
import { allRuleMetas, knownRuleIds, VERSION } from './rule-docs';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'diff') return await runDiffCommand(argv.slice(1), io);
    if (argv[0] === 'map') return await runMapCommand(argv.slice(1), io);
    return await runLint(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof MissingPathError) {
      io.stderr(`exposure-lint: ${error.message}\n`);
      return EXIT.usage;
    }
    // Never a bare stack trace: say what failed, keep the trace for bug reports behind DEBUG.
    io.stderr(`exposure-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.usage;
  }
}

async function runLint(argv: string[], io: CliIo): Promise<number> {
  const options = parseArgs(argv);
  if (options.map) throw new UsageError('--map goes with diff or --since (for a map of the templates: exposure-lint map <paths>)');
  if (options.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.clean;
  }
  if (options.listRules) {
    io.stdout(listRules());
    return EXIT.clean;
  }
  if (!options.paths.length) throw new UsageError('No files or folders given (try: exposure-lint . or --help)');
  const known = knownRuleIds();
  for (const id of Object.keys(options.rules)) if (!known.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule (see --list-rules)`);

  const config: Config | undefined = options.config ? loadConfigFile(resolve(io.cwd, options.config)) : undefined;
  const paths = options.paths.map((path) => resolveFrom(io.cwd, path));
  let { results } = await lintPaths(paths, { config, overrides: { rules: options.rules, ...(options.possible === undefined ? {} : { possible: options.possible }) } });
  // Like ESLint: linting nothing is a mistake (a wrong folder, a typo), not a pass.
  if (!results.length) {
    io.stderr(noFilesMessage(options.paths));
    return EXIT.usage;
  }
  let fixNote = '';
  if (options.fix) {
    const fixed = fixResults(results);
    results = fixed.results;
    fixNote = describeFixes(fixed, io.cwd);
  }
  if (options.quiet) results = results.map((result) => ({ ...result, findings: result.findings.filter((f) => f.severity === 'error') }));

  // Fixes of a CDK assembly or a read-only file are not offered to --fix: they are not counted as fixable.
  const notFixable = new Set(results.filter((r) => unwritableReason(r)).map((r) => r.path));
  const report = buildReport(results, io.cwd, notFixable);
  const color = options.color ?? (io.isTTY && !io.env.NO_COLOR && !options.outputFile);
  const output = options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report) : formatText(report, color);
  if (options.outputFile) writeFileSync(resolve(io.cwd, options.outputFile), output);
  else io.stdout(output);
  // What --fix changed goes beside the text report; with JSON or SARIF on stdout it goes to stderr.
  if (fixNote) (options.format === 'text' && !options.outputFile ? io.stdout : io.stderr)(fixNote);
  for (const error of report.errors) io.stderr(`exposure-lint: internal error in ${error.file}: ${error.message}\n`);

  if (report.errors.length) return EXIT.usage;
  if (report.counts.error > 0) return EXIT.findings;
  if (options.maxWarnings >= 0 && report.counts.warning > options.maxWarnings) {
    if (options.format === 'text') io.stderr(`exposure-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

/** Per target: the fixes applied (or why nothing was written), then "Fixed N findings in M files." (N: findings that went away). */
function describeFixes(summary: FixSummary, cwd: string): string {
  const lines: string[] = [];
  for (const target of summary.targets) {
    const name = displayPath(target.path, cwd);
    if (target.notWritten) {
      lines.push(`Not fixed: ${name}: ${target.notWritten}.`);
      continue;
    }
    lines.push(`Fixed ${target.fixed} ${target.fixed === 1 ? 'finding' : 'findings'} in ${target.written.map((f) => displayPath(f, cwd)).join(', ')}:`);
    for (const fix of target.fixes) lines.push(`  ${fix.ruleId}: ${fix.title}`);
  }
  if (summary.written.length) lines.push(`Fixed ${summary.fixed} ${summary.fixed === 1 ? 'finding' : 'findings'} in ${summary.written.length} ${summary.written.length === 1 ? 'file' : 'files'}.`);
  else if (!summary.targets.length) lines.push('Nothing to fix: no finding has a fix --fix applies (suggestions are offered in the editor and in JSON output).');
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Paths stay as the user wrote them when relative to the process's own cwd (messages then match). */
function resolveFrom(cwd: string, path: string): string {
  return cwd === process.cwd() ? path : resolve(cwd, path);
}

export function noFilesMessage(paths: string[]): string {
  return `exposure-lint: no templates found in ${paths.join(', ')}\n`
    + 'Looked for: CloudFormation templates (*.yaml, *.yml, *.json, *.template with Resources of AWS:: types),\n'
    + '  Terraform modules (*.tf, *.tf.json) and CDK cloud assemblies (a folder with manifest.json, e.g. cdk.out).\n'
    + '  node_modules, .git, .terraform, dot-folders and paths under `ignore` in .exposure-lint.yaml are skipped.\n';
}

function listRules(): string {
  const metas = allRuleMetas();
  const width = Math.max(...metas.map((meta) => meta.id.length));
  return metas.map((meta) => `${meta.id.padEnd(width)}  ${meta.defaultSeverity.padEnd(7)}  ${meta.fixable ? 'fix' : '   '}  ${meta.description}`).join('\n') + '\n';
}
