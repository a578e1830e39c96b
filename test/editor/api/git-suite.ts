// Extension API tests in a git workspace: "(new since HEAD)" marks, the exposure report command and its errors, debounceMs/markNewSince.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { git } from '../git';
import { describe, EditorTest, ours, waitForDiagnostics } from './harness';
import { open, settings, workspaceUri } from './suite';

const NEW = ' (new since HEAD)';
const REPORT_SCHEME = 'exposure-lint-report';
// app-server.yaml is committed clean by the runner (createSandbox with git); the tests below expose AppServer step by step.
const appServer = () => workspaceUri('app-server.yaml');
// AppServer sits in a private subnet: the world rule is reached by nothing from the internet today, so a warning.
const OPEN_8080 = 'AppSg admits tcp 8080 from 0.0.0.0/0: AppServer sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it';
const OPEN_SSH = 'AppSg admits SSH (tcp 22) from 0.0.0.0/0: AppServer can be administered from anywhere instead of through an EC2 Instance Connect Endpoint';
// 0-based: line 74 is the 8080 rule's `CidrIp`; the SSH rule is inserted after it, its `CidrIp` on line 78.
const OPEN_8080_FINDING = { code: 'backend-open-to-internet', severity: 'Warning', range: [74, 10, 74, 27] as [number, number, number, number] };
const OPEN_SSH_FINDING = { code: 'world-open-admin-port', severity: 'Error', range: [78, 10, 78, 27] as [number, number, number, number] };
const INGRESS_8080 = '          ToPort: 8080\n          CidrIp: 10.30.0.0/16\n';
const OPEN_INGRESS_8080 = '          ToPort: 8080\n          CidrIp: 0.0.0.0/0\n';
const SSH_RULE = '        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n';

interface ShowExposureChangesResult {
  uri?: string;
  shownIn?: 'preview' | 'editor';
  error?: string;
}

