// Offset -> line/character for every file a document's findings point into: the linted texts first, the disk otherwise.
import { readTextFile } from '../source/read-file';
import { Range } from 'vscode-languageserver';
import { computeLineStarts, positionAt, Span } from '../source/tree';

export class LineTables {
  private readonly starts = new Map<string, number[]>();

  /** `texts`: file path -> the text the findings were computed on (open documents). */
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  range(file: string, span: Span): Range {
    const starts = this.lineStarts(file);
    return { start: positionAt(starts, span.start), end: positionAt(starts, Math.max(span.start, span.end)) };
  }

  /** The text a file had when linted (open document or disk), for edits that need it. */
  text(file: string): string | undefined {
    const open = this.texts.get(file);
    if (open !== undefined) return open;
    try {
      return readTextFile(file); // regular files only: a finding may name a FIFO it refused
    } catch {
      return undefined;
    }
  }

  private lineStarts(file: string): number[] {
    let starts = this.starts.get(file);
    if (!starts) {
      const text = this.text(file);
      starts = text === undefined ? [0] : computeLineStarts(text);
      this.starts.set(file, starts);
    }
    return starts;
  }
}
