// Typing faster than the server lints: edits queued behind a lint are all applied first, only the newest version
// is linted, and diagnostics never go back to an older version.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TestClient, tempDir, uriOf } from './lsp-client';
import { generateTemplate, toYaml } from '../bench/generate';

/** Position right after `needle`. */
function after(text: string, needle: string): { line: number; character: number } {
  const index = text.indexOf(needle) + needle.length;
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - (before.lastIndexOf('\n') + 1) };
}

test('a burst of edits sent without waiting is linted once, at the newest version, with no step back', async (t) => {
  const dir = tempDir();
  // Debounce 0: every edit that looks idle is linted at once, the case where queued edits were linted one by one.
  const client = await TestClient.start({ folder: dir.dir, settings: { debounceMs: 0, markNewSince: '' } });
  t.after(async () => {
    await client.stop();
    dir.remove();
  });
  const text = toYaml(generateTemplate(200));
  const uri = uriOf(join(dir.dir, 'burst.yaml'));
  await client.open(uri, text);
  const first = await client.diagnostics(uri, (p) => p.version === 1, 60_000);
  assert.ok(first.diagnostics.length > 0, 'the generated template has findings');

  const published: PublishDiagnosticsParams[] = [];
  const record = (async () => {
    for (;;) {
      const params = await client.nextDiagnostics(uri, () => true, 60_000);
      published.push(params);
      if (params.version === 21) return;
    }
  })();
  // Twenty keystrokes written in one go: the first is handled while the others wait in the server's queue.
  const at = after(text, 'GroupDescription: ');
  const sends: Promise<number>[] = [];
  for (let i = 0; i < 20; i++) sends.push(client.change(uri, [{ range: { start: { ...at, character: at.character + i }, end: { ...at, character: at.character + i } }, text: 'z' }]));
  const versions = await Promise.all(sends);
  assert.equal(versions.at(-1), 21);
  await record;

  const seen = published.map((p) => p.version!);
  assert.deepEqual([...seen].sort((a, b) => a - b), seen, `published versions never go back: ${seen.join(', ')}`);
  assert.equal(seen.at(-1), 21);
  assert.ok(seen.length <= 3, `the queued edits were linted together (published versions: ${seen.join(', ')})`);
  assert.deepEqual(published.at(-1)!.diagnostics.map((d) => d.code), first.diagnostics.map((d) => d.code), 'typing in a description changes no finding');
});

test('a code action asked for in the middle of a burst answers for the newest text', async (t) => {
  const dir = tempDir();
  const client = await TestClient.start({ folder: dir.dir, settings: { debounceMs: 0, markNewSince: '' }, resolveSupport: true });
  t.after(async () => {
    await client.stop();
    dir.remove();
  });
  const text = toYaml(generateTemplate(200));
  const uri = uriOf(join(dir.dir, 'actions.yaml'));
  await client.open(uri, text);
  const first = await client.diagnostics(uri, (p) => p.version === 1, 60_000);
  const at = after(text, 'GroupDescription: ');
  const sends: Promise<number>[] = [];
  for (let i = 0; i < 5; i++) sends.push(client.change(uri, [{ range: { start: { ...at, character: at.character + i }, end: { ...at, character: at.character + i } }, text: 'z' }]));
  const actions = client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, first.diagnostics, ['source.fixAll']);
  for (let i = 5; i < 10; i++) sends.push(client.change(uri, [{ range: { start: { ...at, character: at.character + i }, end: { ...at, character: at.character + i } }, text: 'z' }]));
  await Promise.all(sends);
  const [fixAll] = await actions;
  assert.ok(fixAll, 'a fix-all action is offered');
  const resolved = await client.resolveCodeAction(fixAll);
  const documentChanges = resolved.edit?.documentChanges as { textDocument: { version: number } }[] | undefined;
  if (documentChanges) assert.equal(documentChanges[0].textDocument.version, 11, 'the edit is for the newest version');
  const published = await client.diagnostics(uri, (p) => p.version === 11, 60_000);
  assert.equal(published.version, 11);
});
