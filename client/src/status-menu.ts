// The status bar item's menu: a quick pick of the extension's actions (the map, workspace lint, changes, output).
import * as vscode from 'vscode';
import { COMMAND_LINT_WORKSPACE, COMMAND_SHOW_EXPOSURE_CHANGES, COMMAND_SHOW_MAP, COMMAND_SHOW_OUTPUT, COMMAND_STATUS_MENU } from './constants';

const ITEMS: (vscode.QuickPickItem & { command: string })[] = [
  { label: '$(graph) Show exposure map', description: 'of the active template, module or CDK app', command: COMMAND_SHOW_MAP },
  { label: '$(checklist) Lint workspace', command: COMMAND_LINT_WORKSPACE },
  { label: '$(git-compare) Show exposure changes since HEAD', command: COMMAND_SHOW_EXPOSURE_CHANGES },
  { label: '$(output) Show output', command: COMMAND_SHOW_OUTPUT },
];

export function registerStatusMenu(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_STATUS_MENU, async () => {
      // The map is for the editor that was active before the menu opened.
      const active = vscode.window.activeTextEditor?.document.uri;
      const picked = await vscode.window.showQuickPick(ITEMS, { title: 'exposure-lint', placeHolder: 'Choose an action' });
      if (!picked) return;
      await vscode.commands.executeCommand(picked.command, picked.command === COMMAND_SHOW_MAP ? active : undefined);
    }),
  );
}
