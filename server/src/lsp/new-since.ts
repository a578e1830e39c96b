// Which findings of an open document are new since a git revision (default HEAD), for "(new since HEAD)" in
// diagnostics. Computed in the background after a lint (git runs as child processes) and remembered by
// fingerprint, so the next lint shows the marks at once instead of flickering.
import { introducedSince, markIntroduced } from '../diff';
import { Config, Finding } from '../engine/types';
import { fingerprint } from './fingerprint';

/** Wait after the last lint before asking git again (typing re-lints often; HEAD moves rarely). */
const SETTLE_MS = 300;

interface Entry {
  marked: Set<string>;
  timer?: NodeJS.Timeout;
  /** Bumped per request, so a slow answer for old text is dropped. */
  generation: number;
}

export interface NewSinceRequest {
  uri: string;
  path: string;
  findings: Finding[];
  text: string;
  config: Config;
  ref: string;
}

export class NewSinceTracker {
  private readonly entries = new Map<string, Entry>();

  /** `changed(uri)` is called when a document's set of new findings changed (its diagnostics need republishing). */
  constructor(
    private readonly changed: (uri: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Fingerprints of the document's findings last found new. */
  marked(uri: string): ReadonlySet<string> {
    return this.entries.get(uri)?.marked ?? new Set();
  }

  /** Ask again, once linting has settled. */
  schedule(request: NewSinceRequest): void {
    const entry = this.entries.get(request.uri) ?? { marked: new Set<string>(), generation: 0 };
    this.entries.set(request.uri, entry);
    if (entry.timer) clearTimeout(entry.timer);
    const generation = ++entry.generation;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.compute(request, entry, generation);
    }, SETTLE_MS);
  }

  forget(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(uri);
  }

  clear(): void {
    for (const uri of [...this.entries.keys()]) this.forget(uri);
  }

  private async compute(request: NewSinceRequest, entry: Entry, generation: number): Promise<void> {
    let introduced: Set<Finding>;
    try {
      introduced = await introducedSince({ path: request.path, findings: request.findings, text: request.text, config: request.config, ref: request.ref });
    } catch (error) {
      this.log(`Cannot tell new findings in ${request.path}: ${(error as Error).message}`);
      return;
    }
    if (generation !== entry.generation || this.entries.get(request.uri) !== entry) return;
    const marked = new Set([...introduced].map(fingerprint));
    if (marked.size === entry.marked.size && [...marked].every((print) => entry.marked.has(print))) return;
    entry.marked = marked;
    this.changed(request.uri);
  }
}

/** The message as shown for a finding that is new since `ref` (the diff module's wording). */
export function newSinceMessage(finding: Finding, ref: string): string {
  return markIntroduced([finding], new Set([finding]), ref)[0].message;
}
