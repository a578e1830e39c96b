// Names and shapes the server shares with its clients: the settings section, the custom request, the fix-all kind.
import { CodeActionKind, RequestType } from 'vscode-languageserver';

/** Diagnostic `source` and the suffix of the fix-all code action kind. */
export const SOURCE = 'exposure-lint';

/** Settings section the server pulls (workspace/configuration) and reads from didChangeConfiguration. */
export const SETTINGS_SECTION = 'exposureLint';

/** `source.fixAll.exposure-lint`: works with `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND: string = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export interface LintWorkspaceParams {
  /** Progress token for `$/progress` (set by clients that show progress). */
  workDoneToken?: string | number;
}

export interface LintWorkspaceResult {
  /** Templates, Terraform modules and cloud assemblies linted. */
  targets: number;
  /** Files with at least one finding. */
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Targets the linter itself failed on (each also shown as one diagnostic). */
  failures: number;
  /** True when the client cancelled the request before every target was linted. */
  cancelled: boolean;
}

/** `exposureLint/lintWorkspace`: lint every template under the workspace folders; diagnostics for files not open are published. */
export const LintWorkspaceRequest = new RequestType<LintWorkspaceParams | null, LintWorkspaceResult, void>('exposureLint/lintWorkspace');

/** What each diagnostic carries in `data`: enough to match it to a finding again and to tell new findings from old. */
export interface DiagnosticData {
  ruleId: string;
  resource: string;
  /** Stable across edits elsewhere in the file: rule, resource and message (no offsets). */
  fingerprint: string;
  fixable: boolean;
  /** possible: the path leaves the file (the message names the unknown piece). */
  certainty?: 'definite' | 'possible';
  /** Set when the finding is new since this git revision (exposureLint.markNewSince, default HEAD). */
  newSince?: string;
}

export interface ExposureReportParams {
  /** Git revision to compare with (default HEAD). */
  ref?: string;
  format?: 'markdown' | 'text';
  /** Workspace folder URI (default: the first). */
  folder?: string;
}

export interface ExposureReportResult {
  /** The exposure changes since `ref` as Markdown or text. */
  report?: string;
  /** Why there is no report (not a git repository, no such revision). */
  error?: string;
}

/** `exposureLint/exposureReport`: what a change since a revision newly exposes (or fixes), as a readable report. */
export const ExposureReportRequest = new RequestType<ExposureReportParams | null, ExposureReportResult, void>('exposureLint/exposureReport');
