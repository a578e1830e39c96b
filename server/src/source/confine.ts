// Confinement: a path named inside a repository file (a manifest's templateFile, a config) must stay inside its root, links included.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when `path` is `root` or lies below it (both already resolved the same way). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** realpath, or the resolved path when it does not exist (reading it then fails with ENOENT). */
export function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Resolve `reference` (relative to `base`) and check it stays inside `root`, by name and after following
 * links. Returns the path to read, or why it is refused ("the assembly" etc. is named by `rootName`).
 */
export function confine(root: string, base: string, reference: string, rootName: string): { path: string } | { refused: string } {
  if (isAbsolute(reference)) return { refused: `is an absolute path outside ${rootName}; not read` };
  const path = resolve(base, reference);
  const realRoot = realOrResolved(root);
  if (!isWithin(resolve(root), path)) return { refused: `points outside ${rootName}; not read` };
  if (!isWithin(realRoot, realOrResolved(path))) return { refused: `is a link that leaves ${rootName}; not read` };
  return { path };
}
