// Unit tests for what the server treats as a template: CloudFormation by content (in template-like files),
// Terraform JSON by name, CDK sources only with a synthesized cdk.out; everything else stays silent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectKind } from '../../server/src/lsp/detect';
import { tempDir, uriOf } from './lsp-client';
import { AUTO_IP_JSON, AUTO_IP_YAML } from './templates';

const kindOf = (path: string, text: string) => detectKind(path, uriOf(path), text);

test('CloudFormation by content in YAML/JSON/template files; not in Markdown, package.json or node_modules', () => {
  assert.deepEqual(kindOf('/ws/net.yaml', AUTO_IP_YAML), { kind: 'cloudformation' });
  assert.deepEqual(kindOf('/ws/net.json', AUTO_IP_JSON), { kind: 'cloudformation' });
  assert.deepEqual(kindOf('/ws/stack.template', AUTO_IP_YAML), { kind: 'cloudformation' });
  assert.deepEqual(kindOf('/ws/Stack', AUTO_IP_YAML), { kind: 'cloudformation' });
  assert.equal(kindOf('/ws/compose.yaml', 'services:\n  web:\n    image: nginx\n'), undefined);
  assert.equal(kindOf('/ws/README.md', 'Uses `AWS::EC2::Instance`.\n'), undefined);
  assert.equal(kindOf('/ws/package.json', '{ "description": "AWS::EC2 helpers" }'), undefined);
  assert.equal(kindOf('/ws/node_modules/lib/template.yaml', AUTO_IP_YAML), undefined);
  assert.deepEqual(detectKind(undefined, 'untitled:Untitled-1', AUTO_IP_YAML), { kind: 'cloudformation' });
});

test('Terraform JSON by name; CDK sources only where cdk.json points at a synthesized assembly', () => {
  assert.deepEqual(kindOf('/ws/main.tf.json', '{}'), { kind: 'terraform' });
  const app = tempDir();
  try {
    mkdirSync(join(app.dir, 'lib'));
    writeFileSync(join(app.dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node bin/app.ts' }));
    const source = join(app.dir, 'lib', 'stack.ts');
    assert.equal(kindOf(source, 'export {};\n'), undefined, 'no cdk.out yet');
    mkdirSync(join(app.dir, 'cdk.out'));
    writeFileSync(join(app.dir, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
    assert.deepEqual(kindOf(source, 'export {};\n'), { kind: 'cdk-source', assembly: join(app.dir, 'cdk.out') });
    assert.equal(kindOf(join(app.dir, 'lib', 'stack.d.ts'), 'export {};\n'), undefined);
    const template = join(app.dir, 'cdk.out', 'Stack.template.json');
    assert.deepEqual(kindOf(template, AUTO_IP_JSON), { kind: 'cloudformation', assembly: join(app.dir, 'cdk.out') });
  } finally {
    app.remove();
  }
});
