// "Show exposure changes since HEAD": asks the server for the report and shows it as a read-only Markdown document.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_SCHEME, REQUEST_EXPOSURE_REPORT } from './constants';
import { explainReportError } from './report-errors';

const REF = 'HEAD';

/** What the command returns (for tests and other extensions): the report's URI and where it opened, or why there is none. */
export interface ShowExposureChangesResult {
  uri?: string;
  shownIn?: 'preview' | 'editor';
  error?: string;
}

/**
 * Read-only documents under `exposure-lint-report:`: the text is whatever the last run put there. One URI per
 * workspace folder and revision, so running the command again refreshes the open report instead of adding tabs.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString())
      ?? '# Exposure changes\n\nThis report is gone (the window was reloaded): run *exposure-lint: Show exposure changes since HEAD* again.\n';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The report's address: the file name is the tab's title, the `.md` makes it Markdown, the query keeps folders apart. */
export function reportUri(folder: vscode.Uri, folderName: string, ref = REF): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${folderName}/Exposure changes since ${ref}.md`, query: folder.toString() });
}

interface ReportContext {
  client(): LanguageClient | undefined;
  output(): vscode.LogOutputChannel;
  documents: ReportDocuments;
}

/**
 * The command. `resource` (from the explorer, or a caller) picks the folder: its workspace folder, or the folder
 * itself when it is outside the workspace; without it, the active editor's workspace folder, else the only one.
 */
export async function showExposureChanges(ctx: ReportContext, resource?: vscode.Uri): Promise<ShowExposureChangesResult> {
  const client = ctx.client();
  if (!client || !client.isRunning()) {
    const error = 'exposure-lint is not running (see the exposureLint.enable setting and the output).';
    void vscode.window.showWarningMessage(error);
    return { error };
  }
  const folder = await pickFolder(resource);
  if (!folder) {
    const error = 'Open a folder to see its exposure changes since HEAD.';
    void vscode.window.showErrorMessage(`exposure-lint: ${error}`);
    return { error };
  }
  let answer: { report?: string; error?: string };
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `exposure-lint: exposure changes since ${REF}` },
      () => client.sendRequest<{ report?: string; error?: string }>(REQUEST_EXPOSURE_REPORT, { ref: REF, format: 'markdown', folder: folder.uri.toString() }),
    );
  } catch (error) {
    ctx.output().error(`exposure report failed: ${String(error)}`);
    const message = `Cannot show the exposure changes since ${REF}: ${String(error)}`;
    void vscode.window.showErrorMessage(`exposure-lint: ${message}`);
    return { error: message };
  }
  if (answer?.report === undefined) {
    const error = explainReportError(answer?.error ?? 'the language server gave no report', folder.name, REF);
    ctx.output().warn(error);
    void vscode.window.showErrorMessage(`exposure-lint: ${error}`);
    return { error };
  }
  const uri = reportUri(folder.uri, folder.name);
  ctx.documents.set(uri, answer.report);
  return { uri: uri.toString(), shownIn: await show(uri) };
}

async function pickFolder(resource: vscode.Uri | undefined): Promise<{ uri: vscode.Uri; name: string } | undefined> {
  if (resource) {
    const owner = vscode.workspace.getWorkspaceFolder(resource);
    if (owner) return owner;
    return { uri: resource, name: resource.path.split('/').filter(Boolean).pop() ?? resource.fsPath };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  if (owner) return owner;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Exposure changes since HEAD in which folder?' });
}

/** In the Markdown preview when the built-in Markdown extension is there, else as a Markdown document (read-only either way). */
async function show(uri: vscode.Uri): Promise<'preview' | 'editor'> {
  if (await canPreviewMarkdown()) {
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return 'preview';
    } catch {
      // A preview that cannot open must not hide the report: fall through to the text.
    }
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: false });
  return 'editor';
}

/** The built-in Markdown extension (it registers its commands only once activated, which the command itself triggers). */
export async function canPreviewMarkdown(): Promise<boolean> {
  if (vscode.extensions.getExtension('vscode.markdown-language-features')) return true;
  return (await vscode.commands.getCommands(true)).includes('markdown.showPreview');
}
