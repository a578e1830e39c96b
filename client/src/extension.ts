// VS Code entry point: starts the exposure-lint language server and wires commands and the status bar.
import * as vscode from 'vscode';
import { LanguageClient, State, StateChangeEvent } from 'vscode-languageclient/node';
import { createClient, serverModule } from './client';
import { RuleDocs } from './rule-docs';
import { registerCommands } from './commands';
import { registerMapView } from './map-view';
import { registerStatusMenu } from './status-menu';
import { StatusBar } from './status-bar';
import { COMMAND_SHOW_RULE_DOC, SETTINGS_SECTION } from './constants';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let statusBar: StatusBar | undefined;
let docs: RuleDocs | undefined;

/** What activate returns (for tests and other extensions). */
export interface ExposureLintApi {
  /** The Output channel's log file (VS Code writes the channel there). */
  logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExposureLintApi> {
  output = vscode.window.createOutputChannel('exposure-lint', { log: true });
  statusBar = new StatusBar();
  docs = new RuleDocs(context.extensionUri);
  context.subscriptions.push(output, statusBar);
  registerCommands(context, { client: () => client, output: () => output!, statusBar });
  const ruleDocs = docs;
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND_SHOW_RULE_DOC, (ruleId?: unknown) => ruleDocs.show(ruleId)));
  // The log says at once what runs and from where (the server adds what it reads and each folder's config).
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  output.info(`exposure-lint ${version} activated from ${context.extensionPath} (${vscode.env.appName} ${vscode.version})`);
  registerMapView(context, () => client, () => output!);
  registerStatusMenu(context);

  // `enable` is the one setting the client acts on itself: it decides whether a server runs at all.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (!event.affectsConfiguration(`${SETTINGS_SECTION}.enable`)) return;
    if (isEnabled()) await start(context);
    else await stop();
  }));
  if (isEnabled()) await start(context);
  else {
    statusBar.setState('disabled');
    output.info('exposureLint.enable is false: the language server is not started');
  }
  return { logUri: vscode.Uri.joinPath(context.logUri, 'exposure-lint.log') };
}

export async function deactivate(): Promise<void> {
  await stop();
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('enable', true);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const started = createClient(context, output!, docs!);
  client = started;
  output!.info(`starting the language server ${serverModule(context)} (Node IPC)`);
  statusBar!.setState('starting');
  started.onDidChangeState((event: StateChangeEvent) => {
    if (event.newState === State.Running) statusBar!.setState('running');
    else if (event.newState === State.Stopped && client === started) statusBar!.setState('stopped');
  });
  try {
    await started.start();
  } catch (error) {
    // A server that cannot start must not break the editor: say so once and keep the output at hand.
    statusBar!.setState('error');
    output!.error(`the language server did not start: ${String(error)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  statusBar?.setState('disabled');
  if (running && running.needsStop()) await running.stop();
}
