// `exposure-lint diff <old> <new>` and `exposure-lint --since <ref> [paths]`: what a change newly exposes, as text, JSON or SARIF.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfigFile } from '../engine/config';
import { Config } from '../engine/types';
import { MissingPathError } from '../engine/workspace';
import { Loc } from '../model/types';
import { DiffInputError, diffPaths, diffSince, ExposureChange, ExposureDiff, GitError, introducesErrors, renderExposureReport } from '../diff';
import { display } from '../diff/render';
import { CliOptions, HELP, parseArgs, UsageError } from './args';
import { findingJson } from './format-json';
import { formatSarif } from './format-sarif';
import { CliIo, EXIT } from './io';
import { LineIndex, Range } from './positions';
import { Report, ReportEntry } from './report';
import { knownRuleIds } from './rule-docs';
import { writeDiffMap } from './map-command';

/** SARIF baselineState per diff state; a condition flip is the same result with a different message. */
const BASELINE: Record<ExposureChange['state'], string> = { introduced: 'new', unchanged: 'unchanged', resolved: 'absent' };

/** `diff <old> <new>` (argv after "diff"). */
export async function runDiffCommand(argv: string[], io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const options = parseDiffArgs(argv);
    if (options.help) return help(io);
    if (options.since) throw new UsageError('diff compares two paths; use --since without "diff" to compare with a git revision');
    if (options.paths.length !== 2) throw new UsageError(`diff needs two paths, the old version and the new one (got ${options.paths.length})`);
    const [oldPath, newPath] = options.paths.map((path) => resolve(io.cwd, path));
    const diff = await diffPaths(oldPath, newPath, { config: loadConfig(options, io), overrides: { rules: options.rules } });
    if (options.map) await writeDiffMap([newPath], diff.introduced.map((c) => c.finding), options.map, io, { config: loadConfig(options, io), overrides: { rules: options.rules } });
    return report(diff, options, io, { title: `Exposure changes from ${display(oldPath, io.cwd)} to ${display(newPath, io.cwd)}` });
  });
}

/** True when the argv asks for `--since REF` (main.ts sends it here instead of the lint command). */
export function wantsSince(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--since' || arg.startsWith('--since=')) return argv[0] !== 'diff';
  }
  return false;
}

/** `--since REF [paths]`: the working tree against the same paths at a git revision. */
export async function runSinceCommand(argv: string[], io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const options = parseDiffArgs(argv);
    if (options.help) return help(io);
    const ref = options.since!;
    const diff = await diffSince(ref, options.paths, { cwd: io.cwd, config: loadConfig(options, io), overrides: { rules: options.rules } });
    if (options.map) {
      const paths = options.paths.length ? options.paths.map((path) => resolve(io.cwd, path)) : [io.cwd];
      await writeDiffMap(paths, diff.introduced.map((c) => c.finding), options.map, io, { config: loadConfig(options, io), overrides: { rules: options.rules } });
    }
    return report(diff, options, io, { since: ref });
  });
}