/** Replaces the one occurrence of `find` in the document (an edit as typing would make it) and waits for the edit to apply. */
async function replaceOnce(document: vscode.TextDocument, find: string, replacement: string): Promise<void> {
  const text = document.getText();
  const at = text.indexOf(find);
  assert.ok(at >= 0 && text.indexOf(find, at + 1) < 0, `"${find}" must occur once in ${document.uri.fsPath}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + find.length)), replacement);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit did not apply');
}

const marked = (message: string) => (d: vscode.Diagnostic[]) => d.some((x) => x.message === message + NEW);

/** The section `## name` of a Markdown report, up to the next `## `. */
function section(report: string, name: string): string[] {
  const start = report.indexOf(`\n## ${name}\n`);
  if (start < 0) return [];
  const rest = report.slice(start + 1).split('\n').slice(1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).filter((line) => line.trim());
}

/** Resolves when `check` holds, testing now and on each change of the editor tabs (the Markdown preview is a tab). */
function waitForTab(check: (tab: vscode.Tab) => boolean, what: string, timeoutMs = 10_000): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(check);
  return new Promise((resolve, reject) => {
    const found = find();
    if (found) return resolve(found);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`));
    }, timeoutMs);
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(tab);
    });
  });
}

export const gitTests: EditorTest[] = [
  {
    name: 'new since HEAD: a finding the edit introduces says so in its message; once committed, it no longer does',
    async run() {
      const document = await open(appServer());
      await replaceOnce(document, INGRESS_8080, OPEN_INGRESS_8080);
      const first = await waitForDiagnostics(appServer(), marked(OPEN_8080), `"${OPEN_8080}${NEW}"`);
      assert.deepEqual(first.map(describe), [{ ...OPEN_8080_FINDING, message: OPEN_8080 + NEW }]);
      assert.equal(await document.save(), true);

      // HEAD moves: the open 8080 is old debt now, and only the next exposure is new.
      git(vscode.workspace.workspaceFolders![0].uri.fsPath, 'commit', '-q', '-m', 'AppSg open on 8080', '--', 'app-server.yaml');
      await replaceOnce(document, OPEN_INGRESS_8080, OPEN_INGRESS_8080 + SSH_RULE);
      const second = await waitForDiagnostics(appServer(), (d) => marked(OPEN_SSH)(d) && d.some((x) => x.message === OPEN_8080),
        `"${OPEN_SSH}${NEW}" beside the committed finding without the mark`);
      assert.deepEqual(second.map(describe).sort((a, b) => a.range[0] - b.range[0]), [
        { ...OPEN_8080_FINDING, message: OPEN_8080 },
        { ...OPEN_SSH_FINDING, message: OPEN_SSH + NEW },
      ]);
      assert.equal(await document.save(), true);
    },
  },
  {
    name: 'Show exposure changes since HEAD: a read-only Markdown report lists the introduced exposure and the old debt',
    async run() {
      const markdown = !!vscode.extensions.getExtension('vscode.markdown-language-features');
      const result = await vscode.commands.executeCommand<ShowExposureChangesResult>('exposureLint.showExposureChanges');
      assert.ok(result?.uri, `no report: ${JSON.stringify(result)}`);
      assert.equal(result.shownIn, markdown ? 'preview' : 'editor', 'the preview when the built-in Markdown extension is there');
      const uri = vscode.Uri.parse(result.uri);
      assert.equal(uri.scheme, REPORT_SCHEME);
      const report = await vscode.workspace.openTextDocument(uri);
      assert.equal(report.languageId, 'markdown');
      const text = report.getText();
      assert.match(text, /^# Exposure changes since HEAD\n/);
      // The SSH rule is the one change since the test's commit; the open 8080 was committed with it.
      // Locations are links that open the file at the line (issue 14 item 7).
      const link = (line: number) => `[\`app-server.yaml:${line}:11\`](${appServer().toString()}#L${line})`;
      assert.ok(section(text, 'Introduced').includes(`- **error** \`world-open-admin-port\` ${OPEN_SSH} (${link(79)})`), `Introduced:\n${section(text, 'Introduced').join('\n')}`);
      const introduced = section(text, 'Introduced');
      const ssh = introduced.findIndex((line) => line.includes('`world-open-admin-port`') && line.includes('app-server.yaml'));
      // Under it, the change that caused it: the SSH rule added to AppSg (as the change table words it).
      const notes = introduced.slice(ssh + 1, introduced.findIndex((line, i) => i > ssh && line.startsWith('- ')));
      assert.ok(notes.includes('  - resource: AppSg') && notes.some((line) => /^ {2}- caused by: .*AppSg.*\b22\b/.test(line)), `notes of the SSH exposure:\n${notes.join('\n')}`);
      assert.ok(section(text, 'Unchanged').includes(`- **warning** \`backend-open-to-internet\` ${OPEN_8080} (${link(75)})`), `Unchanged:\n${section(text, 'Unchanged').join('\n')}`);
      assert.ok(!section(text, 'Introduced').some((line) => line.includes('backend-open-to-internet') && line.includes('app-server.yaml')), 'the committed exposure is not new');
      // Read-only: nothing can write to the report's scheme.
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('x'))));
      if (result.shownIn === 'preview') await waitForTab((tab) => tab.label.includes('Exposure changes since HEAD'), 'the Markdown preview of the report');
    },
  },
  {
    name: 'Show exposure changes since HEAD: a folder that is not a git repository, or has no commit yet, gets a clear error',
    async run() {
      const plain = mkdtempSync(join(tmpdir(), 'exposure-lint-no-git-'));
      const fresh = mkdtempSync(join(tmpdir(), 'exposure-lint-no-commit-'));
      try {
        writeFileSync(join(plain, 'app.yaml'), 'Resources: {}\n');
        git(fresh, 'init', '-q');
        const plainName = plain.split('/').pop()!;
        const freshName = fresh.split('/').pop()!;
        const noRepo = await vscode.commands.executeCommand<ShowExposureChangesResult>('exposureLint.showExposureChanges', vscode.Uri.file(plain));
        assert.deepEqual(noRepo, { error: `${plainName} is not a git repository, so there is nothing to compare with: the exposure changes are measured against a commit (git init, then commit the templates).` });
        const noCommit = await vscode.commands.executeCommand<ShowExposureChangesResult>('exposureLint.showExposureChanges', vscode.Uri.file(fresh));
        assert.deepEqual(noCommit, { error: `${freshName} has no commits yet, so there is nothing to compare with: commit the templates once, then this shows what later changes expose or fix.` });
      } finally {
        rmSync(plain, { recursive: true, force: true });
        rmSync(fresh, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'settings: exposureLint.debounceMs and exposureLint.markNewSince are registered, accepted and reach the server',
    async run() {
      assert.equal(settings().inspect<number>('debounceMs')?.defaultValue, 50);
      assert.equal(settings().inspect<string>('markNewSince')?.defaultValue, 'HEAD');
      const document = await open(appServer());
      // VS Code refuses to write a setting no extension registered: these updates resolving is the registration at work.
      await settings().update('debounceMs', 0, vscode.ConfigurationTarget.Workspace);
      await settings().update('markNewSince', '', vscode.ConfigurationTarget.Workspace);
      try {
        assert.equal(settings().get('debounceMs'), 0);
        const unmarked = await waitForDiagnostics(appServer(), (d) => d.length === 2 && d.every((x) => !x.message.endsWith(NEW)), 'no "new since" marks with markNewSince ""');
        assert.deepEqual(unmarked.map((d) => d.message).sort(), [OPEN_SSH, OPEN_8080]);
        // Linting goes on with the new debounce: removing the SSH rule removes its finding.
        await replaceOnce(document, SSH_RULE, '');
        const after = await waitForDiagnostics(appServer(), (d) => d.length === 1, 'the SSH finding gone after the edit');
        assert.deepEqual(after.map(describe), [{ ...OPEN_8080_FINDING, message: OPEN_8080 }]);
        await replaceOnce(document, OPEN_INGRESS_8080, OPEN_INGRESS_8080 + SSH_RULE);
      } finally {
        await settings().update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
        await settings().update('markNewSince', undefined, vscode.ConfigurationTarget.Workspace);
      }
      const back = await waitForDiagnostics(appServer(), (d) => d.length === 2 && marked(OPEN_SSH)(d), 'the mark back with markNewSince at its default');
      assert.deepEqual(back.map((d) => d.message).sort(), [OPEN_SSH + NEW, OPEN_8080]);
      assert.deepEqual(ours(appServer()).map(describe).sort((a, b) => a.range[0] - b.range[0]), [
        { ...OPEN_8080_FINDING, message: OPEN_8080 },
        { ...OPEN_SSH_FINDING, message: OPEN_SSH + NEW },
      ]);
    },
  },
];
