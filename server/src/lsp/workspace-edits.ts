// Engine text edits (offsets per file) -> LSP workspace edits, and the one minimal edit that turns a text into another.
import { TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextEdit } from '../model/types';
import { LineTables } from './line-tables';
import { DocumentRef } from './diagnostics';
import { pathToUri } from './uris';

export function toWorkspaceEdit(edits: TextEdit[], doc: DocumentRef, lines: LineTables, uriForFile: (file: string) => string | undefined): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const uri = edit.file === doc.file ? doc.uri : uriForFile(edit.file) ?? pathToUri(edit.file);
    (changes[uri] ??= []).push({ range: lines.range(edit.file, edit.span), newText: edit.newText });
  }
  return { changes };
}

/** The smallest single replacement turning `before` into `after` (keeps the cursor and undo history sane). */
export function minimalEdit(file: string, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a CRLF or a surrogate pair.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  return { file, span: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
