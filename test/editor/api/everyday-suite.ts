// Extension API tests for the editor as users live in it (issue 14): the Output log at start, fix-all and rule
// actions in the Ctrl+. menu, offline rule pages, workspace results that survive closing a file and follow the disk,
// and .exposure-lint.yaml mistakes shown in the file itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { codes, codeOf, describe, EditorTest, ours, waitForDiagnostics } from './harness';
import { open, originalWebApp, workspaceUri } from './suite';

const EXTENSION_ID = 'exposure-lint.exposure-lint';
const FIX_ALL_TITLE = 'Fix all auto-fixable exposure-lint problems';

/** A fresh copy of the fixture web-app.yaml as committed (two findings: backend-in-public-subnet, public-ip-on-backend). */
function webAppCopy(...path: string[]): vscode.Uri {
  const uri = workspaceUri(...path);
  writeFileSync(uri.fsPath, originalWebApp());
  return uri;
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The 4th argument resolves lazy actions (fix-all's edit) as the lightbulb menu does when one is chosen.
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 50);
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

function diagnosticOf(uri: vscode.Uri, rule: string): vscode.Diagnostic {
  const diagnostic = ours(uri).find((d) => codeOf(d) === rule);
  assert.ok(diagnostic, `no ${rule} on ${uri.fsPath}: ${JSON.stringify(ours(uri).map(describe))}`);
  return diagnostic;
}

async function readLog(predicate: (text: string) => boolean, what: string): Promise<string> {
  const api = vscode.extensions.getExtension<{ logUri: vscode.Uri }>(EXTENSION_ID)!.exports;
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = existsSync(api.logUri.fsPath) ? readFileSync(api.logUri.fsPath, 'utf8') : '';
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200)); // the log file is flushed by the editor, not on an event
  }
  throw new Error(`the Output log (${api.logUri.fsPath}) never showed ${what}:\n${text}`);
}

