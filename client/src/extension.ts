// VS Code entry point: starts the exposure-lint language server and wires commands and the status bar.
import * as vscode from 'vscode';
import { LanguageClient, State, StateChangeEvent } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { registerMapView } from './map-view';
import { registerStatusMenu } from './status-menu';
import { StatusBar } from './status-bar';
import { SETTINGS_SECTION } from './constants';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let statusBar: StatusBar | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('exposure-lint', { log: true });
  statusBar = new StatusBar();
  context.subscriptions.push(output, statusBar);
  registerCommands(context, { client: () => client, output: () => output!, statusBar });
  registerMapView(context, () => client, () => output!);
  registerStatusMenu(context);

  // `enable` is the one setting the client acts on itself: it decides whether a server runs at all.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (!event.affectsConfiguration(`${SETTINGS_SECTION}.enable`)) return;
    if (isEnabled()) await start(context);
    else await stop();
  }));
  if (isEnabled()) await start(context);
  else statusBar.setState('disabled');
}

export async function deactivate(): Promise<void> {
  await stop();
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('enable', true);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const started = createClient(context, output!);
  client = started;
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