function parseDiffArgs(argv: string[]): CliOptions {
  const options = parseArgs(argv);
  if (options.fix) throw new UsageError('--fix does not apply to diff or --since (fix the new version with the lint command)');
  if (options.maxWarnings >= 0) throw new UsageError('--max-warnings does not apply to diff or --since: they fail only on introduced errors');
  if (options.listRules || options.version) throw new UsageError('--list-rules and --version are options of the lint command');
  const known = knownRuleIds();
  for (const id of Object.keys(options.rules)) if (!known.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule (see --list-rules)`);
  return options;
}

function loadConfig(options: CliOptions, io: CliIo): Config | undefined {
  return options.config ? loadConfigFile(resolve(io.cwd, options.config)) : undefined;
}

function help(io: CliIo): number {
  io.stdout(HELP);
  return EXIT.clean;
}

async function guarded(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof MissingPathError || error instanceof DiffInputError || error instanceof GitError) {
      io.stderr(`exposure-lint: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`exposure-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.usage;
  }
}

function report(diff: ExposureDiff, options: CliOptions, io: CliIo, title: { since?: string; title?: string }): number {
  if (options.quiet) diff = onlyErrors(diff);
  const output =
    options.format === 'json' ? formatDiffJson(diff, io.cwd, title.since) : options.format === 'sarif' ? formatDiffSarif(diff, io.cwd) : renderExposureReport(diff, { format: 'text', cwd: io.cwd, ...title });
  if (options.outputFile) writeFileSync(resolve(io.cwd, options.outputFile), output);
  else io.stdout(output);
  for (const error of diff.errors) io.stderr(`exposure-lint: ${display(error.file, io.cwd)}: ${error.message}\n`);
  if (diff.errors.length) return EXIT.usage;
  return introducesErrors(diff) ? EXIT.findings : EXIT.clean;
}

function onlyErrors(diff: ExposureDiff): ExposureDiff {
  const keep = (changes: ExposureChange[]) => changes.filter((change) => change.finding.severity === 'error');
  return { ...diff, introduced: keep(diff.introduced), resolved: keep(diff.resolved), unchanged: keep(diff.unchanged) };
}

/** Every finding as a lint report entry, positioned in its own version (old text for resolved ones). */
function entriesOf(changes: ExposureChange[], cwd: string): ReportEntry[] {
  const disk = new LineIndex();
  const rangeOf = (change: ExposureChange, loc: Loc): Range => {
    if (change.file && change.file.path === loc.file) return new LineIndex([change.file]).range(loc);
    return disk.range(loc);
  };
  return changes.map((change) => {
    const { finding } = change;
    // A resolved finding's CDK source line is in the app as it is now, not as it was: left out.
    const resolved = change.state === 'resolved';
    return {
      finding,
      file: display(finding.loc.file, cwd),
      range: rangeOf(change, finding.loc),
      source: finding.source && !resolved ? { file: display(finding.source.file, cwd), range: mappingRange(finding.source.range) } : undefined,
      path: finding.path.map((step) => ({ file: display(step.loc.file, cwd), range: rangeOf(change, step.loc), message: step.message })),
      fixes:
        resolved || !change.file
          ? []
          : finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ file: display(edit.file, cwd), range: rangeOf(change, { file: edit.file, span: edit.span }), newText: edit.newText })) })),
    };
  });
}

function mappingRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return { start: { line: range.start.line + 1, column: range.start.character + 1 }, end: { line: range.end.line + 1, column: range.end.character + 1 } };
}

function formatDiffJson(diff: ExposureDiff, cwd: string, since: string | undefined): string {
  const entry = (change: ExposureChange, reportEntry: ReportEntry) => {
    const out = findingJson(reportEntry, { fixes: false });
    if (change.causes.length) out.causes = change.causes;
    if (change.renamedFrom) out.renamedFrom = change.renamedFrom;
    if (change.conditionChanged) out.conditionChanged = { before: change.conditionChanged.before ?? [], after: change.conditionChanged.after ?? [] };
    return out;
  };
  const section = (changes: ExposureChange[]) => {
    const entries = entriesOf(changes, cwd);
    return changes.map((change, i) => entry(change, entries[i]));
  };
  const body: Record<string, unknown> = {
    ...(since ? { since } : {}),
    summary: { introduced: diff.introduced.length, resolved: diff.resolved.length, unchanged: diff.unchanged.length },
    introduced: section(diff.introduced),
    resolved: section(diff.resolved),
    unchanged: section(diff.unchanged),
    changes: diff.changes.map((unit) => ({ ...unit, unit: display(unit.unit, cwd) })),
  };
  if (diff.errors.length) body.errors = diff.errors.map((error) => ({ file: display(error.file, cwd), message: error.message }));
  return JSON.stringify(body, null, 2) + '\n';
}

function formatDiffSarif(diff: ExposureDiff, cwd: string): string {
  const all = [...diff.introduced, ...diff.unchanged, ...diff.resolved];
  const entries = entriesOf(all, cwd);
  const states = new Map<ReportEntry, string>();
  // Messages stay as the lint command writes them, so fingerprints match its alerts. A condition flip is
  // the same result with a changed message: SARIF calls that "updated".
  entries.forEach((entry, i) => states.set(entry, all[i].conditionChanged ? 'updated' : BASELINE[all[i].state]));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const change of diff.introduced) counts[change.finding.severity]++;
  const report: Report = { entries, errors: diff.errors.map((error) => ({ file: display(error.file, cwd), message: error.message })), counts, fixable: { error: 0, warning: 0, info: 0 } };
  return formatSarif(report, states);
}
