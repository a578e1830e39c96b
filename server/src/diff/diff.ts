// The exposure diff: pairs the units of two versions, matches their findings, and explains each new or resolved exposure by the changes on its path.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Finding } from '../engine/types';
import { FileResult, lintPaths, LintPathsOptions, MissingPathError } from '../engine/workspace';
import { whenKey } from '../topology/guards';
import { SourceFile } from '../source/tree';
import { causesFor, involvedResources } from './causes';
import { ChangeTables, cloudFormationChanges, contentChanges } from './changes';
import { matchFindings } from './match';
import { applyRenames, detectRenames } from './renames';
import { cloudFormationResources, terraformResources } from './resources';
import { ExposureChange, ExposureDiff, UnitChanges } from './types';
import { DiffUnit, relativeKey, unitsOf } from './units';

/** The two versions could not be compared as given (a file against a folder). */
export class DiffInputError extends Error {}

/**
 * Compares lint results of two versions. `keyPath` names each target the same way in both versions
 * (its path relative to the compared root) so that the two versions of a target are paired.
 */
export function diffResults(before: FileResult[], after: FileResult[], keyPath: { before: (path: string) => string; after: (path: string) => string }): ExposureDiff {
  return diffUnits(unitsOf(before, keyPath.before), unitsOf(after, keyPath.after));
}

export function diffUnits(beforeUnits: DiffUnit[], afterUnits: DiffUnit[]): ExposureDiff {
  const diff: ExposureDiff = { introduced: [], resolved: [], unchanged: [], changes: [], errors: [] };
  const oldByKey = new Map(beforeUnits.map((unit) => [unit.key, unit]));
  const newKeys = new Set(afterUnits.map((unit) => unit.key));
  const pairs: [DiffUnit | undefined, DiffUnit | undefined][] = [
    ...afterUnits.map((unit) => [oldByKey.get(unit.key), unit] as [DiffUnit | undefined, DiffUnit]),
    ...beforeUnits.filter((unit) => !newKeys.has(unit.key)).map((unit) => [unit, undefined] as [DiffUnit, undefined]),
  ];
  for (const [before, after] of pairs) compareUnit(before, after, diff);
  return diff;
}

function compareUnit(before: DiffUnit | undefined, after: DiffUnit | undefined, diff: ExposureDiff): void {
  const either = (after ?? before)!;
  for (const unit of [before, after]) if (unit?.error) diff.errors.push({ file: unit.path, message: unit.error });
  if (before?.unreadable) {
    diff.errors.push({ file: before.path, message: `The old version cannot be read, so it cannot be compared: ${before.unreadable}` });
    return;
  }
  if (before?.error || after?.error) return;
  const dialectEmpty = either.kind === 'terraform' ? terraformResources([]) : cloudFormationResources(undefined);
  const oldResources = before?.resources ?? dialectEmpty;
  const newResources = after?.resources ?? dialectEmpty;
  const renames = detectRenames(oldResources, newResources);
  const renamedOld = applyRenames(oldResources, renames);
  const tables: ChangeTables = either.kind === 'terraform' ? contentChanges(renamedOld, newResources, renames) : cloudFormationChanges(renamedOld, newResources, renames);
  const where = { unit: either.path, ...(either.stack ? { stack: either.stack } : {}) };
  const presence = !before ? 'added' : !after ? 'removed' : undefined;
  if (presence || tables.resources.length || tables.securityGroups.length || tables.other.length) {
    const changes: UnitChanges = { ...where, kind: either.kind, ...(presence ? { presence } : {}), ...tables };
    diff.changes.push(changes);
  }
  // A unit on one side only: the whole template (module, stack) is the cause, not each of its resources.
  const noun = either.kind === 'terraform' ? 'module' : either.kind === 'cdk' ? 'stack' : 'template';
  const wholeUnit = (finding: Finding) => {
    const change = presence === 'added' ? `the whole ${noun} is new` : `the whole ${noun} was removed`;
    return [{ resource: '', change, text: `${change} — ${presence === 'added' ? '' : 'resolved: '}${finding.message}` }];
  };
  const match = matchFindings({ findings: before?.findings ?? [], resources: oldResources }, { findings: after?.findings ?? [], resources: newResources }, renames);
  for (const finding of match.introduced) {
    const causes = presence ? wholeUnit(finding) : causesFor(finding, 'introduced', involvedResources(finding, newResources), tables);
    diff.introduced.push({ state: 'introduced', finding, file: fileOf(after?.files, finding), causes, ...where });
  }
  for (const finding of match.resolved) {
    const causes = presence ? wholeUnit(finding) : causesFor(finding, 'resolved', involvedResources(finding, oldResources, renames), tables);
    diff.resolved.push({ state: 'resolved', finding, file: fileOf(before?.files, finding), causes, ...where });
  }
  for (const pair of match.unchanged) {
    const change: ExposureChange = { state: 'unchanged', finding: pair.after, before: pair.before, file: fileOf(after?.files, pair.after), causes: [], ...where };
    if (pair.renamedFrom) change.renamedFrom = pair.renamedFrom;
    if (whenKey(pair.before.when) !== whenKey(pair.after.when)) change.conditionChanged = { before: pair.before.when, after: pair.after.when };
    diff.unchanged.push(change);
  }
}

function fileOf(files: SourceFile[] | undefined, finding: Finding): SourceFile | undefined {
  return files?.find((file) => file.path === finding.loc.file);
}

/**
 * `exposure-lint diff <old> <new>`: two templates, two Terraform module folders, two cloud assemblies,
 * or two folders holding any of them (targets paired by their path inside each folder).
 */
export async function diffPaths(oldPath: string, newPath: string, options: LintPathsOptions = {}): Promise<ExposureDiff> {
  const oldIsDir = isDirectory(oldPath);
  const newIsDir = isDirectory(newPath);
  if (oldIsDir !== newIsDir) throw new DiffInputError(`Compare a file with a file or a folder with a folder (${basename(oldPath)} is ${oldIsDir ? 'a folder' : 'a file'}, ${basename(newPath)} is ${newIsDir ? 'a folder' : 'a file'})`);
  const [before, after] = [await lintPaths([oldPath], options), await lintPaths([newPath], options)];
  // Two files: whatever their names, they are two versions of one target.
  const keyPath = (root: string) => (oldIsDir ? relativeKey(root) : () => '');
  return diffResults(before.results, after.results, { before: keyPath(oldPath), after: keyPath(newPath) });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new MissingPathError(`No such file or folder: ${path}`);
  }
}

/** Exit-code rule for gates: only an introduced error-level exposure fails a change. */
export function introducesErrors(diff: ExposureDiff): boolean {
  return diff.introduced.some((change) => change.finding.severity === 'error');
}
