// The language server on hostile input: protocol misuse gets the LSP's errors (no stack in the log), and a
// workspace lint over a hostile folder (fan-out, FIFO, device link) ends, reports them, and leaves the server
// answering other requests in under a second.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, CodeActionResolveRequest, ResponseError, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../lsp/lsp-client';
import { record, tempFolder } from './bounded';
import { SSH_OPEN_YAML } from './templates';

const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;

async function errorCode(request: Promise<unknown>): Promise<number | string> {
  try {
    await request;
    return 'no error';
  } catch (error) {
    return error instanceof ResponseError ? error.code : String(error);
  }
}

test('codeAction with null params and codeAction/resolve(null) are InvalidParams (not -32603), with no stack in the log', async () => {
  const repo = tempFolder();
  const client = await TestClient.start({ folder: repo.dir });
  try {
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionRequest.method, null)), INVALID_PARAMS);
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionRequest.method, { textDocument: null })), INVALID_PARAMS);
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionResolveRequest.method, null)), INVALID_PARAMS);
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionResolveRequest.method, 42)), INVALID_PARAMS);
    // A well-formed request for an unknown document is still an empty answer.
    assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.method, { textDocument: { uri: uriOf(join(repo.dir, 'none.yaml')) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    assert.deepEqual(client.logs.filter((line) => /^\s+at /m.test(line)), []);
  } finally {
    await client.stop();
    repo.remove();
  }
});

test('requests after shutdown are InvalidRequest, as the LSP specifies', async () => {
  const repo = tempFolder();
  const client = await TestClient.start({ folder: repo.dir });
  try {
    await client.connection.sendRequest(ShutdownRequest.type);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionRequest.method, { textDocument: { uri: uriOf(join(repo.dir, 'a.yaml')) }, range, context: { diagnostics: [] } })), INVALID_REQUEST);
    assert.equal(await errorCode(client.connection.sendRequest(CodeActionResolveRequest.method, { title: 'x' })), INVALID_REQUEST);
    assert.equal(await errorCode(client.connection.sendRequest('exposureLint/lintWorkspace', {})), INVALID_REQUEST);
  } finally {
    await client.stop();
    repo.remove();
  }
});

test('a workspace lint over a hostile folder ends, reports the FIFO and the device link, and requests meanwhile are answered in < 1 s', async () => {
  const repo = tempFolder();
  const dir = repo.dir;
  mkdirSync(join(dir, 'fan'));
  for (let i = 0; i < 30_000; i++) writeFileSync(join(dir, 'fan', `n${i}.txt`), '');
  mkdirSync(join(dir, 'stacks'));
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, 'stacks', `s${i}.yaml`), SSH_OPEN_YAML);
  symlinkSync('.', join(dir, 'stacks', 'loop'));
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  let fifo = false;
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    fifo = true;
  } catch {
    // no mkfifo here: the rest of the case still runs
  }
  writeFileSync(join(dir, 'open.yaml'), SSH_OPEN_YAML);
  const client = await TestClient.start({ folder: dir });
  try {
    const open = uriOf(join(dir, 'open.yaml'));
    await client.open(open, SSH_OPEN_YAML);
    const diagnostics = (await client.diagnostics(open)).diagnostics;
    await client.codeActions(open, diagnostics[0].range, diagnostics); // warm: the first request compiles the code-action path
    let done = false;
    const started = performance.now();
    const lint = client.connection.sendRequest('exposureLint/lintWorkspace', {}).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const asked = performance.now();
      await client.codeActions(open, diagnostics[0].range, diagnostics);
      latencies.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const result = (await lint) as { targets: number; findings: number; failures: number };
    const lintMs = performance.now() - started;
    record({ name: 'server: workspace lint, 30,000 entries + 200 templates + loop + FIFO + device', ms: lintMs });
    assert.ok(lintMs < 60_000, `workspace lint took ${Math.round(lintMs)} ms`);
    const worst = Math.max(...latencies);
    if (process.env.EXPOSURE_LINT_DEBUG_LATENCY) console.error(latencies.map(Math.round).join(' '));
    record({ name: `server: worst codeAction latency during workspace lint (${latencies.length} requests, lint ${Math.round(performance.now() - started)} ms)`, ms: worst });
    assert.ok(worst < 1000, `a request took ${Math.round(worst)} ms during the workspace lint`);
    assert.equal(result.failures, 0);
    assert.equal(result.targets, 202 + (fifo ? 1 : 0));
    const zero = await client.diagnostics(uriOf(join(dir, 'zero.yaml')));
    assert.deepEqual(zero.diagnostics.map((d) => d.message), ['zero.yaml: a link to /dev/zero, outside the folder being linted; not followed']);
    if (fifo) {
      const pipe = await client.diagnostics(uriOf(join(dir, 'pipe.yaml')));
      assert.deepEqual(pipe.diagnostics.map((d) => d.message), ['pipe.yaml: a FIFO (named pipe), not a regular file; not read']);
    }
  } finally {
    await client.stop();
    repo.remove();
  }
});
