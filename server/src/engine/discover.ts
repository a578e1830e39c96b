// Walks the paths a user gives for lint targets: by real path (each folder and file once, link loops end), never leaving the given root.
import { Dir, Dirent, opendirSync, readdirSync, realpathSync, statSync, Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isWithin } from '../source/confine';
import { MAX_WALK_ENTRIES } from '../source/limits';
import { fileKind, readTextFile } from '../source/read-file';
import { VARIABLE_FILE } from '../adapters/terraform/module';
import { gitRoot } from './lint-terraform';

export type TargetKind = 'cloudformation' | 'terraform' | 'cdk';

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
  /** Found but not read (a device, a FIFO, a link leaving the root, too many entries): the reason, reported as a finding. */
  refused?: string;
}

export class MissingPathError extends Error {}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
export const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
/** A Terraform configuration file: HCL (*.tf) or JSON (*.tf.json). */
export const TERRAFORM_EXT = /\.tf(\.json)?$/i;

export interface DiscoverOptions {
  /** Entries looked at before the walk stops with a finding (default MAX_WALK_ENTRIES). */
  maxEntries?: number;
}

/** Expand the given paths into lint targets, in a stable order. */
export function discoverTargets(paths: string[], options: DiscoverOptions = {}): Target[] {
  const walk = discover(paths, options);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/** The same walk, giving the event loop a turn every `sliceMs` (the language server keeps answering). */
export async function discoverTargetsAsync(paths: string[], options: DiscoverOptions = {}, sliceMs = 20): Promise<Target[]> {
  const walk = discover(paths, options);
  let since = Date.now();
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
    if (Date.now() - since >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = Date.now();
    }
  }
}

/** The walk as a generator: it yields after each folder so a caller can pause it. */
function* discover(paths: string[], options: DiscoverOptions): Generator<void, Target[]> {
  const maxEntries = options.maxEntries ?? MAX_WALK_ENTRIES;
  const targets: Target[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  const terraform = new Map<string, { files: Map<string, string>; explicit: boolean; path: string; root?: string }>();
  let root: string | undefined;
  let entries = 0;
  let stopped = false;
  const add = (target: Target, real = realOrSelf(target.path)) => {
    const key = `${target.kind}:${real}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };
  const addTerraform = (file: string, real: string, explicit: boolean) => {
    const dir = dirname(real);
    const entry = terraform.get(dir) ?? { files: new Map<string, string>(), explicit: false, path: dirname(file), root };
    if (!entry.files.has(real)) entry.files.set(real, file);
    entry.explicit ||= explicit;
    terraform.set(dir, entry);
  };
  const refuse = (path: string, reason: string) => add({ kind: 'cloudformation', path, explicit: false, refused: reason }, `refused:${resolve(path)}`);

  function* walk(dir: string, realDir: string, root: string): Generator<void, void> {
    if (visited.has(realDir)) return; // a link back to a folder already walked: a loop or a second name
    visited.add(realDir);
    if (isCloudAssembly(dir)) return add({ kind: 'cdk', path: dir, explicit: false }, realDir);
    const dirents: Dirent[] = [];
    let handle: Dir | undefined;
    try {
      // Read in batches (a readdir of 30,000 names blocks for 200 ms), never more than the cap allows.
      handle = opendirSync(dir, { bufferSize: 256 });
      for (let entry = handle.readSync(); entry; entry = handle.readSync()) {
        dirents.push(entry);
        if (dirents.length % 1000 === 0) yield;
        if (entries + dirents.length > maxEntries) break;
      }
    } catch (error) {
      return refuse(dir, `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing in it checked`);
    } finally {
      handle?.closeSync();
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    yield;
    for (let i = 0; i < dirents.length; i++) {
      const dirent = dirents[i];
      if (stopped) return;
      if (i % 2000 === 1999) yield; // a folder of a million entries is sliced too
      if (++entries > maxEntries) {
        stopped = true;
        return refuse(dir, `more than ${maxEntries} files and folders; the walk stopped here and the rest is not checked`);
      }
      const name = dirent.name;
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      const interesting = TEMPLATE_EXT.test(name) || TERRAFORM_EXT.test(name);
      let real = join(realDir, name);
      let stat: Pick<Stats, 'isFile' | 'isDirectory'> = dirent;
      if (dirent.isSymbolicLink()) {
        try {
          real = realpathSync(full);
          stat = statSync(real);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (interesting) refuse(full, code === 'ELOOP' ? 'a symbolic link loop; not read' : 'a broken symbolic link; not read');
          continue;
        }
        if (!isWithin(root, real)) {
          if (interesting || stat.isDirectory()) refuse(full, `a link to ${real}, outside the folder being linted; not followed`);
          continue;
        }
      }
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) yield* walk(full, real, root);
      } else if (!interesting) continue;
      else if (!stat.isFile()) {
        // Variable files are read (and refused, with a message) by their module.
        if (!VARIABLE_FILE.test(name)) refuse(full, `a ${fileKind(statSync(real))}, not a regular file; not read`);
      }
      else if (TERRAFORM_EXT.test(name)) addTerraform(full, real, false);
      else add({ kind: 'cloudformation', path: full, explicit: false }, real);
    }
  }

  for (const path of paths) {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        refuse(path, 'a symbolic link loop; not read');
        continue;
      }
      throw new MissingPathError(`No such file or folder: ${path}`);
    }
    const real = realOrSelf(path);
    const folder = stat.isDirectory() ? path : dirname(path);
    root = gitRoot(folder) ?? resolve(folder);
    if (stat.isDirectory()) {
      if (isCloudAssembly(path)) add({ kind: 'cdk', path, explicit: true }, real);
      else yield* walk(path, real, real);
    } else if (TERRAFORM_EXT.test(path)) addTerraform(path, real, true);
    else add({ kind: 'cloudformation', path, explicit: true }, real);
  }
  // A Terraform module is every *.tf and *.tf.json file of its folder, read together (references cross files).
  for (const [realDir, entry] of terraform) {
    if (entry.explicit) {
      for (const dirent of safeReaddir(entry.path)) {
        if (!TERRAFORM_EXT.test(dirent.name)) continue;
        const full = join(entry.path, dirent.name);
        const real = realOrSelf(full);
        // A sibling that is a link out of the module's folder or not a regular file is not read.
        if (dirname(real) !== realDir) refuse(full, `a link to ${real}, outside the module's folder; not followed`);
        else if (!isRegularFile(real)) refuse(full, 'not a regular file; not read');
        else addTerraform(full, real, true);
      }
    }
    add({ kind: 'terraform', path: entry.path, files: [...entry.files.values()].sort(), explicit: entry.explicit, ...(entry.root ? { root: entry.root } : {}) }, realDir);
  }
  return targets;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A CDK cloud assembly: a folder whose manifest.json (a regular file) has a version and an artifacts map or null. */
export function isCloudAssembly(dir: string): boolean {
  try {
    const parsed = JSON.parse(readTextFile(join(dir, 'manifest.json'))) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.version === 'string' && 'artifacts' in parsed && typeof parsed.artifacts === 'object';
  } catch {
    return false;
  }
}
