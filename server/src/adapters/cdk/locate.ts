// Maps a construct path to the line of the app's source that created it: stack trace first, then a source scan.
import { extname } from 'node:path';
import { Span, offsetAt } from '../../source/tree';
import { StackArtifact, Trace } from './assembly';
import { AppSources, TextFile } from './app-sources';
import { CallSpan, callAt, constructCalls } from './scan-text';
import { userFrame } from './stack-trace';

/** Path segments L2 constructs give their CloudFormation resource: never the user's construct id. */
const GENERIC_IDS = new Set(['Resource', 'Default']);

export interface SourceSite {
  file: TextFile;
  /** The `new X(...)` (or method call) that created the construct, when its text was found. */
  call?: CallSpan;
  /** What to highlight: the first line of the call. */
  span: Span;
  via: 'stack-trace' | 'source-scan';
}

/** Where the construct at `constructPath` (no leading slash) was created in the app's source. */
export function locateConstruct(stack: StackArtifact, constructPath: string, sources: AppSources): SourceSite | undefined {
  return locateByTrace(stack, constructPath, sources) ?? locateByScan(stack, constructPath, sources);
}

/** The construct path and its ancestors below the stack, innermost first. */
export function ancestry(stack: StackArtifact, constructPath: string): string[] {
  const stackPath = stackPathOf(stack, constructPath);
  const out: string[] = [];
  let path = constructPath;
  while (path.length > stackPath.length && path.includes('/')) {
    out.push(path);
    path = path.slice(0, path.lastIndexOf('/'));
  }
  return out;
}

function stackPathOf(stack: StackArtifact, constructPath: string): string {
  if (constructPath.startsWith(stack.displayName + '/')) return stack.displayName;
  return constructPath.split('/')[0];
}

function locateByTrace(stack: StackArtifact, constructPath: string, sources: AppSources): SourceSite | undefined {
  const paths = ancestry(stack, constructPath);
  const ids = new Set(paths.map((path) => path.slice(path.lastIndexOf('/') + 1)));
  for (const path of paths) {
    for (const candidate of [path, `${path}/Resource`, `${path}/Default`]) {
      const site = siteOfTrace(stack.constructs.get(candidate)?.creationStack, sources, ids);
      if (site) return site;
    }
  }
  return undefined;
}

/**
 * The user frame of a trace as a site, when it points into readable app source (not compiled output)
 * at a call. With `constructIds`, a `new X(scope, 'id')` there must create one of them: otherwise the
 * text changed since synthesis (an unsaved editor buffer) and the frame's line is stale.
 */
export function siteOfTrace(trace: Trace | undefined, sources: AppSources, constructIds?: Set<string>): SourceSite | undefined {
  const frame = userFrame(trace);
  if (!frame) return undefined;
  const path = sources.relocate(frame.file);
  if (!path || !isAuthoredSource(path, sources)) return undefined;
  const file = sources.read(path);
  if (!file || frame.line - 1 >= file.lineStarts.length) return undefined;
  const offset = offsetAt(file.lineStarts, frame.line - 1, frame.column - 1);
  const call = callAt(file.text, offset);
  if (!call) return undefined;
  const text = file.text.slice(call.start, call.end);
  const id = /^new\s+[\w$.]+\s*(?:<[^()]*?>)?\s*\(\s*[\w$.]+\s*,\s*(['"`])([^'"`]*)\1/.exec(text);
  // Constructs made by a method (`lb.addListener('Http', ...)`, `cluster.addCapacity('Asg', ...)`): the method call's line.
  // The frame points at the method name (`addListener(`) or at its receiver (`lb.addListener(`).
  const method = id || text.startsWith('new') ? undefined : /^(?:[\w$.]+(?:\(\s*\))?\s*\.\s*)?[\w$]+\s*(?:<[^()]*?>)?\s*\(\s*(?:(['"`])([^'"`]*)\1)?/.exec(text);
  if (constructIds) {
    // A method must name the construct it makes (its id argument): any other call there means the text moved since synthesis.
    if (id ? !constructIds.has(id[2]) : !method || method[2] === undefined || !constructIds.has(method[2])) return undefined;
  }
  return { file, call, span: firstLine(file, offset, call.end), via: 'stack-trace' };
}

/** TypeScript anywhere; JavaScript only when it is the app's own source (not output compiled or bundled from TS). */
function isAuthoredSource(path: string, sources: AppSources): boolean {
  if (/^\.[mc]?tsx?$/.test(extname(path))) return true;
  return sources.list().includes(path);
}

function locateByScan(stack: StackArtifact, constructPath: string, sources: AppSources): SourceSite | undefined {
  for (const path of ancestry(stack, constructPath)) {
    const id = path.slice(path.lastIndexOf('/') + 1);
    if (GENERIC_IDS.has(id)) continue;
    for (const name of sources.list()) {
      const file = sources.read(name);
      if (!file) continue;
      const call = constructCalls(file.text, id)[0];
      if (call) return { file, call, span: firstLine(file, call.start, call.end), via: 'source-scan' };
    }
  }
  return undefined;
}

/** From `offset` to the end of its line (trailing blanks dropped), no further than `limit`. */
export function firstLine(file: TextFile, offset: number, limit?: number): Span {
  const newline = file.text.indexOf('\n', offset);
  let end = newline < 0 ? file.text.length : newline;
  if (limit !== undefined) end = Math.min(end, limit);
  while (end > offset && /\s/.test(file.text[end - 1])) end--;
  return { start: offset, end };
}
