// Code actions for a document's findings: each fix as a quick fix, "disable for this line / this resource", and fix-all.
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, Range } from 'vscode-languageserver';
import { applyEdits, chooseFix, fixAll, fixUntilStable } from '../engine/apply-fixes';
import { Finding } from '../engine/types';
import { TextEdit } from '../model/types';
import { DocumentKind } from './detect';
import { DocumentRef, fingerprint, findingRange, toDiagnostic } from './diagnostics';
import { LineTables } from './line-tables';
import { DiagnosticData, FIX_ALL_KIND, SOURCE } from './protocol';
import { acceptsComments, disableLineEdit, suppressInMetadataEdits } from './suppress-edits';
import { terraformSuppressionEdits } from '../adapters/terraform/suppress';
import { addressOf } from '../adapters/terraform/writer';
import { parseSource } from '../source/parse';
import { minimalEdit, toWorkspaceEdit } from './workspace-edits';

/** A document's latest lint, as the code actions need it. */
export interface LintedDocument {
  doc: DocumentRef;
  version: number;
  text: string;
  kind: DocumentKind;
  findings: Finding[];
  lines: LineTables;
  /** Lint this document's text again (fix-all re-lints until stable). */
  relint(text: string): Finding[];
  uriForFile(file: string): string | undefined;
}

/** What the fix-all action carries until it is resolved. */
export interface FixAllData {
  fixAll: true;
  uri: string;
  version: number;
}

export interface ActionOptions {
  /** The client resolves actions (codeAction/resolve with `edit`): fix-all edits are computed only when chosen. */
  lazyFixAll: boolean;
  /** A client command that opens a rule's page, called with the rule ID (the VS Code extension has one; plain LSP clients do not). */
  showDocCommand?: string;
}

export const FIX_ALL_TITLE = 'Fix all auto-fixable exposure-lint problems';

export function codeActions(linted: LintedDocument, params: CodeActionParams, options: ActionOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  const fixable = linted.findings.some((finding) => chooseFix(finding)?.edits.some((edit) => edit.file === linted.doc.file));
  if (wants(CodeActionKind.QuickFix)) {
    const seen = new Set<string>();
    const here = findingsAt(linted, params.range, params.context.diagnostics);
    for (const { finding, diagnostic } of here) {
      for (const action of quickFixes(linted, finding, diagnostic)) {
        const key = `${action.title}\u0000${JSON.stringify(action.edit)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        actions.push(action);
      }
    }
    // Like ESLint's extension: fix-all in the Ctrl+. menu too, not only under Source Action; then the rule's own entries.
    if (here.length && fixable) actions.push(fixAllAction(linted, CodeActionKind.QuickFix, options));
    const rules = [...new Map(here.map((entry) => [entry.finding.ruleId, entry])).values()];
    for (const { finding, diagnostic } of rules) {
      const fileWide = disableForFile(linted, finding, diagnostic);
      if (fileWide) actions.push(fileWide);
    }
    if (options.showDocCommand) {
      for (const { finding, diagnostic } of rules) {
        actions.push({ title: `Show documentation for ${finding.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: `Show documentation for ${finding.ruleId}`, command: options.showDocCommand, arguments: [finding.ruleId] } });
      }
    }
  }
  if (wants(FIX_ALL_KIND) && fixable) actions.push(fixAllAction(linted, FIX_ALL_KIND, options));
  return actions;
}

function fixAllAction(linted: LintedDocument, kind: string, options: ActionOptions): CodeAction {
  const action: CodeAction = { title: FIX_ALL_TITLE, kind };
  if (options.lazyFixAll) action.data = { fixAll: true, uri: linted.doc.uri, version: linted.version } satisfies FixAllData;
  else action.edit = fixAllEdit(linted);
  return action;
}

/** `# exposure-lint-disable <rule>` at the top of a YAML template (the engine reads it anywhere in the file). */
function disableForFile(linted: LintedDocument, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
  if (finding.ruleId === 'parse-error' || finding.loc.file !== linted.doc.file) return undefined;
  if (linted.kind.kind !== 'cloudformation' || linted.kind.assembly || !acceptsComments(linted.doc.file, linted.text)) return undefined;
  const directive = new RegExp(`^\\s*#\\s*exposure-lint-disable(?:\\s+[^\\n]*?[\\s,])?${finding.ruleId.replace(/-/g, '\\-')}(?:[\\s,]|$)`, 'm');
  if (directive.test(linted.text)) return undefined;
  const eol = linted.text.includes('\r\n') ? '\r\n' : '\n';
  const edit: TextEdit = { file: linted.doc.file, span: { start: 0, end: 0 }, newText: `# exposure-lint-disable ${finding.ruleId}${eol}` };
  return suppression(`Disable ${finding.ruleId} for this file`, [edit], linted, diagnostic);
}

/** The findings a request is about: those at the range, narrowed to the client's diagnostics when it sent ours. */
function findingsAt(linted: LintedDocument, range: Range, sent: Diagnostic[]): { finding: Finding; diagnostic: Diagnostic }[] {
  const here = linted.findings
    .map((finding) => ({ finding, range: findingRange(finding, linted.doc, linted.lines) }))
    .filter((entry) => touches(entry.range, range));
  const ours = sent.filter((diagnostic) => diagnostic.source === SOURCE);
  const matched = here.flatMap((entry) => {
    const print = fingerprint(entry.finding);
    const diagnostic = ours.find((d) => (d.data as DiagnosticData | undefined)?.fingerprint === print || (d.code === entry.finding.ruleId && sameRange(d.range, entry.range)));
    return diagnostic ? [{ finding: entry.finding, diagnostic }] : [];
  });
  if (matched.length) return matched;
  return here.map((entry) => ({ finding: entry.finding, diagnostic: toDiagnostic(entry.finding, linted.doc, linted.lines) }));
}

