// Lints the synthesized test CDK app (creation stacks source-mapped to .ts) and checks template and source locations.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintCloudAssembly, findAssemblyFor, lintCdkSourceFile } from '../../../server/src/engine/lint-cdk';
import { Finding } from '../../../server/src/engine/types';
import { TextEdit } from '../../../server/src/model/types';
import { readCloudAssembly } from '../../../server/src/adapters/cdk';
import { synthesizeTestApp, positionOf, read } from './synth';

const app = synthesizeTestApp({ sourceMaps: true });
const exposedTs = join(app.appDir, 'lib/exposed-stack.ts');
const stageTs = join(app.appDir, 'lib/prod-stage.ts');
const exposedTemplate = join(app.assemblyDir, 'ExposedStack.template.json');
const stageTemplate = join(app.assemblyDir, 'assembly-Prod', 'ProdBastion8D6858D1.template.json');
const result = lintCloudAssembly(app.assemblyDir);

function only(ruleId: string, resource: string): Finding {
  const found = result.findings.filter((f) => f.ruleId === ruleId && f.resource === resource);
  assert.ok(found.length >= 1, `${ruleId} on ${resource}; got ${result.findings.map((f) => `${f.ruleId}:${f.resource}`).join(', ')}`);
  return found[0];
}

function templateText(finding: Finding): string {
  return read(finding.loc.file).slice(finding.loc.span.start, finding.loc.span.end);
}

function apply(text: string, edits: TextEdit[]): string {
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  return text;
}

function sourceFix(finding: Finding, title: RegExp) {
  const fix = finding.fixes.find((f) => title.test(f.title));
  assert.ok(fix, `fix ${title} in ${finding.fixes.map((f) => f.title).join(' | ')}`);
  return fix;
}

test('reads top-level and nested stage assemblies', () => {
  const assembly = readCloudAssembly(app.assemblyDir);
  assert.deepEqual(assembly.stacks.map((s) => [s.displayName, s.templatePath]), [
    ['Prod/Bastion', stageTemplate],
    ['ExposedStack', exposedTemplate],
  ]);
  assert.equal(assembly.stacks[1].logicalIds.get('AdminHostB9F082F7'), 'ExposedStack/AdminHost/Resource');
  assert.equal(assembly.problems.length, 0);
  assert.deepEqual(result.files.map((f) => f.path).sort(), [exposedTemplate, stageTemplate].sort());
});

test('public IP on AdminHost: template property and the associatePublicIpAddress line', () => {
  const finding = only('public-ip-on-backend', 'AdminHostB9F082F7');
  assert.equal(finding.loc.file, exposedTemplate);
  assert.equal(templateText(finding), '"AssociatePublicIpAddress": true');
  assert.equal(finding.constructPath, 'ExposedStack/AdminHost/Resource');
  const text = read(exposedTs);
  const start = positionOf(text, 'associatePublicIpAddress: true', "'AdminHost'");
  assert.deepEqual(finding.source, { file: exposedTs, range: { start, end: { line: start.line, character: start.character + 'associatePublicIpAddress: true'.length } } });
  const fix = sourceFix(finding, /associatePublicIpAddress: false/);
  assert.ok(fix.edits.every((e) => e.file === exposedTs));
  const fixed = apply(text, fix.edits);
  assert.equal(fixed, text.replace('associatePublicIpAddress: true', 'associatePublicIpAddress: false'));
  const move = sourceFix(finding, /PRIVATE_WITH_EGRESS/);
  const moved = apply(text, move.edits);
  assert.equal(moved.slice(text.indexOf("'AdminHost'"), text.indexOf("'Db'")).includes('subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS'), true);
  assert.equal(moved.length - text.length, 'PRIVATE_WITH_EGRESS'.length - 'PUBLIC'.length);
});

test('database in public subnets maps from the subnet group to the Db vpcSubnets line', () => {
  const finding = only('backend-in-public-subnet', 'Db5D02A0A9');
  assert.equal(finding.loc.file, exposedTemplate);
  assert.equal(templateText(finding).replace(/\s+/g, ''), '{"Ref":"NetworkPublicSubnet1Subnet5B78347B"}');
  assert.equal(finding.constructPath, 'ExposedStack/Db/Resource');
  const text = read(exposedTs);
  const start = positionOf(text, 'vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }', "'Db'");
  assert.deepEqual(finding.source?.range.start, start);
  assert.equal(finding.source?.range.end.character, start.character + 'vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }'.length);
  const move = sourceFix(finding, /Move Db to PRIVATE_WITH_EGRESS/);
  const region = apply(text, move.edits).slice(text.indexOf("'Db'"));
  assert.match(region, /^'Db', \{\n.*\n      vpc,\n      vpcSubnets: \{ subnetType: ec2\.SubnetType\.PRIVATE_WITH_EGRESS \},/);
});

test('VPC subnets map to the new ec2.Vpc line (construct created inside aws-cdk-lib)', () => {
  const finding = only('public-subnet-auto-ip', 'NetworkPublicSubnet1Subnet5B78347B');
  assert.equal(finding.constructPath, 'ExposedStack/Network/PublicSubnet1/Subnet');
  const text = read(exposedTs);
  const start = positionOf(text, "new ec2.Vpc(this, 'Network', {");
  assert.deepEqual(finding.source, { file: exposedTs, range: { start, end: { line: start.line, character: start.character + "new ec2.Vpc(this, 'Network', {".length } } });
  // Nothing in the app's code to flip: the template fix stays, no source fix is invented.
  assert.ok(finding.fixes.every((f) => f.edits.every((e) => e.file !== exposedTs)));
});

test('nested stage: JumpBox in assembly-Prod maps to prod-stage.ts', () => {
  const finding = only('public-ip-on-backend', 'JumpBoxA654209C');
  assert.equal(finding.loc.file, stageTemplate);
  assert.equal(templateText(finding), '"AssociatePublicIpAddress": true');
  assert.equal(finding.constructPath, 'Prod/Bastion/JumpBox/Resource');
  const start = positionOf(read(stageTs), 'associatePublicIpAddress: true');
  assert.equal(finding.source?.file, stageTs);
  assert.deepEqual(finding.source?.range.start, start);
});

test('a suppression added with addMetadata in the app silences that rule only', () => {
  assert.deepEqual(result.findings.filter((f) => f.resource === 'JumpBoxA654209C').map((f) => f.ruleId), ['public-ip-on-backend']);
  assert.ok(result.findings.some((f) => f.ruleId === 'backend-in-public-subnet' && f.resource === 'AdminHostB9F082F7'));
});

test('the editor finds the assembly of a source file and gets only that file\'s findings', () => {
  assert.equal(findAssemblyFor(exposedTs), app.assemblyDir);
  assert.equal(findAssemblyFor(join(app.appDir, '..', 'build', 'app.js')), undefined);
  const own = lintCdkSourceFile(stageTs);
  assert.ok(own.length > 0);
  assert.ok(own.every((f) => f.source?.file === stageTs && f.loc.file === stageTemplate));
  // Unsaved edits above the construct shift the mapped line (the assembly itself is unchanged).
  const saved = own.find((f) => f.ruleId === 'public-ip-on-backend')!;
  const shifted = lintCdkSourceFile(stageTs, undefined, '// new first line\n' + read(stageTs)).find((f) => f.ruleId === 'public-ip-on-backend')!;
  assert.equal(shifted.source!.range.start.line, saved.source!.range.start.line + 1);
});
