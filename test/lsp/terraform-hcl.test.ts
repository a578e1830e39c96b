// Terraform HCL in the editor: diagnostics at exact ranges in a .tf module, quick fixes as HCL edits,
// comment suppressions, and a .tfvars override re-lints the module's open files.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyTextEdits, editsFor, TestClient, tempDir, uriOf } from './lsp-client';
import { rangeOf } from './templates';

const NETWORK = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
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

const ADMIN = `variable "public" {
  type    = bool
  default = true
}

# The admin host, for now in the public subnet.
resource "aws_instance" "admin" {
  ami                         = "ami-12345678"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = var.public
}
`;

test('Terraform HCL module: diagnostics, an HCL quick fix, a comment suppression, a .tfvars override', async () => {
  const workspace = tempDir();
  const network = join(workspace.dir, 'network.tf');
  const admin = join(workspace.dir, 'admin.tf');
  writeFileSync(network, NETWORK);
  writeFileSync(admin, ADMIN);
  const client = await TestClient.start({ folder: workspace.dir });
  try {
    const uri = uriOf(admin);
    await client.open(uri, ADMIN, 'terraform');
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, (d.data as { resource: string }).resource, d.range]), [
      ['backend-in-public-subnet', 'aws_instance.admin', rangeOf(ADMIN, 'subnet_id                   = aws_subnet.public.id')],
      ['public-ip-on-backend', 'aws_instance.admin', rangeOf(ADMIN, 'associate_public_ip_address = var.public')],
    ]);
    const actions = await client.codeActions(uri, diagnostics[1].range, [diagnostics[1]], ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), ['Do not assign a public IP to aws_instance.admin (aws_instance.admin loses outbound internet until it is moved to a private subnet behind NAT)', 'Disable public-ip-on-backend for this line', 'Disable public-ip-on-backend for resource aws_instance.admin']);
    const fixed = applyTextEdits(ADMIN, editsFor(actions[0].edit, uri));
    assert.equal(fixed, ADMIN.replace('associate_public_ip_address = var.public', 'associate_public_ip_address = false'));
    const version = await client.change(uri, [{ text: fixed }]);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === version)).diagnostics.map((d) => d.code), ['backend-in-public-subnet']);
    const suppressed = applyTextEdits(ADMIN, editsFor(actions[2].edit, uri));
    assert.ok(suppressed.includes('# The admin host, for now in the public subnet.\n# exposure-lint-disable-next-line public-ip-on-backend\nresource "aws_instance" "admin" {'));
    const suppressedVersion = await client.change(uri, [{ text: suppressed }]);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === suppressedVersion)).diagnostics.map((d) => d.code), ['backend-in-public-subnet']);
    // A variable file (open, unsaved) turns the public IP off: the module's open file is re-linted.
    const restored = await client.change(uri, [{ text: ADMIN }]);
    await client.diagnostics(uri, (p) => p.version === restored);
    const tfvars = join(workspace.dir, 'terraform.tfvars');
    writeFileSync(tfvars, '');
    const recomputed = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
    await client.open(uriOf(tfvars), 'public = false\n', 'terraform-vars');
    assert.deepEqual((await recomputed).diagnostics.map((d) => d.code), ['backend-in-public-subnet']);
  } finally {
    await client.stop();
    workspace.remove();
  }
});
