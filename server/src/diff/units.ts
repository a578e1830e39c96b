// Splits lint results into the units the diff compares (a template, a Terraform module, one stack of a cloud assembly).
import { relative, resolve, sep } from 'node:path';
import { Finding } from '../engine/types';
import { FileResult, TargetKind } from '../engine/workspace';
import { readCloudAssembly } from '../adapters/cdk';
import { restoreLogicalIds } from '../adapters/cdk/map-findings';
import { SourceFile } from '../source/tree';
import { cloudFormationResources, ResourceSet, terraformResources } from './resources';

export interface DiffUnit {
  /** Pairs the two versions of a unit: kind, path relative to the compared root, stack. */
  key: string;
  kind: TargetKind;
  path: string;
  stack?: string;
  findings: Finding[];
  files: SourceFile[];
  resources: ResourceSet;
  /** Why this version could not be read (a syntax error): an old version like that cannot be compared. */
  unreadable?: string;
  /** The linter failed on it. */
  error?: string;
}

/** `keyPath` gives the path a target is paired by (relative to what was compared, or a fixed name for a single file). */
export function unitsOf(results: FileResult[], keyPath: (path: string) => string): DiffUnit[] {
  const units: DiffUnit[] = [];
  for (const result of results) {
    const base = { kind: result.kind, path: result.path, error: result.error };
    const key = `${result.kind}:${keyPath(result.path)}`;
    if (result.kind === 'cdk' && !result.error) {
      units.push(...stackUnits(result, key));
      continue;
    }
    const resources = result.kind === 'terraform' ? terraformResources(result.files) : cloudFormationResources(result.files[0]);
    units.push({ ...base, key, findings: result.findings, files: result.files, resources, unreadable: unreadable(result.files) });
  }
  return units;
}

/** One unit per stack template, paired by the stack's display name; assembly-level problems stay with the assembly. */
function stackUnits(result: FileResult, key: string): DiffUnit[] {
  const assembly = readCloudAssembly(result.path);
  const units: DiffUnit[] = [];
  const claimed = new Set<Finding>();
  for (const stack of assembly.stacks) {
    const template = resolve(stack.templatePath);
    const file = result.files.find((f) => resolve(f.path) === template);
    const findings = result.findings.filter((finding) => resolve(finding.loc.file) === template);
    findings.forEach((finding) => claimed.add(finding));
    units.push({
      key: `${key}:${stack.displayName}`,
      kind: 'cdk',
      path: result.path,
      stack: stack.displayName,
      // Paired by logical IDs (renames are followed through them), so messages name resources that way here.
      findings: restoreLogicalIds(findings, stack, file),
      files: file ? [file] : [],
      resources: cloudFormationResources(file),
      unreadable: unreadable(file ? [file] : []),
    });
  }
  const rest = result.findings.filter((finding) => !claimed.has(finding));
  if (rest.length) units.push({ key, kind: 'cdk', path: result.path, findings: rest, files: [], resources: cloudFormationResources(undefined) });
  return units;
}

function unreadable(files: SourceFile[]): string | undefined {
  for (const file of files) {
    const fatal = file.problems.find((problem) => problem.severity === 'error');
    if (!file.root || fatal) return `${file.path}: ${fatal?.message ?? 'cannot be parsed'}`;
  }
  return undefined;
}

/** Paths relative to `root`, with forward slashes, for pairing the same target in two trees. */
export function relativeKey(root: string): (path: string) => string {
  const base = resolve(root);
  return (path) => relative(base, resolve(path)).split(sep).join('/');
}
