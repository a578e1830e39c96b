// Without source-mapped creation stacks (frames name the bundle), findings are mapped by scanning the app's source.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintCloudAssembly } from '../../../server/src/engine/lint-cdk';
import { Finding } from '../../../server/src/engine/types';
import { TextEdit } from '../../../server/src/model/types';
import { AppSources, mapFindingsToSource, readCdkApp, readCloudAssembly } from '../../../server/src/adapters/cdk';
import { parseSource } from '../../../server/src/source/parse';
import { Node, getValue } from '../../../server/src/source/tree';
import { synthesizeTestApp, positionOf, read } from './synth';

const app = synthesizeTestApp({ sourceMaps: false });
const exposedTs = join(app.appDir, 'lib/exposed-stack.ts');
const stageTs = join(app.appDir, 'lib/prod-stage.ts');
const assembly = readCloudAssembly(app.assemblyDir);
const appInfo = readCdkApp(app.appDir)!;

function apply(text: string, edits: TextEdit[]): string {
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  return text;
}

/** Map one hand-made finding (as a rule would report it) on the node at `path` under a resource's Properties. */
function propertiesOf(stackName: string, resource: string, path: (string | number)[]): Finding {
  const stack = assembly.stacks.find((s) => s.displayName === stackName)!;
  const template = parseSource(stack.templatePath, read(stack.templatePath));
  let node: Node | undefined = getValue(getValue(getValue(template.root, 'Resources'), resource), 'Properties');
  for (const segment of path) node = typeof segment === 'number' ? (node?.kind === 'seq' ? node.items[segment] : undefined) : getValue(node, segment);
  if (!node) assert.fail(`no ${path.join('.')} in ${resource}`);
  const finding: Finding = { ruleId: 'test-rule', severity: 'error', message: 'm', resource, loc: { file: template.path, span: node.span }, path: [], fixes: [] };
  return mapFindingsToSource([finding], stack, template, new AppSources(appInfo.dir, appInfo.entry))[0];
}

test('the traces name the bundle, not the app source', () => {
  const trace = assembly.stacks.find((s) => s.displayName === 'ExposedStack')!.constructs.get('ExposedStack/AdminHost/Resource')!.creationStack!;
  assert.ok(trace.some((frame) => frame.includes(app.bundle)), trace.join('\n'));
});

test('scan maps AdminHost, Db, the VPC and the stage JumpBox to their lines', () => {
  const result = lintCloudAssembly(app.assemblyDir);
  const source = (ruleId: string, resource: string) => result.findings.find((f) => f.ruleId === ruleId && f.resource === resource)?.source;
  const exposed = read(exposedTs);
  assert.deepEqual(source('public-ip-on-backend', 'AdminHostB9F082F7')?.range.start, positionOf(exposed, 'associatePublicIpAddress: true'));
  assert.deepEqual(source('backend-in-public-subnet', 'Db5D02A0A9')?.range.start, positionOf(exposed, 'vpcSubnets', "'Db'"));
  assert.deepEqual(source('public-subnet-auto-ip', 'NetworkPublicSubnet2SubnetC3758C96'), {
    file: exposedTs,
    range: { start: positionOf(exposed, "new ec2.Vpc(this, 'Network'"), end: { ...positionOf(exposed, "new ec2.Vpc(this, 'Network'"), character: positionOf(exposed, '{\n      maxAzs').character + 1 } },
  });
  assert.deepEqual(source('public-ip-on-backend', 'JumpBoxA654209C'), {
    file: stageTs,
    range: { start: positionOf(read(stageTs), 'associatePublicIpAddress: true'), end: { ...positionOf(read(stageTs), 'associatePublicIpAddress: true'), character: positionOf(read(stageTs), 'associatePublicIpAddress: true').character + 30 } },
  });
});

test('world-open SSH ingress maps to its addIngressRule line; the fix removes that line', () => {
  const finding = propertiesOf('ExposedStack', 'AdminSg34EB5EC7', ['SecurityGroupIngress', 0]);
  assert.equal(finding.constructPath, 'ExposedStack/AdminSg/Resource');
  const text = read(exposedTs);
  const line = "    adminSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');\n";
  const start = positionOf(text, 'adminSg.addIngressRule');
  assert.deepEqual(finding.source, { file: exposedTs, range: { start, end: { line: start.line, character: line.length - 2 } } });
  const fix = finding.fixes.find((f) => /Remove the world-open rule/.test(f.title)) ?? assert.fail('no removal fix');
  assert.equal(apply(text, fix.edits), text.replace(line, ''));
});

test('world-open RDP in the stage maps to prod-stage.ts', () => {
  const finding = propertiesOf('Prod/Bastion', 'BastionSg3D6BE75A', ['SecurityGroupIngress', 0]);
  assert.deepEqual(finding.source?.range.start, positionOf(read(stageTs), 'sg.addIngressRule'));
});

test('publiclyAccessible: true maps to its line; the fix sets false', () => {
  const finding = propertiesOf('ExposedStack', 'Db5D02A0A9', ['PubliclyAccessible']);
  const text = read(exposedTs);
  assert.deepEqual(finding.source?.range.start, positionOf(text, 'publiclyAccessible: true'));
  const fix = finding.fixes.find((f) => f.title === 'Set publiclyAccessible: false in exposed-stack.ts') ?? assert.fail('no fix');
  assert.equal(apply(text, fix.edits), text.replace('publiclyAccessible: true', 'publiclyAccessible: false'));
  // The finding is about the flag: the subnet move is offered too, the public-IP flag of another construct is not.
  assert.deepEqual(finding.fixes.map((f) => f.title), ['Set publiclyAccessible: false in exposed-stack.ts', 'Move Db to PRIVATE_WITH_EGRESS subnets in exposed-stack.ts']);
});

test('a resource with no construct id in the app source keeps only its template location', () => {
  const finding = propertiesOf('ExposedStack', 'AdminHostB9F082F7', []);
  assert.deepEqual(finding.source?.range.start, positionOf(read(exposedTs), "new ec2.Instance(this, 'AdminHost'"));
  const stack = assembly.stacks.find((s) => s.displayName === 'ExposedStack')!;
  const template = parseSource(stack.templatePath, read(stack.templatePath));
  const bootstrap: Finding = { ruleId: 'test-rule', severity: 'error', message: 'm', resource: 'CheckBootstrapVersion', loc: { file: template.path, span: { start: 0, end: 1 } }, path: [], fixes: [] };
  const mapped = mapFindingsToSource([bootstrap], stack, template, new AppSources(appInfo.dir, appInfo.entry))[0];
  assert.equal(mapped.constructPath, 'ExposedStack/CheckBootstrapVersion');
  assert.equal(mapped.source, undefined);
  assert.deepEqual(mapped.loc, bootstrap.loc);
});
