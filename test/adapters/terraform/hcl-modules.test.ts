// Modules in HCL: a local child module read with its inputs and outputs (and a tfvars override reaching
// into it), confinement to the repository root, mixed .tf/.tf.json folders, known registry modules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { lintPaths } from '../../../server/src/engine/workspace';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { positionAt } from '../../../server/src/source/tree';
import { FileResult } from '../../../server/src/engine/workspace';
import { fixtureDir } from './helpers';

test.before(() => initHcl());

function rows(results: FileResult[]): string[] {
  return results.flatMap((r) =>
    r.findings.map((f) => {
      const file = r.files.find((s) => s.path === f.loc.file)!;
      const at = positionAt(file.lineStarts, f.loc.span.start);
      return `${f.ruleId} ${f.resource} ${path.relative(r.path, f.loc.file)}:${at.line + 1}:${at.character + 1}`;
    }),
  );
}

test('a local child module: inputs from the caller (and its tfvars), outputs back, findings named by module path', async () => {
  const dir = fixtureDir('hcl/child-module');
  const { results } = await lintPaths([dir]);
  const root = results.find((r) => r.path === dir)!;
  assert.deepEqual(rows([root]), [
    'backend-in-public-subnet aws_instance.admin main.tf:10:3',
    'public-ip-on-backend aws_instance.admin main.tf:11:3',
    'world-open-admin-port module.net.aws_security_group.admin modules/network/main.tf:36:20',
  ]);
  const ssh = root.findings.find((f) => f.ruleId === 'world-open-admin-port')!;
  assert.match(ssh.message, /^module\.net\.aws_security_group\.admin admits SSH \(tcp 22\) from 0\.0\.0\.0\/0: aws_instance\.admin /);
  // Without the tfvars override the defaults hold: no public IP, SSH only from 10.0.0.0/8.
  const files = ['main.tf', 'variables.tf'].map((n) => ({ path: path.join(dir, n), text: readFileSync(path.join(dir, n), 'utf8') }));
  const plain = lintTerraformFiles(files, undefined, { varFiles: [] });
  assert.deepEqual(plain.findings.map((f) => `${f.ruleId} ${f.resource}`), ['backend-in-public-subnet aws_instance.admin']);
  // The child's own folder linted alone has no backend: nothing.
  assert.deepEqual(rows(results.filter((r) => r.path !== dir)), []);
});

test('a module source outside the root, or through a link leaving it, is not read', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'exposure-lint-modules-'));
  try {
    const repo = path.join(base, 'repo');
    const outside = path.join(base, 'outside');
    cpSync(path.join(fixtureDir('hcl/child-module'), 'modules', 'network'), outside, { recursive: true });
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'app'), { recursive: true });
    symlinkSync(outside, path.join(repo, 'app', 'linked'), 'dir');
    const main = (source: string) => `module "net" {\n  source    = "${source}"\n  vpc_cidr  = "10.0.0.0/16"\n  open_cidr = "0.0.0.0/0"\n}\n\nresource "aws_instance" "admin" {\n  subnet_id                   = module.net.public_subnet_id\n  associate_public_ip_address = true\n  vpc_security_group_ids      = [module.net.admin_sg_id]\n}\n`;
    for (const source of ['../../outside', './linked']) {
      writeFileSync(path.join(repo, 'app', 'main.tf'), main(source));
      const { results } = await lintPaths([path.join(repo, 'app', 'main.tf')]);
      // The child is not read: nothing in it, and its subnet is not known to be public (at most a possible finding).
      assert.deepEqual(rows(results).filter((r) => r.includes('module.net') || r.startsWith('backend-in-public-subnet')), [], source);
      assert.ok(results.every((r) => r.findings.every((f) => f.certainty === 'possible')), source);
    }
    // Copied inside the repository, the same module is read.
    cpSync(outside, path.join(repo, 'modules', 'net'), { recursive: true });
    writeFileSync(path.join(repo, 'app', 'main.tf'), main('../modules/net'));
    const { results } = await lintPaths([path.join(repo, 'app', 'main.tf')]);
    assert.deepEqual(rows(results).map((r) => r.split(' ').slice(0, 2).join(' ')), ['backend-in-public-subnet aws_instance.admin', 'public-ip-on-backend aws_instance.admin', 'world-open-admin-port module.net.aws_security_group.admin']);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a folder mixing .tf and .tf.json is one module; a resource declared in both is an error', () => {
  const hcl = { path: 'm/network.tf', text: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' };
  const json = { path: 'm/more.tf.json', text: JSON.stringify({ resource: { aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}' } }, aws_vpc: { main: {} } } }, null, 2) };
  const result = lintTerraformFiles([hcl, json], undefined, { varFiles: [] });
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.loc.file, f.message]), [['parse-error', 'm/more.tf.json', 'Duplicate resource aws_vpc.main: Terraform rejects a module that declares it twice']]);
  const twice = lintTerraformFiles([{ path: 'm/a.tf', text: hcl.text + '\n' + hcl.text }], undefined, { varFiles: [] });
  assert.deepEqual(twice.findings.map((f) => [f.ruleId, positionAt(twice.files[0].lineStarts, f.loc.span.start).line + 1]), [['parse-error', 5]]);
});

test('known registry modules: what the caller asks for is reported inside the module block', () => {
  const text = `module "web" {
  source                      = "terraform-aws-modules/ec2-instance/aws"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
}

module "ssh" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  vpc_id              = aws_vpc.main.id
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "db" {
  source              = "terraform-aws-modules/rds/aws"
  publicly_accessible = true
}

module "other" {
  source = "git::https://example.com/net.git"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
`;
  const result = lintTerraformFiles([{ path: 'r/main.tf', text }], undefined, { varFiles: [] });
  const lines = result.findings.map((f) => `${f.ruleId} ${f.resource} ${positionAt(result.files[0].lineStarts, f.loc.span.start).line + 1}`);
  assert.ok(lines.includes('public-ip-on-backend module.web.aws_instance.this 4'), lines.join('\n'));
  assert.ok(lines.includes('public-database module.db.aws_db_instance.this 15'), lines.join('\n'));
  assert.ok(lines.some((l) => /^world-open-admin-port module\.ssh\.aws_security_group\.this 10$/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => l.includes('module.other')));
});
