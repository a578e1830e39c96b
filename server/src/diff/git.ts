// Reads files as they were at a git revision (git ls-tree / git show through execFile): the working tree is never touched.
import { execFile, spawn } from 'node:child_process';

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

/**
 * Many files' texts at `commit` in one `git cat-file --batch` process (a `git show` per file costs a
 * process each). Paths with a newline cannot be named on its input: those go through readFileAt.
 */
export async function readFilesAt(root: string, commit: string, paths: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const batchable = paths.filter((path) => !/[\r\n]/.test(path));
  for (const path of paths) if (!batchable.includes(path)) texts.set(path, await readFileAt(root, commit, path));
  if (!batchable.length) return texts;
  const output = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => reject(new GitError(error.code === 'ENOENT' ? 'git is not installed' : error.message)));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new GitError(stderr.trim().split('\n')[0] || `git cat-file exited with ${code}`))));
    child.stdin.end(batchable.map((path) => `${commit}:${path}\n`).join(''));
  });
  // Each answer: "<sha> <type> <size>\n<content>\n", or "<name> missing\n".
  let at = 0;
  for (const path of batchable) {
    const eol = output.indexOf(10, at);
    if (eol < 0) throw new GitError(`Cannot read ${path} at ${commit.slice(0, 12)}: git cat-file answered short`);
    const header = output.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[header.length - 1] === 'missing' || header.length !== 3) throw new GitError(`Cannot read ${path} at ${commit.slice(0, 12)}: not in that revision`);
    const size = Number(header[2]);
    texts.set(path, output.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return texts;
}
