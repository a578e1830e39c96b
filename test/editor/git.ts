// git for the editor tests (the runner's sandbox and the suite in the extension host): local only, never the user's config.
import { execFileSync } from 'node:child_process';

/** Runs git in `cwd` with a fixed identity and no global or system config (no hooks, signing or templates of this machine). */
export function git(cwd: string, ...args: string[]): string {
  try {
    return execFileSync('git', ['-c', 'user.name=exposure-lint tests', '-c', 'user.email=tests@exposure-lint.invalid', '-c', 'commit.gpgsign=false',
      '-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stderr?: string };
    if (failed.code === 'ENOENT') throw new Error('git is not installed: the editor tests of "new since HEAD" and the exposure report need it');
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${failed.stderr || failed.message}`);
  }
}

/** Makes `dir` a repository whose one commit holds every file in it as it is now. */
export function commitAll(dir: string, message: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '--', '.');
  git(dir, 'commit', '-q', '-m', message);
}
