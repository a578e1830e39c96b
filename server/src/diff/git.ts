// Reads files as they were at a git revision (git ls-tree / git show through execFile): the working tree is never touched.
import { execFile } from 'node:child_process';

/** A revision or repository that cannot be read; the message says which and why. */
export class GitError extends Error {}

const MAX_BUFFER = 256 * 1024 * 1024;

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'buffer', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (error) {
        const said = Buffer.isBuffer(stderr) ? stderr.toString('utf8').trim() : String(stderr ?? '').trim();
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : said.split('\n')[0] || error.message;
        reject(new GitError(why));
        return;
      }
      resolve(stdout.toString('utf8'));
    });
  });
}

/** The top folder of the repository holding `cwd`. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    throw new GitError(`${cwd} is not inside a git repository (${(error as Error).message})`);
  }
}

/** The commit a ref names; a clear GitError when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (!ref || ref.startsWith('-')) throw new GitError(`"${ref}" is not a git revision`);
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    throw new GitError(`Cannot read git revision "${ref}": no such commit in ${root}`);
  }
}

/** Files (blobs, not submodules) under the given root-relative paths at `commit`, root-relative with forward slashes. */
export async function listFilesAt(root: string, commit: string, paths: string[]): Promise<string[]> {
  const out = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths.map((p) => p || '.')]);
  const files: string[] = [];
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type] = entry.slice(0, tab).split(' ');
    if (type === 'blob') files.push(entry.slice(tab + 1));
  }
  return files;
}

/** A file's text at `commit` (root-relative path). */
export async function readFileAt(root: string, commit: string, path: string): Promise<string> {
  try {
    return await git(root, ['show', `${commit}:${path}`]);
  } catch (error) {
    throw new GitError(`Cannot read ${path} at ${commit.slice(0, 12)}: ${(error as Error).message}`);
  }
}
