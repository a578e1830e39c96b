// Extension API tests in a real editor: diagnostics, quick fixes, fix-all, settings, Lint workspace, enable/disable.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { codes, codeOf, describe, EditorTest, ours, waitForDiagnostics } from './harness';

const EXTENSION_ID = 'exposure-lint.exposure-lint';
const FIX_ALL = 'source.fixAll.exposure-lint';

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

const webApp = () => workspaceUri('web-app.yaml');
const PUBLIC_IP_MESSAGE = 'AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB';
const PUBLIC_SUBNET_MESSAGE = 'AdminHost is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT';
// web-app.yaml, 0-based: line 72 is `SubnetId: !Ref PublicA`, line 73 `AssociatePublicIpAddress: true` of AdminHost's interface.
const EXPECTED = [
  { code: 'backend-in-public-subnet', severity: 'Warning', range: [72, 10, 72, 32], message: PUBLIC_SUBNET_MESSAGE },
  { code: 'public-ip-on-backend', severity: 'Error', range: [73, 10, 73, 40], message: PUBLIC_IP_MESSAGE },
];

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" did not apply`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('exposureLint');
}

let original: string | undefined;
/** web-app.yaml as the fixture has it, read before any test edits and saves it. */
export function originalWebApp(): string {
  original ??= readFileSync(webApp().fsPath, 'utf8');
  return original;
}

/** A fresh copy of the unfixed web-app.yaml under another name, for tests that must start from it. */
function copyOfWebApp(name: string): vscode.Uri {
  const uri = workspaceUri(name);
  writeFileSync(uri.fsPath, originalWebApp());
  return uri;
}

