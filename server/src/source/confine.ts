// Confinement: a path named inside a repository file (a manifest's templateFile, a config) must stay inside its root, links included.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** True when `path` is `root` or lies below it (both already resolved the same way). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * realpath; for a path that does not exist (yet), the realpath of its nearest existing ancestor joined with the
 * rest, so that `link-out/missing.json` is still seen to leave through the link.
 */
export function realOrResolved(path: string): string {
  const rest: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return resolve(path);
      rest.push(basename(current));
      current = parent;
    }
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
