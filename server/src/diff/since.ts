// `--since <ref>`: the working tree against the same paths at a git revision, old files read from git (never checked out).
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findConfig, isIgnored, mergeConfig } from '../engine/config';
import { Config, defaultConfig } from '../engine/types';
import { FileResult, lintPaths, LintPathsOptions, lintTarget, MissingPathError, Target } from '../engine/workspace';
import { diffResults } from './diff';
import { GitError, listFilesAt, readFileAt, readFilesAt, repositoryRoot, resolveCommit } from './git';
import { ExposureDiff } from './types';

export interface SinceOptions extends LintPathsOptions {
  /** Where relative paths start (the CLI's cwd, the editor's workspace folder). */
  cwd: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
const TERRAFORM_EXT = /\.tf(\.json)?$/i;

/**
 * Compares `paths` (default: cwd) in the working tree with the same paths at `ref`. A path absent at
 * the ref is an empty old version (everything in it is introduced); a ref that names no commit, or a
 * folder outside any repository, is a GitError.
 */
export async function diffSince(ref: string, paths: string[], options: SinceOptions): Promise<ExposureDiff> {
  const cwd = realish(options.cwd);
  const root = realish(await repositoryRoot(cwd));
  const commit = await resolveCommit(root, ref);
  const absolute = (paths.length ? paths : ['.']).map((path) => realish(resolve(cwd, path)));
  const relPaths = absolute.map((path) => {
    const rel = relative(root, path);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new GitError(`${path} is outside the repository ${root}`);
    return rel.split(sep).join('/');
  });
  // A *.tf or *.tf.json file named alone stands for its module, as in the lint command: its folder's other Terraform files come too.
  const moduleOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
  const tfModules = new Set(relPaths.filter((rel) => TERRAFORM_EXT.test(rel)).map(moduleOf));
  const listed = await listFilesAt(root, commit, relPaths.map((rel) => (TERRAFORM_EXT.test(rel) ? moduleOf(rel) : rel)));
  const underGiven = (file: string) => relPaths.some((rel) => !TERRAFORM_EXT.test(rel) && (file === rel || !rel || file.startsWith(`${rel}/`)));
  const oldFiles = [...new Set(listed)].filter((file) => underGiven(file) || (TERRAFORM_EXT.test(file) && tfModules.has(moduleOf(file))));
  const present = absolute.filter((path) => existsSync(path));
  for (const [i, path] of absolute.entries()) {
    if (!existsSync(path) && !oldFiles.some((file) => file === relPaths[i] || file.startsWith(`${relPaths[i]}/`))) throw new MissingPathError(`No such file or folder: ${paths[i] ?? path}, now or at ${ref}`);
  }
  const after = present.length ? (await lintPaths(present, options)).results : [];
  const explicitFiles = new Set(relPaths.filter((rel, i) => !existsSync(absolute[i]) || !statSync(absolute[i]).isDirectory()));
  for (const file of oldFiles) if (TERRAFORM_EXT.test(file) && tfModules.has(moduleOf(file))) explicitFiles.add(file);
  const temp = mkdtempSync(join(tmpdir(), 'exposure-lint-since-'));
  try {
    const before = await lintOldVersion(root, commit, oldFiles, explicitFiles, temp, options);
    const key = (path: string) => {
      const real = path.startsWith(temp) ? join(root, relative(temp, path)) : realish(path);
      return relative(root, real).split(sep).join('/');
    };
    const diff = diffResults(before, after, { before: key, after: key });
    return relocate(diff, temp, root);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The old version's targets, found the way lintPaths finds them in a folder, linted from the texts git gives. */
async function lintOldVersion(root: string, commit: string, files: string[], explicitFiles: Set<string>, temp: string, options: LintPathsOptions): Promise<FileResult[]> {
  const candidates = files.filter((file) => explicitFiles.has(file) || !file.split('/').some((part, i, all) => (i < all.length - 1 && SKIPPED_DIRS.has(part)) || part.startsWith('.')));
  // Cloud assemblies are read from disk by the CDK adapter: their files go to a temp folder (not the working tree).
  const manifests = candidates.filter((file) => /(^|\/)manifest\.json$/.test(file));
  const assemblies: string[] = [];
  for (const manifest of manifests) {
    const dir = manifest.includes('/') ? manifest.slice(0, manifest.lastIndexOf('/')) : '';
    if (assemblies.some((outer) => dir === outer || dir.startsWith(`${outer}/`))) continue;
    if (isAssemblyManifest(await readFileAt(root, commit, manifest))) assemblies.push(dir);
  }
  const inAssembly = (file: string) => assemblies.some((dir) => !dir || file.startsWith(`${dir}/`));
  const wanted = candidates.filter((file) => inAssembly(file) || TEMPLATE_EXT.test(file) || explicitFiles.has(file));
  const texts = await readFilesAt(root, commit, wanted);
  const targets: Target[] = [];
  for (const dir of assemblies) {
    for (const [file, text] of texts) {
      if (!dir || file.startsWith(`${dir}/`)) {
        const out = join(temp, file);
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, text);
      }
    }
    targets.push({ kind: 'cdk', path: join(temp, dir), explicit: false });
  }
  const modules = new Map<string, string[]>();
  for (const file of wanted) {
    if (inAssembly(file)) continue;
    if (TERRAFORM_EXT.test(file)) {
      const dir = dirname(join(root, file));
      modules.set(dir, [...(modules.get(dir) ?? []), join(root, file)]);
    } else targets.push({ kind: 'cloudformation', path: join(root, file), explicit: explicitFiles.has(file) });
  }
  for (const [dir, moduleFiles] of modules) targets.push({ kind: 'terraform', path: dir, files: moduleFiles.sort(), explicit: moduleFiles.some((f) => explicitFiles.has(relative(root, f).split(sep).join('/'))) });
  const byPath = new Map([...texts].map(([file, text]) => [join(root, file), text]));
  const results: FileResult[] = [];
  const configs = new Map<string, Config>();
  for (const target of targets) {
    // The working tree's config decides for both versions, so a config change is not an exposure change.
    const livePath = target.path.startsWith(temp) ? join(root, relative(temp, target.path)) : target.path;
    const base = options.config ?? configFor(target.kind === 'cloudformation' ? dirname(livePath) : livePath, configs);
    const config = options.overrides ? mergeConfig(base, options.overrides) : base;
    if (!target.explicit && isIgnored(livePath, config)) continue;
    const result = lintTarget(target, config, byPath);
    if (result) results.push(result);
  }
  return results;
}

function configFor(dir: string, cache: Map<string, Config>): Config {
  let config = cache.get(dir);
  if (!config) {
    config = findConfig(nearestExisting(dir))?.config ?? defaultConfig();
    cache.set(dir, config);
  }
  return config;
}

function isAssemblyManifest(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.artifacts === 'object';
  } catch {
    return false;
  }
}

/** Old cloud assembly files were read from a temp folder: report them under their place in the repository. */
function relocate(diff: ExposureDiff, temp: string, root: string): ExposureDiff {
  const move = (path: string) => (path.startsWith(temp) ? join(root, relative(temp, path)) : path);
  for (const change of [...diff.resolved, ...diff.unchanged, ...diff.introduced]) {
    change.unit = move(change.unit);
    for (const finding of [change.finding, change.before]) {
      if (!finding) continue;
      finding.loc = { ...finding.loc, file: move(finding.loc.file) };
      finding.path = finding.path.map((step) => ({ ...step, loc: { ...step.loc, file: move(step.loc.file) } }));
    }
    if (change.file?.path.startsWith(temp)) change.file = { ...change.file, path: move(change.file.path) };
  }
  for (const unit of diff.changes) unit.unit = move(unit.unit);
  for (const error of diff.errors) error.file = move(error.file);
  return diff;
}

/** The real path of `path`, or of its nearest existing parent joined with the rest (a deleted file). */
function realish(path: string): string {
  const rest: string[] = [];
  let current = resolve(path);
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return resolve(path);
    rest.unshift(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    current = parent;
  }
  return join(realpathSync(current), ...rest);
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