export const editorTests: EditorTest[] = [
  {
    name: 'diagnostics: a template gets its findings with rule code, severity, range, docs link and exposure path',
    async run() {
      originalWebApp();
      const compose = workspaceUri('compose.yaml');
      await open(compose);
      await open(webApp());
      const diagnostics = await waitForDiagnostics(webApp(), (d) => d.length >= 2, 'two findings on web-app.yaml');
      assert.deepEqual(diagnostics.map(describe).sort((a, b) => a.range[0] - b.range[0]), EXPECTED);
      const publicIp = diagnostics.find((d) => codeOf(d) === 'public-ip-on-backend')!;
      const code = publicIp.code as { value: string; target: vscode.Uri };
      assert.match(code.target.toString(), /public-ip-on-backend/);
      const related = (publicIp.relatedInformation ?? []).map((r) => `${vscode.workspace.asRelativePath(r.location.uri)}:${r.location.range.start.line}: ${r.message}`);
      assert.ok(related.some((r) => /^web-app\.yaml:\d+: PublicRoutes routes 0\.0\.0\.0\/0 to Igw$/.test(r)), `exposure path missing the route: ${JSON.stringify(related)}`);
      // compose.yaml was opened first: a server that had linted it would have published by now.
      assert.deepEqual(vscode.languages.getDiagnostics(compose).map(describe), [], 'a Compose file is not a template');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension?.isActive, `${EXTENSION_ID} is not active`);
    },
  },
  {
    name: 'settings: exposureLint.rules turns a rule off and changes another one\'s severity',
    async run() {
      await settings().update('rules', { 'backend-in-public-subnet': 'off', 'public-ip-on-backend': 'info' }, vscode.ConfigurationTarget.Workspace);
      try {
        const changed = await waitForDiagnostics(webApp(), (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information, 'only public-ip-on-backend, as info');
        assert.deepEqual(changed.map(describe), [{ ...EXPECTED[1], severity: 'Information' }]);
      } finally {
        await settings().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      const restored = await waitForDiagnostics(webApp(), (d) => d.length === 2, 'both findings back after the setting is removed');
      assert.deepEqual(codes(restored), ['backend-in-public-subnet', 'public-ip-on-backend']);
    },
  },
  {
    name: 'quick fix: the preferred fix removes the public IP and moves AdminHost behind the NAT, both findings go away, the file saves',
    async run() {
      const document = await open(webApp());
      const diagnostic = ours(webApp()).find((d) => codeOf(d) === 'public-ip-on-backend');
      assert.ok(diagnostic, 'public-ip-on-backend is not reported');
      const actions = await quickFixes(webApp(), diagnostic.range);
      const titles = actions.map((a) => `${a.isPreferred ? '*' : ''}${a.title}`);
      assert.deepEqual(titles.filter((t) => t.includes('public-ip-on-backend') || t.includes('public IP')), [
        '*Do not assign a public IP to AdminHost and place it in private subnet PrivateA',
        'Disable public-ip-on-backend for this line',
        'Disable public-ip-on-backend for resource AdminHost (Metadata)',
        'Disable public-ip-on-backend for this file',
        'Show documentation for public-ip-on-backend',
      ]);
      await apply(actions.find((a) => a.isPreferred)!);
      assert.equal(document.lineAt(72).text, '          SubnetId: !Ref PrivateA');
      assert.equal(document.lineAt(73).text, '          AssociatePublicIpAddress: false');
      await waitForDiagnostics(webApp(), (d) => d.length === 0, 'both findings gone after the fix');
      assert.equal(await document.save(), true);
      assert.equal(readFileSync(webApp().fsPath, 'utf8').split('\n')[73], '          AssociatePublicIpAddress: false');
    },
  },
  {
    name: 'quick fix: "Disable <rule> for this line" adds a suppression comment that silences the finding',
    async run() {
      // A fresh copy: the preferred fix above moved web-app.yaml's AdminHost out of the public subnet.
      const uri = copyOfWebApp('disable-line.yaml');
      const document = await open(uri);
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'backend-in-public-subnet'), 'backend-in-public-subnet on disable-line.yaml');
      const diagnostic = ours(uri).find((d) => codeOf(d) === 'backend-in-public-subnet')!;
      const actions = await quickFixes(uri, diagnostic.range);
      const disable = actions.find((a) => a.title === 'Disable backend-in-public-subnet for this line');
      assert.ok(disable, `no disable-line action in ${JSON.stringify(actions.map((a) => a.title))}`);
      const before = document.getText();
      await apply(disable);
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'backend-in-public-subnet') && d.length === 1, 'only the public IP finding left after the suppression');
      const added = document.getText().split('\n').filter((line) => !before.split('\n').includes(line));
      assert.equal(added.length, 1, `one changed or added line expected: ${JSON.stringify(added)}`);
      assert.match(added[0], /#\s*exposure-lint-disable(-next-line|-line) backend-in-public-subnet\b/);
    },
  },
  {
    name: 'fix-all: source.fixAll.exposure-lint applies every preferred fix at once',
    async run() {
      const uri = copyOfWebApp('fix-all.yaml');
      const document = await open(uri);
      const original = document.getText();
      await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings on fix-all.yaml');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri,
        new vscode.Range(0, 0, document.lineCount, 0), FIX_ALL, 10);
      assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [['Fix all auto-fixable exposure-lint problems', FIX_ALL]]);
      await apply(actions[0]);
      const expected = original
        .replace('          SubnetId: !Ref PublicA\n          AssociatePublicIpAddress: true', '          SubnetId: !Ref PrivateA\n          AssociatePublicIpAddress: false');
      assert.notEqual(expected, original);
      assert.equal(document.getText(), expected);
      await waitForDiagnostics(uri, (d) => d.length === 0, 'no findings after fix-all');
      assert.equal(await document.save(), true);
    },
  },
  {
    name: 'Lint workspace: a template that was never opened gets its findings in the Problems panel',
    async run() {
      const worker = workspaceUri('nested', 'worker.yaml');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === worker.toString()), 'worker.yaml must not be open');
      assert.deepEqual(ours(worker).map(describe), [], 'nothing reports worker.yaml before the command');
      const result = await vscode.commands.executeCommand<{ targets: number; findings: number; cancelled: boolean }>('exposureLint.lintWorkspace');
      assert.ok(result, 'the command returned no result');
      assert.equal(result.cancelled, false);
      assert.ok(result.findings >= 1, `findings: ${JSON.stringify(result)}`);
      const diagnostics = await waitForDiagnostics(worker, (d) => d.length > 0, 'findings on the unopened worker.yaml');
      assert.deepEqual(diagnostics.map(describe), [{
        code: 'backend-in-public-subnet', severity: 'Warning', range: [40, 6, 40, 28],
        message: 'Worker is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT',
      }]);
    },
  },
  {
    name: 'exposureLint.enable: false stops the server and clears its findings; true brings them back',
    async run() {
      const uri = copyOfWebApp('toggle.yaml');
      await open(uri);
      await waitForDiagnostics(uri, (d) => d.length === 2, 'two findings on toggle.yaml');
      await settings().update('enable', false, vscode.ConfigurationTarget.Workspace);
      try {
        await waitForDiagnostics(uri, (d) => d.length === 0, 'findings cleared when disabled');
      } finally {
        await settings().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
      }
      const back = await waitForDiagnostics(uri, (d) => d.length === 2, 'findings back when enabled again');
      assert.deepEqual(codes(back), ['backend-in-public-subnet', 'public-ip-on-backend']);
    },
  },
];
