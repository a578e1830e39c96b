// Unit tests for stack frame parsing, construct-call scanning and trace relocation (no synthesis).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrame, userFrame } from '../../../server/src/adapters/cdk/stack-trace';
import { callAt, constructCalls, findProperty, matchBracket } from '../../../server/src/adapters/cdk/scan-text';
import { AppSources, appForAssembly, readCdkApp } from '../../../server/src/adapters/cdk/app-sources';
import { assignedName } from '../../../server/src/adapters/cdk/property-site';

test('parses V8 frames as aws-cdk-lib records them and skips library summaries', () => {
  assert.deepEqual(parseFrame('new ExposedStack (/app/lib/exposed-stack.ts:25:5)'), { file: '/app/lib/exposed-stack.ts', line: 25, column: 5 });
  assert.deepEqual(parseFrame('<anonymous> (/app/bin/app.ts:7:1)'), { file: '/app/bin/app.ts', line: 7, column: 1 });
  assert.deepEqual(parseFrame('at Object.<anonymous> (file:///my%20app/x.js:3:9)'), { file: '/my app/x.js', line: 3, column: 9 });
  assert.deepEqual(parseFrame('/app/bin/app.ts:8:1'), { file: '/app/bin/app.ts', line: 8, column: 1 });
  assert.equal(parseFrame('...new Instance2 in aws-cdk-lib...'), undefined);
  assert.equal(parseFrame('.../app/node_modules/aws-cdk-lib/aws-ec2/lib/vpc.js:1:291 in aws-cdk-lib...'), undefined);
  assert.equal(parseFrame('Module._compile (node:internal/modules/cjs/loader:1554:14)'), undefined);
  assert.deepEqual(userFrame(['...aws-cdk-lib...', 'new Thing (/app/node_modules/x/y.js:1:1)', 'new S (/app/lib/s.ts:4:3)']), { file: '/app/lib/s.ts', line: 4, column: 3 });
  assert.equal(userFrame(['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)']), undefined);
});

const source = `const sg = new ec2.SecurityGroup(this, 'AdminSg', { vpc, description: "a (paren) 'quote'" });
// new ec2.Instance(this, 'Commented', {})
new ec2.Instance(this, "AdminHost", {
  vpc, // trailing ) comment
  vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
  associatePublicIpAddress: true,
});
new rds.DatabaseInstance<Props>(this, \`Db\`, { publiclyAccessible: true })`;

test('finds construct calls by id with their full argument span', () => {
  const [host] = constructCalls(source, 'AdminHost');
  assert.equal(source.slice(host.start, host.end), source.slice(source.indexOf('new ec2.Instance(this, "AdminHost"'), source.indexOf('});\nnew rds') + 2));
  const [db] = constructCalls(source, 'Db');
  assert.equal(source.slice(db.start, db.end), 'new rds.DatabaseInstance<Props>(this, `Db`, { publiclyAccessible: true })');
  const [sg] = constructCalls(source, 'AdminSg');
  // Parentheses and quotes inside strings do not end the call early.
  assert.equal(source.slice(sg.start, sg.end), `new ec2.SecurityGroup(this, 'AdminSg', { vpc, description: "a (paren) 'quote'" })`);
  assert.equal(assignedName(source, sg.start), 'sg');
  assert.deepEqual(constructCalls(source, 'Admin'), []);
  assert.equal(matchBracket('(a, "(" ', 0), undefined);
});

test('finds a property and its value inside a call, not in nested objects of other keys', () => {
  const [host] = constructCalls(source, 'AdminHost');
  const flag = findProperty(source, host, 'associatePublicIpAddress')!;
  assert.equal(source.slice(flag.span.start, flag.span.end), 'associatePublicIpAddress: true');
  assert.equal(flag.value, 'true');
  assert.equal(findProperty(source, host, 'vpcSubnets')!.value, '{ subnetType: ec2.SubnetType.PUBLIC }');
  assert.equal(findProperty(source, host, 'publiclyAccessible'), undefined);
  const call = callAt(source, source.indexOf('new rds'))!;
  assert.equal(findProperty(source, call, 'publiclyAccessible')!.value, 'true');
});

test('finds the app folder of an assembly and relocates trace paths from another machine', () => {
  const root = mkdtempSync(join(tmpdir(), 'exposure-lint-cdkapp-'));
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'cdk.out'));
  mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(root, 'cdk.json'), JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/main.ts', output: 'cdk.out' }));
  writeFileSync(join(root, 'lib', 'stack.ts'), 'export {}\n');
  writeFileSync(join(root, 'lib', 'stack.js'), 'exports = {}\n');
  writeFileSync(join(root, 'lib', 'stack.d.ts'), 'export {}\n');
  writeFileSync(join(root, 'node_modules', 'dep', 'index.js'), '\n');
  const app = appForAssembly(join(root, 'cdk.out'))!;
  assert.deepEqual(app, readCdkApp(root));
  assert.equal(app.entry, join(root, 'bin', 'main.ts'));
  const sources = new AppSources(app.dir, app.entry);
  assert.deepEqual(sources.list(), [join(root, 'lib', 'stack.ts')]);
  assert.equal(sources.relocate('/home/ci/build/project/lib/stack.ts'), join(root, 'lib', 'stack.ts'));
  assert.equal(sources.relocate('/home/ci/build/project/lib/missing.ts'), undefined);
});
