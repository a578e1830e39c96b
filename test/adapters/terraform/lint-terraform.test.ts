// lintTerraformFiles and directory discovery: broken and non-Terraform files, duplicates, the examples.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { discoverTargets, lintPaths } from '../../../server/src/engine/workspace';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { ROOT, lintFiles, textAt } from './helpers';

const NETWORK = JSON.stringify({
  resource: {
    aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
    aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.main.id}' } },
    aws_subnet: { public: { vpc_id: '${aws_vpc.main.id}' } },
    aws_route_table: { public: { vpc_id: '${aws_vpc.main.id}', route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' }] } },
    aws_route_table_association: { public: { subnet_id: '${aws_subnet.public.id}', route_table_id: '${aws_route_table.public.id}' } },
  },
}, null, 2);

const ADMIN = JSON.stringify({ resource: { aws_instance: { admin: { subnet_id: '${aws_subnet.public.id}', associate_public_ip_address: true } } } }, null, 2);

test('a module read from several files finds what crosses them', () => {
  const result = lintFiles([{ path: 'm/network.tf.json', text: NETWORK }, { path: 'm/admin.tf.json', text: ADMIN }]);
  const hit = result.findings.find((f) => f.ruleId === 'public-ip-on-backend');
  assert.equal(hit?.resource, 'aws_instance.admin');
  assert.equal(hit?.loc.file, 'm/admin.tf.json');
  assert.equal(textAt(ADMIN, hit?.loc), '"associate_public_ip_address": true');
  assert.deepEqual(result.files.map((f) => f.path), ['m/network.tf.json', 'm/admin.tf.json']);
});

test('a broken file is a parse-error at its place; the rest is linted, and what it held is unknown (only possible findings)', () => {
  const broken = '{\n  "resource": {\n    "aws_vpc": {"main": {"cidr_block": "10.0.0.0/16",}}\n  }\n}\n';
  const result = lintFiles([{ path: 'm/network.tf.json', text: broken }, { path: 'm/admin.tf.json', text: ADMIN }]);
  assert.equal(result.isTemplate, true);
  const parse = result.findings.filter((f) => f.ruleId === 'parse-error');
  assert.equal(parse.length, 1);
  assert.equal(parse[0].loc.file, 'm/network.tf.json');
  assert.equal(broken.slice(parse[0].loc.span.start, parse[0].loc.span.end), '}');
  assert.match(parse[0].message, /^JSON syntax error/);
  // The instance's subnet was declared in the broken file: unknown, so its public IP is only a possible finding.
  assert.deepEqual(result.findings.filter((f) => f.ruleId !== 'parse-error').map((f) => [f.ruleId, f.certainty, f.severity]), [['public-ip-on-backend', 'possible', 'warning']]);
});

test('JSON that is not Terraform is not a template; an empty object is not either', () => {
  assert.equal(lintFiles([{ path: 'x/package.tf.json', text: '{"name": "not terraform"}' }]).isTemplate, false);
  assert.equal(lintFiles([{ path: 'x/empty.tf.json', text: '{}' }]).isTemplate, false);
  assert.equal(lintFiles([{ path: 'x/vars.tf.json', text: '{"variable": {"a": {}}}' }]).isTemplate, true);
});

test('a resource declared twice across files, and a body that is not an object, are reported where they are', () => {
  const again = JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.1.0.0/16' } }, aws_subnet: { odd: 'not a body' } } }, null, 2);
  const result = lintFiles([{ path: 'm/network.tf.json', text: NETWORK }, { path: 'm/again.tf.json', text: again }]);
  const problems = result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => [f.loc.file, textAt(again, f.loc), f.message]);
  assert.deepEqual(problems, [
    ['m/again.tf.json', '"main"', "Duplicate resource aws_vpc.main: Terraform rejects a module that declares it twice"],
    ['m/again.tf.json', '"odd"', 'Resource aws_subnet.odd is not an object of arguments'],
  ]);
});

test('directory mode: each folder of *.tf.json files is one Terraform target; the examples lint as the README says', async () => {
  const dir = path.join(ROOT, 'examples', 'terraform');
  const targets = discoverTargets([dir]);
  assert.deepEqual(targets.map((t) => [t.kind, path.relative(dir, t.path), t.files?.map((f) => path.basename(f))]), [
    ['terraform', 'exposed-web-app', ['main.tf.json']],
    ['terraform', 'secure-web-app', ['main.tf.json']],
  ]);
  const { results } = await lintPaths([dir]);
  const byFolder = new Map(results.map((r) => [path.basename(r.path), r]));
  assert.deepEqual(byFolder.get('secure-web-app')?.findings.map((f) => `${f.ruleId} ${f.resource}`), []);
  const exposed = new Set(byFolder.get('exposed-web-app')?.findings.map((f) => `${f.ruleId} ${f.resource}`));
  for (const want of [
    'public-ip-on-backend aws_instance.admin',
    'backend-in-public-subnet aws_instance.admin',
    'public-subnet-auto-ip aws_subnet.public_a',
    'public-database aws_db_instance.db',
    'world-open-admin-port aws_security_group.app',
    'backend-open-to-internet aws_security_group.app',
    'alb-http-listener aws_lb_listener.http',
    'alb-without-waf aws_lb.web',
  ]) {
    assert.ok(exposed.has(want), `missing ${want} in ${[...exposed].join(', ')}`);
  }
});

