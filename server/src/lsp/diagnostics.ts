// Converts engine findings to LSP diagnostics: range, severity, rule code and docs link, path steps as related information.
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { Finding, Severity } from '../engine/types';
import { ruleById } from '../engine/lint';
import { helpUri, PARSE_ERROR_META } from '../cli/rule-docs';
import { LineTables } from './line-tables';
import { DiagnosticData, SOURCE } from './protocol';
import { pathToUri } from './uris';
import { newSinceMessage } from './new-since';
import { fingerprint } from './fingerprint';

export { fingerprint };

export const INTERNAL_ERROR_CODE = 'internal-error';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DocumentRef {
  uri: string;
  /** The document's file path, or its URI when it is not a file. */
  file: string;
}

/** Where a finding is shown in `doc`: its mapped CDK source line when it has one there, else its template location. */
export function findingRange(finding: Finding, doc: DocumentRef, lines: LineTables): Range {
  if (finding.source && finding.source.file === doc.file && finding.loc.file !== doc.file) return finding.source.range;
  return lines.range(finding.loc.file, finding.loc.span);
}

export interface DiagnosticOptions {
  /** The finding is new since this git revision: said in the message and in `data.newSince`. */
  newSince?: string;
}

export function toDiagnostic(finding: Finding, doc: DocumentRef, lines: LineTables, options: DiagnosticOptions = {}): Diagnostic {
  const uriOf = (file: string) => (file === doc.file ? doc.uri : pathToUri(file));
  const shownInSource = !!finding.source && finding.source.file === doc.file && finding.loc.file !== doc.file;
  const related: DiagnosticRelatedInformation[] = [];
  if (shownInSource) {
    related.push({ location: { uri: uriOf(finding.loc.file), range: lines.range(finding.loc.file, finding.loc.span) }, message: `In the synthesized template: ${finding.resource}` });
  } else if (finding.source) {
    related.push({ location: { uri: uriOf(finding.source.file), range: finding.source.range }, message: `Created here${finding.constructPath ? ` (${finding.constructPath})` : ''}` });
  }
  for (const step of finding.path) related.push({ location: { uri: uriOf(step.loc.file), range: lines.range(step.loc.file, step.loc.span) }, message: step.message });
  const meta = ruleById(finding.ruleId)?.meta ?? (finding.ruleId === PARSE_ERROR_META.id ? PARSE_ERROR_META : undefined);
  const data: DiagnosticData = { ruleId: finding.ruleId, resource: finding.resource, fingerprint: fingerprint(finding), fixable: finding.fixes.length > 0 };
  if (options.newSince) data.newSince = options.newSince;
  if (finding.certainty === 'possible') data.certainty = 'possible';
  const diagnostic: Diagnostic = {
    range: findingRange(finding, doc, lines),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: options.newSince ? newSinceMessage(finding, options.newSince) : finding.message,
    data,
  };
  if (meta) diagnostic.codeDescription = { href: helpUri(meta) };
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** The linter failed on a document: one diagnostic at its top, so the user knows the file was not checked. */
export function internalErrorDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: INTERNAL_ERROR_CODE,
    message: `exposure-lint could not check this file (internal error): ${message}`,
  };
}
