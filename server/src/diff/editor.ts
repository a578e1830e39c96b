// Editor hooks (called by the language server): which of a document's findings are new since a commit, and the whole report.
import { readdirSync } from 'node:fs';
import { readTextFile } from '../source/read-file';
import { dirname, join, relative, sep } from 'node:path';
import { lintText } from '../engine/lint';
import { lintTerraformFiles, parseTerraform } from '../engine/lint-terraform';
import { Config, defaultConfig, Finding } from '../engine/types';
import { parseSource } from '../source/parse';
import { SourceFile } from '../source/tree';
import { listFilesAt, readFileAt, repositoryRoot, resolveCommit } from './git';
import { matchFindings } from './match';
import { detectRenames } from './renames';
import { cloudFormationResources, ResourceSet, terraformResources } from './resources';
import { diffSince } from './since';
import { renderExposureReport } from './render';
import { ExposureDiff } from './types';

const TERRAFORM_EXT = /\.tf(\.json)?$/i;

export interface IntroducedSinceRequest {
  /** The document: a CloudFormation template or one *.tf.json file of a Terraform module (absolute path). */
  path: string;
  /** The findings the server shows for it now (from its current, possibly unsaved, text). */
  findings: Finding[];
  /** The document's current text, when it differs from the disk. */
  text?: string;
  /** Default HEAD. */
  ref?: string;
  config?: Config;
}

/**
 * The subset of `request.findings` that are new since `ref` (same objects, so the caller can test
 * membership). A file that did not exist at the ref makes every finding new. Outside a repository, on
 * a ref that names no commit, or for an old version that does not parse, nothing is marked: the
 * editor stays quiet rather than guessing.
 */
export async function introducedSince(request: IntroducedSinceRequest): Promise<Set<Finding>> {
  const ref = request.ref ?? 'HEAD';
  const config = request.config ?? defaultConfig();
  let root: string;
  let commit: string;
  try {
    root = await repositoryRoot(dirname(request.path));
    commit = await resolveCommit(root, ref);
  } catch {
    return new Set();
  }
  const old = await oldVersion(root, commit, request.path, config);
  if (!old) return new Set();
  const current = currentResources(request.path, request.text);
  const renames = detectRenames(old.resources, current);
  const match = matchFindings(old, { findings: request.findings, resources: current }, renames);
  return new Set(match.introduced);
}

/** Appends " (new since HEAD)" to the message of each finding in `introduced`; other findings are returned as they are. */
export function markIntroduced(findings: Finding[], introduced: ReadonlySet<Finding>, ref = 'HEAD'): Finding[] {
  return findings.map((finding) => (introduced.has(finding) ? { ...finding, message: `${finding.message} (new since ${ref})` } : finding));
}

/** Every exposure change in the workspace folder since `ref` (default HEAD); throws GitError when there is nothing to compare with. */
export function changedSince(ref: string, workspaceRoot: string, options: { config?: Config } = {}): Promise<ExposureDiff> {
  return diffSince(ref || 'HEAD', [workspaceRoot], { cwd: workspaceRoot, config: options.config });
}

/** The "exposure changes since HEAD" report as Markdown (for a preview or a virtual document) or text (an output channel). */
export async function exposureReportSince(ref: string, workspaceRoot: string, format: 'markdown' | 'text' = 'markdown', options: { config?: Config } = {}): Promise<string> {
  const diff = await changedSince(ref, workspaceRoot, options);
  return renderExposureReport(diff, { format, cwd: workspaceRoot, since: ref || 'HEAD' });
}

interface OldVersion {
  findings: Finding[];
  resources: ResourceSet;
}

/** Old versions by commit, file and config: the editor asks on every change, HEAD rarely moves. */
const oldCache = new Map<string, OldVersion | undefined>();
const OLD_CACHE_SIZE = 64;

async function oldVersion(root: string, commit: string, path: string, config: Config): Promise<OldVersion | undefined> {
  const key = `${commit}\u0000${path}\u0000${JSON.stringify(config)}`;
  if (oldCache.has(key)) return oldCache.get(key);
  const value = await readOldVersion(root, commit, path, config);
  if (oldCache.size >= OLD_CACHE_SIZE) oldCache.delete(oldCache.keys().next().value!);
  oldCache.set(key, value);
  return value;
}

async function readOldVersion(root: string, commit: string, path: string, config: Config): Promise<OldVersion | undefined> {
  const rel = relative(root, path).split(sep).join('/');
  try {
    if (TERRAFORM_EXT.test(path)) {
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      const files = (await listFilesAt(root, commit, [dir])).filter((file) => TERRAFORM_EXT.test(file) && !file.slice(dir ? dir.length + 1 : 0).includes('/'));
      const texts = await Promise.all(files.map(async (file) => ({ path: join(root, file), text: await readFileAt(root, commit, file) })));
      if (!texts.length) return { findings: [], resources: terraformResources([]) };
      const result = lintTerraformFiles(texts, config);
      if (result.files.some(unparsable)) return undefined;
      return { findings: result.findings, resources: terraformResources(result.files) };
    }
    const listed = await listFilesAt(root, commit, [rel]);
    if (!listed.includes(rel)) return { findings: [], resources: cloudFormationResources(undefined) };
    const result = lintText(path, await readFileAt(root, commit, rel), config);
    if (result.files.some(unparsable)) return undefined;
    return { findings: result.isTemplate ? result.findings : [], resources: cloudFormationResources(result.files[0]) };
  } catch {
    return undefined;
  }
}

function currentResources(path: string, text: string | undefined): ResourceSet {
  if (!TERRAFORM_EXT.test(path)) return cloudFormationResources(parseSource(path, text ?? readTextFile(path, { truncate: true })));
  const dir = dirname(path);
  const files = readdirSync(dir)
    .filter((name) => TERRAFORM_EXT.test(name))
    .map((name) => join(dir, name))
    .flatMap((file) => {
      if (file === path && text !== undefined) return [parseTerraform(file, text)];
      try {
        return [parseTerraform(file, readTextFile(file, { truncate: true }))];
      } catch {
        return []; // a FIFO, a device or an unreadable sibling: refused by the lint itself, with a finding
      }
    });
  return terraformResources(files);
}

function unparsable(file: SourceFile): boolean {
  return !file.root || file.problems.some((problem) => problem.severity === 'error');
}