test('a *.tf.json file named on the command line brings the rest of its folder', () => {
  const file = path.join(ROOT, 'test', 'adapters', 'terraform', 'fixtures', 'network', 'main.tf.json');
  const targets = discoverTargets([file]);
  assert.deepEqual(targets.map((t) => [t.kind, t.explicit, t.files?.map((f) => path.basename(f))]), [['terraform', true, ['edge.tf.json', 'main.tf.json', 'variables.tf.json']]]);
});

test('a *.tf.json named on the command line that holds no Terraform is reported; in directory mode it is skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'exposure-lint-tf-'));
  try {
    const file = path.join(dir, 'settings.tf.json');
    writeFileSync(file, '{"editor": {"tabSize": 2}}\n');
    const named = await lintPaths([file]);
    assert.deepEqual(named.results.map((r) => r.findings.map((f) => [f.ruleId, f.severity, path.basename(f.loc.file), f.message])), [
      [['parse-error', 'warning', 'settings.tf.json', 'settings.tf.json has no Terraform blocks (resource, variable, locals, ...); nothing checked']],
    ]);
    assert.deepEqual((await lintPaths([path.dirname(file)])).results, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('variable files: JSON and HCL values replace defaults, later files win', async () => {
  await initHcl();
  const module = JSON.stringify({
    variable: { public: { default: false }, cidr: { default: '10.0.0.0/8' } },
    resource: {
      aws_security_group: { sg: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.cidr}'] }] } },
      aws_instance: { admin: { subnet_id: '${aws_subnet.public.id}', associate_public_ip_address: '${var.public}', vpc_security_group_ids: ['${aws_security_group.sg.id}'] } },
    },
  }, null, 2);
  const files = [{ path: 'm/network.tf.json', text: NETWORK }, { path: 'm/admin.tf.json', text: module }];
  const ids = (varFiles: { path: string; text: string }[]) => lintTerraformFiles(files, undefined, { varFiles }).findings.filter((f) => f.ruleId === 'public-ip-on-backend' || f.ruleId === 'world-open-admin-port').map((f) => f.ruleId);
  assert.deepEqual(ids([]), []);
  assert.deepEqual(ids([{ path: 'm/terraform.tfvars.json', text: '{"public": true, "cidr": "0.0.0.0/0"}' }]), ['world-open-admin-port', 'public-ip-on-backend']);
  // An HCL variable file gives values too; *.auto.tfvars come after terraform.tfvars.json.
  assert.deepEqual(ids([{ path: 'm/terraform.tfvars.json', text: '{"public": true}' }, { path: 'm/prod.auto.tfvars', text: 'public = false\n' }]), []);
  assert.deepEqual(ids([{ path: 'm/terraform.tfvars', text: 'cidr   = "0.0.0.0/0" # world\npublic = true\n' }]), ['world-open-admin-port', 'public-ip-on-backend']);
  // *.auto.tfvars files come after terraform.tfvars.json, in name order.
  assert.deepEqual(ids([{ path: 'm/b.auto.tfvars.json', text: '{"public": false}' }, { path: 'm/terraform.tfvars.json', text: '{"public": false}' }, { path: 'm/a.auto.tfvars.json', text: '{"public": true}' }]), []);
  assert.deepEqual(ids([{ path: 'm/a.auto.tfvars.json', text: '{"public": false}' }, { path: 'm/b.auto.tfvars.json', text: '{"public": true}' }]), ['public-ip-on-backend']);
});

test('variable files beside the module on disk are read, as Terraform does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'exposure-lint-tfvars-'));
  try {
    const admin = JSON.stringify({ variable: { public: { default: false } }, resource: { aws_instance: { admin: { subnet_id: '${aws_subnet.public.id}', associate_public_ip_address: '${var.public}' } } } }, null, 2);
    const files = [{ path: path.join(dir, 'network.tf.json'), text: NETWORK }, { path: path.join(dir, 'admin.tf.json'), text: admin }];
    assert.deepEqual(lintTerraformFiles(files).findings.filter((f) => f.ruleId === 'public-ip-on-backend'), []);
    writeFileSync(path.join(dir, 'terraform.tfvars.json'), '{"public": true}\n');
    assert.deepEqual(lintTerraformFiles(files).findings.filter((f) => f.ruleId === 'public-ip-on-backend').map((f) => f.resource), ['aws_instance.admin']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
