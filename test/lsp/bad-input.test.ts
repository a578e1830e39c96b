// Bad input never takes the server down: broken YAML is one parse-error at its place, garbage is handled,
// an internal error on one document is one diagnostic and a log line, and other documents keep working.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { AUTO_IP_YAML, rangeOf } from './templates';

const FAULT = 'TRIGGER-INJECTED-FAULT';
const workspace = tempDir();
let client: TestClient;
let counter = 0;

before(async () => {
  client = await TestClient.start({ folder: workspace.dir, env: { EXPOSURE_LINT_TEST_FAULT: FAULT } });
});

after(async () => {
  await client.stop();
  workspace.remove();
});

function docUri(ext = 'yaml'): string {
  return uriOf(join(workspace.dir, `bad-${++counter}.${ext}`));
}

/** The server still lints a good template (proves it survived whatever came before). */
async function stillServing(): Promise<void> {
  const uri = docUri();
  await client.open(uri, AUTO_IP_YAML);
  const published = await client.diagnostics(uri);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  await client.close(uri);
}

/** Deterministic bytes that are not text. */
function garbage(length: number): string {
  let seed = 12345;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode((seed >> 16) & 0xff);
  }
  return out;
}

test('broken YAML in a template: exactly one parse-error diagnostic where the syntax breaks', async () => {
  const text = AUTO_IP_YAML.replace('      CidrBlock: 10.0.2.0/24', '      CidrBlock: [10.0.2.0/24');
  const uri = docUri();
  await client.open(uri, text);
  const published = await client.diagnostics(uri);
  const at = rangeOf(text, 'M', 'CidrBlock: [10.0.2.0/24');
  assert.deepEqual(
    published.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
    [{ code: 'parse-error', severity: DiagnosticSeverity.Error, message: 'YAML syntax error: missed comma between flow collection entries', range: at }],
  );
  // Fixing the syntax brings the real findings back.
  const version = await client.change(uri, [{ text: AUTO_IP_YAML }]);
  assert.deepEqual((await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  await client.close(uri);
});

test('binary garbage: silent when it is no template, one parse-error when it claims to be one; the server keeps serving', async () => {
  const plain = docUri();
  await client.open(plain, garbage(20_000));
  const claimed = docUri();
  await client.open(claimed, `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n\u0000${garbage(5_000)}`);
  const published = await client.diagnostics(claimed);
  assert.equal(published.diagnostics.length, 1);
  const [diagnostic] = published.diagnostics;
  assert.equal(diagnostic.code, 'parse-error');
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  assert.match(String(diagnostic.message), /^Binary file\b.*; not a template$/);
  // At the top of the file or at the NUL byte (line 2), never past it.
  assert.ok([0, 2].includes(diagnostic.range.start.line) && diagnostic.range.start.character === 0, JSON.stringify(diagnostic.range));
  assert.equal(client.published(plain), undefined);
  await stillServing();
  await client.close(plain);
  await client.close(claimed);
});

test('absurd nesting and a YAML alias bomb are reported with bounded work', async () => {
  const deep = docUri();
  await client.open(deep, `AWSTemplateFormatVersion: '2010-09-09'\nResources: ${'['.repeat(50_000)}\n`);
  const bomb = docUri();
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('Resources:', '  Bomb:', '    Type: AWS::EC2::Instance', '    Properties:', '      Tags: *a11');
  await client.open(bomb, lines.join('\n') + '\n');
  const deepDiagnostics = (await client.diagnostics(deep)).diagnostics;
  assert.ok(deepDiagnostics.length >= 1 && deepDiagnostics.every((d) => d.code === 'parse-error'), JSON.stringify(deepDiagnostics.map((d) => d.message)));
  await stillServing();
  await client.close(deep);
  await client.close(bomb);
});

test('an internal error on one document: one diagnostic and a log line; the others keep working; fixing it recovers', async () => {
  const bad = docUri();
  const good = docUri();
  const failing = `${AUTO_IP_YAML}# ${FAULT}\n`;
  await client.open(bad, failing);
  await client.open(good, AUTO_IP_YAML);
  const badDiagnostics = await client.diagnostics(bad);
  assert.deepEqual(
    badDiagnostics.diagnostics.map((d) => ({ code: d.code, source: d.source, severity: d.severity, message: d.message, range: d.range })),
    [
      {
        code: 'internal-error',
        source: 'exposure-lint',
        severity: DiagnosticSeverity.Warning,
        message: badDiagnostics.diagnostics[0].message,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  );
  assert.match(String(badDiagnostics.diagnostics[0].message), /^exposure-lint could not check this file \(internal error\): injected fault \(EXPOSURE_LINT_TEST_FAULT\)/);
  assert.equal((await client.diagnostics(good)).diagnostics.length, 2);
  assert.ok(client.logs.some((line) => line.includes(`Internal error on ${bad}`) && line.includes('injected fault')), client.logs.join('\n'));
  // Code actions on the failed document answer (with nothing) instead of failing.
  assert.deepEqual(await client.codeActions(bad, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, badDiagnostics.diagnostics), []);
  const version = await client.change(bad, [{ text: AUTO_IP_YAML }]);
  assert.deepEqual((await client.diagnostics(bad, (p) => p.version === version)).diagnostics.map((d) => d.code), ['public-subnet-auto-ip', 'public-subnet-auto-ip']);
  await client.close(bad);
  await client.close(good);
});

test('requests about documents the server does not know are answered, not failed', async () => {
  const unknown = uriOf(join(workspace.dir, 'never-opened.yaml'));
  assert.deepEqual(await client.codeActions(unknown, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
  const resolved = await client.resolveCodeAction({ title: 'Fix all', kind: 'source.fixAll.exposure-lint', data: { fixAll: true, uri: unknown, version: 3 } });
  assert.equal(resolved.edit, undefined);
  await stillServing();
});
