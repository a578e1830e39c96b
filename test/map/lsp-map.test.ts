// exposureLint/map over the real language server (dist/server.js): the open text is drawn (unsaved edits included),
// Terraform modules are read across files, and what is not a template gets a message instead of a map.
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, TestClient, tempDir, uriOf } from '../lsp/lsp-client';
import type { MapResult } from '../../server/src/lsp/map-request';

const mapOf = (client: TestClient, uri: string) => client.connection.sendRequest('exposureLint/map', { uri }) as Promise<MapResult>;

test('exposureLint/map: the open template drawn with its red paths; an unsaved edit that removes one is drawn at once', async () => {
  const workspace = tempDir();
  const file = join(workspace.dir, 'app.yaml');
  copyFileSync(join(PROJECT_ROOT, 'examples/exposed-web-app.yaml'), file);
  const text = readFileSync(file, 'utf8');
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const uri = uriOf(file);
    await client.open(uri, text);
    let result = await mapOf(client, uri);
    assert.equal(result.title, 'app.yaml');
    assert.equal(result.message, undefined);
    assert.match(result.summary!, /^6 resources; 3 exposure paths from the internet: AdminHost/);
    assert.ok(!result.svg!.includes('<style>'), 'the webview brings the theme stylesheet');
    assert.match(result.svg!, new RegExp(`data-node="AdminHost" data-file="${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" data-line="156"`));
    assert.match(result.outline!, /<button class="item" type="button" data-file="[^"]+app\.yaml" data-line="156" data-character="2" data-node="AdminHost" title="Open line 157">Igw → AdminHost<\/button>/);
    // Close the world-open SSH port in the editor (not saved): that path loses its SSH rule at once.
    const edited = text.replace('          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0', '          FromPort: 22\n          ToPort: 22\n          CidrIp: 10.1.0.0/16');
    assert.notEqual(edited, text);
    await client.change(uri, [{ text: edited }]);
    result = await mapOf(client, uri);
    assert.match(result.svg!, /data-from="Igw" data-to="AdminHost"/);
    assert.ok(!result.svg!.includes('world-open-admin-port +'), 'no SSH exposure left');
    assert.match(result.svg!, /<text class="edge-label"[^>]*>public-ip-on-backend \+1<\/text>/);
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('exposureLint/map: a Terraform module is drawn from all its files; a non-template gets a message', async () => {
  const workspace = tempDir();
  const tf = join(workspace.dir, 'main.tf.json');
  copyFileSync(join(PROJECT_ROOT, 'examples/terraform/exposed-web-app/main.tf.json'), tf);
  const notes = join(workspace.dir, 'notes.yaml');
  writeFileSync(notes, 'title: not a template\n');
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    await client.open(uriOf(tf), readFileSync(tf, 'utf8'), 'json');
    const result = await mapOf(client, uriOf(tf));
    assert.match(result.title, /\(Terraform module\)$/);
    assert.match(result.svg!, /data-from="aws_internet_gateway\.igw" data-to="aws_instance\.admin"/);
    await client.open(uriOf(notes), 'title: not a template\n');
    const none = await mapOf(client, uriOf(notes));
    assert.equal(none.svg, undefined);
    assert.equal(none.message, 'notes.yaml is not a CloudFormation template, Terraform JSON file or CDK app file with a synthesized cdk.out.');
    const closed = await mapOf(client, uriOf(join(workspace.dir, 'missing.yaml')));
    assert.equal(closed.message, 'Open the template to see its map.');
  } finally {
    await client.stop();
    workspace.remove();
  }
});

test('exposureLint/map: a map too large to lay out on the server thread gets the outline and a message, not a picture', async () => {
  const { exposureMapFor, MAX_DRAWN_NODES } = await import('../../server/src/lsp/map-request');
  const { generateTemplate, toYaml } = await import('../bench/generate');
  const text = toYaml(generateTemplate(4500));
  const uri = uriOf(join(PROJECT_ROOT, 'big.yaml'));
  const result = await exposureMapFor({ uri }, { text: () => text, openTexts: () => new Map(), config: () => ({ rules: {}, ignore: [], intendedEdges: [] }) });
  assert.equal(result.svg, undefined);
  assert.match(result.message!, new RegExp(`^\\d+ resources are too many to draw here \\(the limit is ${MAX_DRAWN_NODES}\\); the outline lists them\\. For the picture: npx exposure-lint map big\\.yaml -o map\\.svg$`));
  assert.ok(Number(/^(\d+)/.exec(result.message!)![1]) >= MAX_DRAWN_NODES);
  assert.match(result.outline!, /<h2 id="xo-exposures">Exposure paths \(\d+\)<\/h2>/);
});
