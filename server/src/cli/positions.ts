// Converts engine offsets to 1-based lines and columns, the last step before output.
import { readTextFile } from '../source/read-file';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Loc } from '../model/types';
import { computeLineStarts, positionAt, SourceFile, Span } from '../source/tree';
import { SourceMapping } from '../engine/types';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Line tables of every file a report points into; files not parsed by the engine are read on demand. */
export class LineIndex {
  private readonly starts = new Map<string, number[]>();

  constructor(files: Iterable<SourceFile> = []) {
    for (const file of files) this.add(file);
  }

  add(file: SourceFile): void {
    this.starts.set(file.path, file.lineStarts ?? computeLineStarts(file.text));
  }

  range(loc: Loc): Range {
    return this.spanRange(loc.file, loc.span);
  }

  spanRange(file: string, span: Span): Range {
    const starts = this.lineStarts(file);
    return { start: toPosition(starts, span.start), end: toPosition(starts, span.end) };
  }

  private lineStarts(file: string): number[] {
    let starts = this.starts.get(file);
    if (!starts) {
      try {
        starts = computeLineStarts(readTextFile(file));
      } catch {
        starts = [0];
      }
      this.starts.set(file, starts);
    }
    return starts;
  }
}

function toPosition(lineStarts: number[], offset: number): Position {
  const { line, character } = positionAt(lineStarts, offset);
  return { line: line + 1, column: character + 1 };
}

/** A CDK source mapping (0-based, LSP-like) as a 1-based range. */
export function mappingRange(mapping: SourceMapping): Range {
  return {
    start: { line: mapping.range.start.line + 1, column: mapping.range.start.character + 1 },
    end: { line: mapping.range.end.line + 1, column: mapping.range.end.character + 1 },
  };
}

/** A path for people: relative to cwd when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return absolute.split(sep).join('/');
  return rel.split(sep).join('/');
}
