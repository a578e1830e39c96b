// When to lint a changed document: at once after a pause in typing (a keystroke gets fresh diagnostics without
// waiting), otherwise once typing has been quiet for the debounce time; slow documents always wait for quiet.
// Either way a lint waits until every message already received is handled, so it lints the newest version.
import { performance } from 'node:perf_hooks';
import type { Message } from 'vscode-languageserver';

/** Documents that lint slower than this are never linted on the leading edge (a burst would lint them twice). */
const LEADING_EDGE_MAX_MS = 500;
/** Loop turns a lint waits for the queue at most: a client that never stops sending must not starve it. */
const MAX_WAIT_TURNS = 1000;

/**
 * Counts the messages the connection has handled. vscode-jsonrpc handles one queued message per
 * `setImmediate`, so after a lint that blocked the loop, the edits that arrived meanwhile are handled one per
 * loop turn; a turn in which none was handled means the queue is empty. Passed to `createConnection` as its
 * message strategy.
 */
export class MessageActivity {
  handled = 0;
  readonly messageStrategy = {
    handleMessage: (message: Message, next: (message: Message) => void | Promise<void>): void | Promise<void> => {
      this.handled++;
      return next(message);
    },
  };
}

interface Entry {
  timer?: NodeJS.Timeout;
  immediate?: NodeJS.Immediate;
  lastChangeAt: number;
  lastLintMs: number;
}

export class LintScheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly run: (uri: string) => void,
    private readonly clock: () => number = () => performance.now(),
    /** Messages handled so far (a `MessageActivity`); without one, a lint waits one loop turn. */
    private readonly activity: () => number = () => 0,
  ) {}

  /** A document changed: lint it now (leading edge) or after `debounceMs` without further changes. */
  changed(uri: string, debounceMs: number): void {
    const now = this.clock();
    const entry = this.entries.get(uri) ?? { lastChangeAt: -Infinity, lastLintMs: 0 };
    this.entries.set(uri, entry);
    const pending = entry.timer !== undefined || entry.immediate !== undefined;
    const idle = !pending && now - entry.lastChangeAt >= debounceMs;
    entry.lastChangeAt = now;
    if (idle && entry.lastLintMs <= LEADING_EDGE_MAX_MS) return this.soon(uri, entry);
    if (entry.immediate) return; // a lint is already queued and will read the newest text
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.soon(uri, entry);
    }, debounceMs);
  }

  /** Lint as soon as the messages already received are handled (open, save, settings change). */
  now(uri: string): void {
    const entry = this.entries.get(uri) ?? { lastChangeAt: -Infinity, lastLintMs: 0 };
    this.entries.set(uri, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (!entry.immediate) this.soon(uri, entry);
  }

  /** Remember how long a lint took (decides whether the leading edge is worth it). */
  record(uri: string, ms: number): void {
    const entry = this.entries.get(uri);
    if (entry) entry.lastLintMs = ms;
  }

  /** Drop a pending lint (the document was just linted on demand). */
  cancel(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.immediate) clearImmediate(entry.immediate);
    entry.timer = undefined;
    entry.immediate = undefined;
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.cancel(uri);
    this.entries.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.entries.keys()]) this.forget(uri);
  }

  /** Resolves once the messages already received are handled (a code action then sees the newest text). */
  quiet(): Promise<void> {
    return new Promise((resolve) => this.afterQueue(() => resolve(), () => undefined));
  }

  /** Lint once the queue of received messages is empty: the edits queued behind a long lint are applied first. */
  private soon(uri: string, entry: Entry): void {
    this.afterQueue(
      () => {
        entry.immediate = undefined;
        this.run(uri);
      },
      (immediate) => (entry.immediate = immediate),
    );
  }

  /**
   * Calls `done` in the first loop turn in which no message was handled (checked one turn later than the
   * last one seen, so the connection's own turn comes in between); `track` learns the pending immediate.
   */
  private afterQueue(done: () => void, track: (immediate: NodeJS.Immediate) => void): void {
    let seen: number | undefined;
    let turns = 0;
    const step = () => {
      const handled = this.activity();
      if (handled !== seen && ++turns < MAX_WAIT_TURNS) {
        seen = handled;
        track(setImmediate(step));
        return;
      }
      done();
    };
    track(setImmediate(step));
  }
}
