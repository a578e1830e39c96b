// The extension's commands: "Lint workspace" (server request under a progress notification), "Show exposure changes since HEAD" and "Show output".
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { COMMAND_LINT_WORKSPACE, COMMAND_SHOW_EXPOSURE_CHANGES, COMMAND_SHOW_OUTPUT, REPORT_SCHEME, REQUEST_LINT_WORKSPACE } from './constants';
import { ReportDocuments, showExposureChanges } from './exposure-report';
import { StatusBar } from './status-bar';
import { describeLintResult } from './lint-result';

interface CommandContext {
  client(): LanguageClient | undefined;
  output(): vscode.LogOutputChannel;
  statusBar: StatusBar;
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  const reports = new ReportDocuments();
  context.subscriptions.push(
    reports,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand(COMMAND_SHOW_OUTPUT, () => ctx.output().show(true)),
    vscode.commands.registerCommand(COMMAND_LINT_WORKSPACE, () => lintWorkspace(ctx)),
    vscode.commands.registerCommand(COMMAND_SHOW_EXPOSURE_CHANGES, (resource?: unknown) =>
      showExposureChanges({ ...ctx, documents: reports }, resource instanceof vscode.Uri ? resource : undefined)),
  );
}

async function lintWorkspace(ctx: CommandContext): Promise<unknown> {
  const client = ctx.client();
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('exposure-lint is not running (see the exposureLint.enable setting and the output).');
    return undefined;
  }
  const before = ctx.statusBar.getState();
  ctx.statusBar.setState('linting');
  try {
    // Results arrive as published diagnostics, so files that are not open show up in the Problems panel.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'exposure-lint: linting the workspace', cancellable: true },
      (progress, token) => lintWithProgress(client, progress, token),
    );
    const summary = describeLintResult(result);
    ctx.output().info(summary);
    void vscode.window.setStatusBarMessage(summary, 5000);
    return result;
  } catch (error) {
    ctx.output().error(`workspace lint failed: ${String(error)}`);
    void vscode.window.showErrorMessage('exposure-lint: workspace lint failed (see the output).');
    return undefined;
  } finally {
    ctx.statusBar.setState(before === 'linting' ? 'running' : before);
  }
}

let requestCount = 0;

/** Sends the request with a workDoneToken of our own and relays the server's $/progress (percentage, current file) to the notification. */
async function lintWithProgress(client: LanguageClient, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<unknown> {
  const workDoneToken = `exposure-lint/lintWorkspace/${++requestCount}`;
  let reported = 0;
  const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
    if (value.kind === 'end') return;
    const increment = value.percentage === undefined ? undefined : Math.max(0, value.percentage - reported);
    if (value.percentage !== undefined) reported = Math.max(reported, value.percentage);
    progress.report({ message: value.message, increment });
  });
  try {
    return await client.sendRequest(REQUEST_LINT_WORKSPACE, { workDoneToken }, token);
  } finally {
    listener.dispose();
  }
}
