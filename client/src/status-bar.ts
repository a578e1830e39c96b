// Status bar item: the server's state and how many exposure-lint findings the Problems panel holds.
import * as vscode from 'vscode';
import { COMMAND_STATUS_MENU, DIAGNOSTIC_SOURCE } from './constants';

export type ServerState = 'starting' | 'running' | 'linting' | 'stopped' | 'error' | 'disabled';

const ICONS: Record<ServerState, string> = {
  starting: '$(loading~spin)',
  running: '$(shield)',
  linting: '$(sync~spin)',
  stopped: '$(circle-slash)',
  error: '$(error)',
  disabled: '$(circle-slash)',
};

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('exposureLint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly listener: vscode.Disposable;
  private state: ServerState = 'starting';
  private count = 0;

  constructor() {
    this.item.name = 'exposure-lint';
    this.item.command = COMMAND_STATUS_MENU;
    this.listener = vscode.languages.onDidChangeDiagnostics(() => this.recount());
    this.recount();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  getState(): ServerState {
    return this.state;
  }

  private recount(): void {
    this.count = countFindings(vscode.languages.getDiagnostics());
    this.render();
  }

  private render(): void {
    const findings = this.count === 1 ? '1 finding' : `${this.count} findings`;
    const showCount = this.state === 'running' || this.state === 'linting';
    this.item.text = `${ICONS[this.state]} exposure-lint${showCount ? `: ${this.count}` : ''}`;
    this.item.tooltip = `exposure-lint: ${this.state}${showCount ? `, ${findings}` : ''}. Click for the map, workspace lint and output.`;
    this.item.backgroundColor = this.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

/** Findings from this extension only: other linters' diagnostics on the same files are not ours to count. */
export function countFindings(all: ReadonlyArray<[vscode.Uri, ReadonlyArray<vscode.Diagnostic>]>): number {
  let count = 0;
  for (const [, diagnostics] of all) {
    for (const diagnostic of diagnostics) if (diagnostic.source === DIAGNOSTIC_SOURCE) count++;
  }
  return count;
}
