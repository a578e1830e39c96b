// Findings new since HEAD are marked in their diagnostics (message and data), and exposureLint/exposureReport
// returns the exposure changes since a revision; outside a repository neither guesses.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_YAML } from './templates';

/** The template as committed: only PublicA maps public IPs (PublicB's finding is what the edit adds). */
const COMMITTED = AUTO_IP_YAML.replace(/(PublicB:[\s\S]*?)MapPublicIpOnLaunch: true/, '$1MapPublicIpOnLaunch: false');
const MESSAGE_B = 'PublicB (0.0.0.0/0 -> Igw) gives every instance launched in it a public IP and could host backends: reachable from the internet without the ALB';
const MESSAGE_A = MESSAGE_B.replace('PublicB', 'PublicA');

function gitRepo(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  writeFileSync(join(dir, 'net.yaml'), COMMITTED);
  git('add', 'net.yaml');
  git('commit', '-q', '-m', 'network');
}

test('a finding the edit introduces is marked "new since HEAD"; the one already committed is not', async () => {
  const workspace = tempDir();
  gitRepo(workspace.dir);
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const uri = uriOf(join(workspace.dir, 'net.yaml'));
    await client.open(uri, AUTO_IP_YAML);
    const marked = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => (d.data as { newSince?: string }).newSince));
    assert.deepEqual(
      marked.diagnostics.map((d) => [d.message, (d.data as { newSince?: string }).newSince]),
      [
        [MESSAGE_A, undefined],
        [`${MESSAGE_B} (new since HEAD)`, 'HEAD'],
      ],
    );
    // The fingerprint does not change with the mark (it identifies the finding, not its wording).
    assert.match((marked.diagnostics[1].data as { fingerprint: string }).fingerprint, /^public-subnet-auto-ip:PublicB:/);
    // Marks stay on the next lint at once (no flicker back to unmarked), then go with the finding.
    const version = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# edited\n' }]);
    const next = await client.diagnostics(uri, (p) => p.version === version);
    assert.equal(next.diagnostics[1].message, `${MESSAGE_B} (new since HEAD)`);
    // The report compares saved files with the revision: save first.
    writeFileSync(join(workspace.dir, 'net.yaml'), AUTO_IP_YAML);
    const report = await client.connection.sendRequest('exposureLint/exposureReport', { format: 'markdown' });
    const text = (report as { report: string }).report;
    assert.match(text, /^# Exposure changes since HEAD\n\n1 introduced, 0 resolved, 1 unchanged\n/);
    assert.ok(text.includes('- `[~] AWS::EC2::Subnet PublicB: MapPublicIpOnLaunch false -> true`'), text);
    // Turned off: plain messages.
    await client.setSettings({ markNewSince: '' });
    const plain = await client.nextDiagnostics(uri);
    assert.deepEqual(plain.diagnostics.map((d) => d.message), [MESSAGE_A, MESSAGE_B]);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('outside a git repository nothing is marked and the report says why', async () => {
  const workspace = tempDir();
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const report = (await client.connection.sendRequest('exposureLint/exposureReport', {})) as { report?: string; error?: string };
    assert.equal(report.report, undefined);
    assert.match(report.error ?? '', /is not inside a git repository/);
    const uri = uriOf(join(workspace.dir, 'net.yaml'));
    writeFileSync(join(workspace.dir, 'net.yaml'), AUTO_IP_YAML);
    await client.open(uri, AUTO_IP_YAML);
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.message), [MESSAGE_A, MESSAGE_B]);
    assert.ok(client.logs.every((line) => !line.includes('Internal error')), client.logs.join('\n'));
  } finally {
    await client.stop();
    workspace.remove();
  }
});
