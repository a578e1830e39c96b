// Turns the server's reason for not giving an exposure report (a GitError message) into advice the user can act on.
/**
 * `reason` is ExposureReportResult.error from the server; `folder` names the workspace folder, `ref` the revision.
 * The two common cases (no repository, no commit yet) get their own wording; anything else is passed on as said.
 */
export function explainReportError(reason: string, folder: string, ref = 'HEAD'): string {
  if (/not inside a git repository|not a git repository/i.test(reason)) {
    return `${folder} is not a git repository, so there is nothing to compare with: the exposure changes are measured against a commit (git init, then commit the templates).`;
  }
  if (/no such commit/i.test(reason) && ref === 'HEAD') {
    return `${folder} has no commits yet, so there is nothing to compare with: commit the templates once, then this shows what later changes expose or fix.`;
  }
  if (/no such commit/i.test(reason)) return `${folder}: "${ref}" names no commit in its git repository.`;
  if (/git is not installed/i.test(reason)) return 'git is not installed (or not on the PATH of the language server): the exposure changes are read from git.';
  return `Cannot show the exposure changes since ${ref} in ${folder}: ${reason}`;
}
