// Drops findings suppressed by a comment (`# exposure-lint-disable-next-line rule -- reason`,
// `# exposure-lint-disable-line rule`) or by the resource's own suppressions (Metadata, "//").
import { Model } from '../model/types';
import { computeLineStarts, getValue, PairNode, positionAt, SourceFile } from '../source/tree';
import { Finding } from './types';
import { peerDirective } from './peer-suppressions';

export const DIRECTIVE = /#\s*exposure-lint-disable(-next-line|-line)?(?:\s+([^\n]*?))?\s*(?:--\s*(.*))?$/;

interface LineSuppression {
  /** null = every rule. */
  rules: Set<string> | null;
}

/** Line number (0-based) -> suppressions that apply to it, from the comments of a file. */
export function commentSuppressions(text: string): { lines: Map<number, LineSuppression[]>; file: LineSuppression[]; anywhereIn: { line: number; entry: LineSuppression }[] } {
  const lines = new Map<number, LineSuppression[]>();
  const file: LineSuppression[] = [];
  // Checkov's skips apply to the resource block they are written in.
  const anywhereIn: { line: number; entry: LineSuppression }[] = [];
  const peers = /checkov:skip=|(tfsec|trivy):ignore:|kics-scan\s+ignore-/.test(text);
  if (!text.includes('exposure-lint-disable') && !peers) return { lines, file, anywhereIn };
  const all = text.split(/\r?\n|\r/);
  const nextCode = (index: number) => {
    let target = index + 1;
    while (target < all.length && /^\s*((#|\/\/).*)?$/.test(all[target])) target++;
    return target;
  };
  all.forEach((line, index) => {
    const hash = line.indexOf('#');
    const slashes = line.indexOf('//');
    const peer = peers ? peerDirective(line.slice(Math.min(...[hash, slashes].filter((i) => i >= 0), line.length)).trim()) : undefined;
    if (peer) {
      const entry: LineSuppression = { rules: peer.rules === null ? null : new Set(peer.rules) };
      if (peer.scope === 'resource') anywhereIn.push({ line: index, entry });
      // A comment at the end of a code line covers that line; on its own line, the next code line.
      push(lines, line.slice(0, Math.min(...[hash, slashes].filter((i) => i >= 0))).trim() ? index : nextCode(index), entry);
      return;
    }
    if (hash < 0) return;
    const match = DIRECTIVE.exec(line.slice(hash));
    if (!match) return;
    const names = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const entry: LineSuppression = { rules: names.length ? new Set(names) : null };
    if (match[1] === '-next-line') {
      // Applies to the next line that is not blank or another comment.
      let target = index + 1;
      while (target < all.length && /^\s*(#.*)?$/.test(all[target])) target++;
      push(lines, target, entry);
    } else if (match[1] === '-line') push(lines, index, entry);
    else if (line.slice(0, hash).trim() === '') file.push(entry);
  });
  return { lines, file, anywhereIn };
}

function push(map: Map<number, LineSuppression[]>, line: number, entry: LineSuppression): void {
  const list = map.get(line) ?? [];
  list.push(entry);
  map.set(line, list);
}

function covers(entries: LineSuppression[] | undefined, ruleId: string): boolean {
  return !!entries?.some((entry) => entry.rules === null || entry.rules.has(ruleId));
}

export function applySuppressions(findings: Finding[], model: Model): Finding[] {
  const byFile = new Map<string, { file: SourceFile; comments: ReturnType<typeof commentSuppressions>; resources: PairNode[] }>();
  for (const file of model.files) byFile.set(file.path, { file, comments: commentSuppressions(file.text), resources: resourcePairs(file) });
  return findings.filter((finding) => {
    if (finding.ruleId === 'parse-error') return true;
    const entity = model.byId.get(finding.resource);
    if (entity?.suppressions.some((s) => s.ruleId === '*' || s.ruleId === finding.ruleId)) return false;
    const source = byFile.get(finding.loc.file);
    if (!source) return true;
    const { comments, file, resources } = source;
    if (covers(comments.file, finding.ruleId)) return false;
    const lineStarts = file.lineStarts ?? computeLineStarts(file.text);
    const startLine = positionAt(lineStarts, finding.loc.span.start).line;
    // A comment above the resource's logical ID also covers findings inside the resource.
    const entityLine = entity ? positionAt(lineStarts, entity.loc.span.start).line : startLine;
    // So does a comment above the resource the finding's range lies in (a standalone ingress rule reported on its group).
    const enclosing = enclosingResourceKey(resources, finding.loc.span.start);
    const enclosingLine = enclosing === undefined ? startLine : positionAt(lineStarts, enclosing).line;
    if ([startLine, entityLine, enclosingLine].some((line) => covers(comments.lines.get(line), finding.ruleId))) return false;
    // A Checkov skip inside the block of the finding's resource.
    const block = entity?.blockLoc?.file === file.path ? entity.blockLoc.span : undefined;
    if (!block || !comments.anywhereIn.length) return true;
    const [first, last] = [positionAt(lineStarts, block.start).line, positionAt(lineStarts, block.end).line];
    return !comments.anywhereIn.some(({ line, entry }) => line >= first && line <= last && covers([entry], finding.ruleId));
  });
}

/** The pairs of a CloudFormation file's `Resources`, ordered by position (searched once per finding). */
function resourcePairs(file: SourceFile): PairNode[] {
  const resources = getValue(file.root, 'Resources');
  if (resources?.kind !== 'map') return [];
  return [...resources.pairs].sort((a, b) => a.span.start - b.span.start);
}

/** Offset of the logical ID of the resource whose definition contains `offset`: a binary search, not findings x resources. */
function enclosingResourceKey(pairs: PairNode[], offset: number): number | undefined {
  let low = 0;
  let high = pairs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = pairs[mid].span;
    if (offset < span.start) high = mid - 1;
    else if (offset >= span.end) low = mid + 1;
    else return pairs[mid].key.span.start;
  }
  return undefined;
}