export const everydayTests: EditorTest[] = [
  {
    name: 'Output: at start the log names the version, the server path, what it reads and each folder\'s config, one timestamp per line',
    async run() {
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      const text = await readLog((t) => t.includes('Folder '), 'the folder line');
      const stamp = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[info\\] ';
      assert.match(text, new RegExp(`^${stamp}exposure-lint 0\\.1\\.0 activated from .+ \\(.+\\)$`, 'm'));
      assert.match(text, new RegExp(`^${stamp}starting the language server .+/dist/server\\.js \\(Node IPC\\)$`, 'm'));
      assert.match(text, new RegExp(`^${stamp}exposure-lint 0\\.1\\.0 language server: .+server\\.js on Node v\\d+`, 'm'));
      assert.match(text, new RegExp(`^${stamp}Reads: CloudFormation templates \\(YAML, JSON\\), Terraform modules \\(\\*\\.tf, \\*\\.tf\\.json\\), CDK cloud assemblies`, 'm'));
      assert.ok(text.includes(`[info] Folder ${folder}: no .exposure-lint.yaml (rule defaults)`), text);
      for (const line of text.split('\n').filter(Boolean)) {
        assert.match(line, new RegExp(`^${stamp.replace('\\[info\\] ', '\\[\\w+\\] ')}`), `a line without its timestamp: ${line}`);
        assert.doesNotMatch(line, /\[\d{4}-\d\d-\d\dT\d\d:/, `two timestamps on one line: ${line}`);
      }
    },
  },
  {
    name: 'Ctrl+.: "Fix all auto-fixable exposure-lint problems" is a quick fix too, after the finding\'s own fixes, and fixes the file',
    async run() {
      const uri = webAppCopy('quick-fix-all.yaml');
      await open(uri);
      await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings on quick-fix-all.yaml');
      const actions = await actionsAt(uri, diagnosticOf(uri, 'public-ip-on-backend').range);
      const titles = actions.map((a) => a.title);
      const fixAll = actions.find((a) => a.title === FIX_ALL_TITLE);
      assert.ok(fixAll, `no fix-all in the quick fix menu: ${JSON.stringify(titles)}`);
      assert.equal(fixAll.kind?.value, 'quickfix');
      assert.ok(titles.indexOf(FIX_ALL_TITLE) > titles.indexOf('Do not assign a public IP to AdminHost'), `order: ${JSON.stringify(titles)}`);
      assert.ok(fixAll.edit, 'fix-all resolved to an edit');
      assert.equal(await vscode.workspace.applyEdit(fixAll.edit), true);
      await waitForDiagnostics(uri, (d) => d.length === 0, 'no findings after fix-all from the quick fix menu');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    name: 'Ctrl+.: "Show documentation for <rule>" opens the rule page shipped in the extension; the docs link points there too (offline)',
    async run() {
      const uri = webAppCopy('show-doc.yaml');
      await open(uri);
      await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings on show-doc.yaml');
      const diagnostic = diagnosticOf(uri, 'public-ip-on-backend');
      const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
      const page = vscode.Uri.joinPath(extensionPath, 'rules', 'public-ip-on-backend', 'public-ip-on-backend.md');
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.toString(), page.toString(), 'the docs link is the shipped page');
      assert.ok(existsSync(page.fsPath), 'the .vsix ships the page');
      const action = (await actionsAt(uri, diagnostic.range)).find((a) => a.title === 'Show documentation for public-ip-on-backend');
      assert.ok(action?.command, 'a Show documentation action with a command');
      assert.equal(action.command.command, 'exposureLint.showRuleDoc');
      assert.deepEqual(action.command.arguments, ['public-ip-on-backend']);
      const shown = await vscode.commands.executeCommand<{ uri?: string; shownIn?: string }>(action.command.command, ...action.command.arguments!);
      assert.equal(shown?.uri, page.toString());
      const markdown = !!vscode.extensions.getExtension('vscode.markdown-language-features');
      assert.equal(shown?.shownIn, markdown ? 'preview' : 'editor');
      assert.match(readFileSync(page.fsPath, 'utf8'), /^# public-ip-on-backend/m);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
  },
  {
    name: 'Ctrl+.: "Disable <rule> for this file" writes the directive at the top; that rule goes quiet, the other stays',
    async run() {
      const uri = webAppCopy('disable-file.yaml');
      const document = await open(uri);
      await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings on disable-file.yaml');
      const action = (await actionsAt(uri, diagnosticOf(uri, 'backend-in-public-subnet').range)).find((a) => a.title === 'Disable backend-in-public-subnet for this file');
      assert.ok(action?.edit, 'a Disable for this file action');
      assert.equal(await vscode.workspace.applyEdit(action.edit), true);
      assert.equal(document.lineAt(0).text, '# exposure-lint-disable backend-in-public-subnet');
      const left = await waitForDiagnostics(uri, (d) => d.length === 1, 'only public-ip-on-backend left');
      assert.deepEqual(codes(left), ['public-ip-on-backend']);
      const again = await actionsAt(uri, diagnosticOf(uri, 'public-ip-on-backend').range);
      assert.ok(again.some((a) => a.title === 'Disable public-ip-on-backend for this file'));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    // Closing a file keeps its workspace findings: the editor closes documents opened through the API minutes
    // later, so that half is tested in the UI test (Ctrl+P, Ctrl+W) and over stdio (test/lsp/workspace-results.test.ts).
    name: 'Lint workspace: templates written on disk afterwards (git pull) get their findings from the file watcher, deleted ones lose them',
    async run() {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const worker = workspaceUri('nested', 'worker.yaml');
      const result = await vscode.commands.executeCommand<{ cancelled: boolean }>('exposureLint.lintWorkspace');
      assert.equal(result?.cancelled, false);
      await waitForDiagnostics(worker, (d) => d.length === 1, 'the workspace finding on worker.yaml');
      // A template appears on disk (git pull, a generator): the workspace result is refreshed without running the command.
      mkdirSync(workspaceUri('pulled').fsPath, { recursive: true });
      const pulled = webAppCopy('pulled', 'from-git.yaml');
      const appeared = await waitForDiagnostics(pulled, (d) => d.length === 2, 'findings on a template written to disk after Lint workspace');
      assert.deepEqual(codes(appeared), ['backend-in-public-subnet', 'public-ip-on-backend']);
      rmSync(workspaceUri('pulled').fsPath, { recursive: true, force: true });
      await waitForDiagnostics(pulled, (d) => d.length === 0, 'findings gone once the template is deleted');
    },
  },
  {
    name: '.exposure-lint.yaml: an unknown rule, a bad severity and an unknown key are diagnostics at their place in the file',
    async run() {
      mkdirSync(workspaceUri('config-typos').fsPath, { recursive: true });
      const config = workspaceUri('config-typos', '.exposure-lint.yaml');
      writeFileSync(config.fsPath, 'rules:\n  public-ip-on-backnd: off\n  unrestricted-egress: loud\nignor: []\n');
      try {
        await open(config);
        const diagnostics = await waitForDiagnostics(config, (d) => d.length === 3, 'three config diagnostics');
        const until = '; until fixed, files under this config are linted with the defaults';
        assert.deepEqual(diagnostics.map(describe).sort((a, b) => a.range[0] - b.range[0]), [
          { code: 'config', severity: 'Error', range: [1, 2, 1, 21], message: `unknown rule "public-ip-on-backnd" (did you mean "public-ip-on-backend"?) (see exposure-lint --list-rules)${until}` },
          { code: 'config', severity: 'Error', range: [2, 23, 2, 27], message: `rules.unrestricted-egress: "loud" is not one of error, warning, info, off${until}` },
          { code: 'config', severity: 'Error', range: [3, 0, 3, 5], message: `unknown key "ignor" (did you mean "ignore"?) (expected rules, ignore, intended-edges, possible)${until}` },
        ]);
        // Fixing the typos in the editor clears them as you type.
        const document = await vscode.workspace.openTextDocument(config);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(config, new vscode.Range(0, 0, document.lineCount, 0), 'rules:\n  public-ip-on-backend: off\n  unrestricted-egress: info\nignore: []\n');
        await vscode.workspace.applyEdit(edit);
        await waitForDiagnostics(config, (d) => d.length === 0, 'no config diagnostics once fixed');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        rmSync(workspaceUri('config-typos').fsPath, { recursive: true, force: true });
      }
    },
  },
];