function quickFixes(linted: LintedDocument, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  const preferred = chooseFix(finding);
  for (const fix of finding.fixes) {
    if (!fix.edits.length) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix === preferred,
      edit: toWorkspaceEdit(fix.edits, linted.doc, linted.lines, linted.uriForFile),
    });
  }
  // In a CDK app's source: a `//` comment above the line the finding maps to (read when the assembly is linted).
  if (linted.kind.kind === 'cdk-source' && finding.source?.file === linted.doc.file) {
    const edit = disableSourceLineEdit(linted, finding.source.range.start.line, finding.ruleId);
    if (edit) actions.push(suppression(`Disable ${finding.ruleId} for this line`, [edit], linted, diagnostic));
    return actions;
  }
  // Suppressions are written into templates the user owns: not into cdk.out, which the next synth rewrites.
  if (finding.ruleId === 'parse-error' || finding.loc.file !== linted.doc.file) return actions;
  if (linted.kind.kind === 'terraform' && finding.resource) {
    const edits = terraformSuppressionEdits(parseSource(linted.doc.file, linted.text), finding.resource, finding.ruleId);
    if (edits.length) actions.push(suppression(`Disable ${finding.ruleId} for resource ${addressOf(finding.resource)} ("//" key)`, edits, linted, diagnostic));
  }
  if (linted.kind.kind === 'terraform' && /\.tf$/i.test(linted.doc.file)) {
    // HCL has comments: a directive above the line, or above the resource's block (which covers all of it).
    const line = linted.lines.range(finding.loc.file, finding.loc.span).start.line;
    const edit = disableLineEdit(linted.doc.file, linted.text, line, finding.ruleId);
    if (edit) actions.push(suppression(`Disable ${finding.ruleId} for this line`, [edit], linted, diagnostic));
    const [type, name] = addressOf(finding.resource).split('.');
    const block = finding.resource && !finding.resource.startsWith('module.') ? new RegExp(`^[ \\t]*resource[ \\t]+"${type}"[ \\t]+"${name}"`, 'm').exec(linted.text) : null;
    const blockLine = block ? linted.text.slice(0, block.index).split('\n').length - 1 : -1;
    const resourceEdit = blockLine >= 0 && blockLine !== line ? disableLineEdit(linted.doc.file, linted.text, blockLine, finding.ruleId) : undefined;
    if (resourceEdit) actions.push(suppression(`Disable ${finding.ruleId} for resource ${addressOf(finding.resource)}`, [resourceEdit], linted, diagnostic));
  }
  if (linted.kind.kind !== 'cloudformation' || linted.kind.assembly) return actions;
  if (acceptsComments(linted.doc.file, linted.text)) {
    const line = linted.lines.range(finding.loc.file, finding.loc.span).start.line;
    const edit = disableLineEdit(linted.doc.file, linted.text, line, finding.ruleId);
    if (edit) actions.push(suppression(`Disable ${finding.ruleId} for this line`, [edit], linted, diagnostic));
  }
  if (finding.resource) {
    const edits = suppressInMetadataEdits(linted.doc.file, linted.text, finding.resource, finding.ruleId);
    if (edits.length) actions.push(suppression(`Disable ${finding.ruleId} for resource ${finding.resource.split('.')[0]} (Metadata)`, edits, linted, diagnostic));
  }
  return actions;
}

/** `// exposure-lint-disable-next-line <rule>` above `line` of a TypeScript/JavaScript source, indented like it. */
function disableSourceLineEdit(linted: LintedDocument, line: number, ruleId: string): TextEdit | undefined {
  const lines = linted.text.split('\n');
  if (line < 0 || line >= lines.length) return undefined;
  let start = 0;
  for (let i = 0; i < line; i++) start += lines[i].length + 1;
  const indent = /^[ \t]*/.exec(lines[line])?.[0] ?? '';
  const eol = linted.text.includes('\r\n') ? '\r\n' : '\n';
  return { file: linted.doc.file, span: { start, end: start }, newText: `${indent}// exposure-lint-disable-next-line ${ruleId}${eol}` };
}

function suppression(title: string, edits: TextEdit[], linted: LintedDocument, diagnostic: Diagnostic): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit(edits, linted.doc, linted.lines, linted.uriForFile) };
}

/**
 * Every preferred fix of the document as one edit. Templates are re-linted until stable (fixes that
 * overlapped get their turn); CDK sources take one pass, since their findings come from the assembly,
 * which only a new `cdk synth` refreshes.
 */
export function fixAllEdit(linted: LintedDocument) {
  const file = linted.doc.file;
  let after: string;
  if (linted.kind.kind === 'cdk-source') {
    after = applyEdits(linted.text, fixAll(linted.findings).get(file) ?? []);
  } else {
    const outcome = fixUntilStable(new Map([[file, linted.text]]), (texts) => {
      const text = texts.get(file)!;
      return text === linted.text ? linted.findings : linted.relint(text);
    });
    after = outcome.changed.get(file) ?? linted.text;
  }
  const edit = minimalEdit(file, linted.text, after);
  return toWorkspaceEdit(edit ? [edit] : [], linted.doc, linted.lines, linted.uriForFile);
}

function touches(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: { line: number; character: number }, q: { line: number; character: number }): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
