// Terraform JSON in the editor: a module read across its files, path steps into the other file, quick fixes,
// and a change in one open file of the module re-lints the others.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyTextEdits, editsFor, TestClient, tempDir, uriOf } from './lsp-client';
import { rangeOf, TF_COMPUTE, TF_NETWORK } from './templates';

test('Terraform JSON module: findings in the open file, path steps into the other file, fix, cross-file re-lint', async () => {
  const workspace = tempDir();
  const network = join(workspace.dir, 'network.tf.json');
  const compute = join(workspace.dir, 'compute.tf.json');
  writeFileSync(network, TF_NETWORK);
  writeFileSync(compute, TF_COMPUTE);
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const uri = uriOf(compute);
    await client.open(uri, TF_COMPUTE, 'json');
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, (d.data as { resource: string }).resource, d.range]), [
      ['backend-in-public-subnet', 'aws_instance.admin', rangeOf(TF_COMPUTE, '"subnet_id": "${aws_subnet.public_a.id}"')],
      ['public-ip-on-backend', 'aws_instance.admin', rangeOf(TF_COMPUTE, '"associate_public_ip_address": true')],
    ]);
    const steps = diagnostics[1].relatedInformation!;
    assert.deepEqual(steps.map((s) => [s.location.uri, s.message]), [
      [uriOf(network), 'aws_subnet.public_a uses route table aws_route_table.public'],
      [uriOf(network), 'aws_route_table.public routes 0.0.0.0/0 to aws_internet_gateway.igw'],
      [uriOf(network), 'aws_internet_gateway.igw is an internet gateway attached to the VPC'],
      [uri, 'aws_instance.admin asks for a public IP'],
    ]);
    assert.deepEqual(steps[2].location.range, rangeOf(TF_NETWORK, '"igw"'));
    // Quick fix: no public IP; or a "//" suppression on the resource (JSON has no comments).
    const actions = await client.codeActions(uri, diagnostics[1].range, [diagnostics[1]], ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), ['Do not assign a public IP to aws_instance.admin (aws_instance.admin loses outbound internet until it is moved to a private subnet behind NAT)', 'Disable public-ip-on-backend for resource aws_instance.admin ("//" key)']);
    const suppressed = applyTextEdits(TF_COMPUTE, editsFor(actions[1].edit, uri));
    assert.deepEqual(JSON.parse(suppressed).resource.aws_instance.admin['//'], { 'exposure-lint': { suppress: { 'public-ip-on-backend': 'TODO: why this exposure is acceptable' } } });
    const suppressedVersion = await client.change(uri, [{ text: suppressed }]);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === suppressedVersion)).diagnostics.map((d) => d.code), ['backend-in-public-subnet']);
    await client.change(uri, [{ text: TF_COMPUTE }]);
    const fixed = applyTextEdits(TF_COMPUTE, editsFor(actions[0].edit, uri));
    assert.equal(fixed, TF_COMPUTE.replace('"associate_public_ip_address": true', '"associate_public_ip_address": false'));
    const version = await client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code), ['backend-in-public-subnet']);
    // Editing the network file (unsaved) takes the subnet off the internet: the compute file follows.
    const networkUri = uriOf(network);
    await client.open(networkUri, TF_NETWORK, 'json');
    const routes = TF_NETWORK.slice(TF_NETWORK.indexOf('"route": ['), TF_NETWORK.indexOf(']', TF_NETWORK.indexOf('"route": [')) + 1);
    const recomputed = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    const edit = { range: rangeOf(TF_NETWORK, routes), newText: '"route": []' };
    await client.change(networkUri, [{ range: edit.range, text: edit.newText }]);
    assert.deepEqual((await recomputed).diagnostics, []);
    // No parse error behind the silence: the edited file is valid JSON without the route, and the
    // network file (linted before its sibling) published nothing.
    assert.deepEqual(JSON.parse(applyTextEdits(TF_NETWORK, [edit])).resource.aws_route_table.public.route, []);
    assert.equal(client.published(networkUri), undefined);
  } finally {
    await client.stop();
    workspace.remove();
  }
});
