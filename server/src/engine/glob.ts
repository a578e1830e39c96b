// Ignore globs from a repository's config, matched by simulating all pattern positions at once: O(pattern x path), never backtracking.

/** True when the whole path matches. */
export type GlobMatcher = (path: string) => boolean;

/** One step of a compiled pattern. */
type Token =
  | { t: 'char'; c: string } // that character
  | { t: 'one' } // ?: one character but '/'
  | { t: 'star' } // *: any run without '/'
  | { t: 'any' } // ** not before a slash: any run
  | { t: 'dirs' }; // **/ (and the implicit prefix of a slash-less pattern): empty, or any run ending in '/'

/** Compile once; the same syntax the regular-expression version had, without its exponential cases. */
export function compileGlob(pattern: string): GlobMatcher {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  const anchored = glob.replace(/\/$/, '').includes('/');
  glob = glob.replace(/^\//, '').replace(/\/$/, '');
  const tokens: Token[] = anchored ? [] : [{ t: 'dirs' }];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      const token: Token = slash ? { t: 'dirs' } : { t: 'any' };
      // Consecutive `**/` say nothing more than one: collapsing them keeps the state set small.
      const last = tokens[tokens.length - 1];
      if (!(last && last.t === token.t)) tokens.push(token);
      i += slash ? 2 : 1;
    } else if (ch === '*') tokens.push({ t: 'star' });
    else if (ch === '?') tokens.push({ t: 'one' });
    else tokens.push({ t: 'char', c: ch });
  }
  return (path) => run(tokens, path);
}

/**
 * States 0..n are "before token i" (n: the pattern is done); for a `dirs` token, inside[i] means part of its
 * run was read and a '/' is still to come; `rest` means the pattern matched a folder and the path goes on below it.
 */
function run(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let at = new Uint8Array(n + 1);
  let inside = new Uint8Array(n);
  let next = new Uint8Array(n + 1);
  let nextInside = new Uint8Array(n);
  let rest = false;
  at[0] = 1;
  close(tokens, at);
  for (let p = 0; p < path.length; p++) {
    const c = path[p];
    next.fill(0);
    nextInside.fill(0);
    let nextRest: boolean = rest;
    let any = nextRest;
    for (let i = 0; i <= n; i++) {
      if (!at[i] && !(i < n && inside[i])) continue;
      if (i === n) {
        if (c === '/') nextRest = true; // a folder match covers everything inside
        continue;
      }
      const token = tokens[i];
      if (token.t === 'dirs') {
        // From the entry or from inside the run: stay inside; a '/' may also end the run.
        nextInside[i] = 1;
        if (c === '/') next[i + 1] = 1;
        continue;
      }
      if (!at[i]) continue;
      if (token.t === 'char' ? token.c === c : token.t === 'one' ? c !== '/' : false) next[i + 1] = 1;
      else if (token.t === 'star' && c !== '/') next[i] = 1;
      else if (token.t === 'any') next[i] = 1;
    }
    close(tokens, next);
    for (let i = 0; i <= n && !any; i++) if (next[i] || (i < n && nextInside[i])) any = true;
    if (!any && !nextRest) return false;
    [at, next] = [next, at];
    [inside, nextInside] = [nextInside, inside];
    rest = nextRest;
  }
  return rest || at[n] === 1;
}

/** Tokens that match the empty string (star, any, dirs) let a state move on without reading. */
function close(tokens: Token[], states: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].t;
    if (states[i] && (t === 'star' || t === 'any' || t === 'dirs')) states[i + 1] = 1;
  }
}
