// `npm run bench` (HCL part): Terraform HCL modules of 50-10,000 resources: parse (tree-sitter + tree),
// model, rules and total (warm medians), and a keystroke (one edit, the whole module re-linted) on the
// 2,000-resource file. Appends its numbers to bench-results.json under "hcl".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initHcl } from '../../server/src/adapters/terraform/hcl/parser';
import { parseHcl } from '../../server/src/adapters/terraform/hcl/convert';
import { buildTerraformModel } from '../../server/src/adapters/terraform';
import { lintModel } from '../../server/src/engine/lint';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';

const ROOT = resolve(__dirname, '..', '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '50,500,2000,10000').split(',').map(Number);

/** A VPC with public and private subnets, and units of (subnet, association, group with rules, instance, EIP). */
export function generateHcl(resources: number): string {
  const out: string[] = [
    'variable "vpc_cidr" {\n  type    = string\n  default = "10.0.0.0/16"\n}\n',
    'resource "aws_vpc" "main" {\n  cidr_block = var.vpc_cidr\n}\n',
    'resource "aws_internet_gateway" "igw" {\n  vpc_id = aws_vpc.main.id\n}\n',
    'resource "aws_route_table" "public" {\n  vpc_id = aws_vpc.main.id\n\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.igw.id\n  }\n}\n',
  ];
  let count = 4;
  for (let i = 0; count < resources; i++) {
    const unit = [
      `resource "aws_subnet" "s${i}" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = cidrsubnet(var.vpc_cidr, 8, ${i % 256})\n}\n`,
      `resource "aws_route_table_association" "s${i}" {\n  subnet_id      = aws_subnet.s${i}.id\n  route_table_id = aws_route_table.public.id\n}\n`,
      `resource "aws_security_group" "g${i}" {\n  vpc_id = aws_vpc.main.id\n\n  ingress {\n    from_port   = ${i % 3 ? 443 : 22}\n    to_port     = ${i % 3 ? 443 : 22}\n    protocol    = "tcp"\n    cidr_blocks = ["${i % 5 ? '10.0.0.0/8' : '0.0.0.0/0'}"]\n  }\n}\n`,
      `resource "aws_instance" "i${i}" {\n  ami                         = "ami-12345678"\n  subnet_id                   = aws_subnet.s${i}.id\n  associate_public_ip_address = ${i % 4 === 0}\n  vpc_security_group_ids      = [aws_security_group.g${i}.id]\n  tags = {\n    Name = "app-\${${i}}"\n  }\n}\n`,
    ];
    for (const block of unit) {
      if (count++ >= resources) break;
      out.push(block);
    }
  }
  return out.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  await initHcl();
  const rows: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    const text = generateHcl(size);
    const path = `/bench/${size}/main.tf`;
    const runs = size <= 500 ? 15 : size <= 2000 ? 7 : 3;
    const samples: { parse: number; model: number; rules: number; total: number; findings: number }[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = process.hrtime.bigint();
      const file = parseHcl(path, text);
      const parse = ms(t0);
      const t1 = process.hrtime.bigint();
      const model = buildTerraformModel([file], []);
      const modelMs = ms(t1);
      const t2 = process.hrtime.bigint();
      const findings = lintModel(model);
      samples.push({ parse, model: modelMs, rules: ms(t2), total: ms(t0), findings: findings.length });
    }
    const warm = samples.slice(2);
    const row = {
      resources: size,
      kb: Math.round(text.length / 1024),
      parseMs: +median(warm.map((s) => s.parse)).toFixed(1),
      modelMs: +median(warm.map((s) => s.model)).toFixed(1),
      rulesMs: +median(warm.map((s) => s.rules)).toFixed(1),
      totalMs: +median(warm.map((s) => s.total)).toFixed(1),
      findings: warm[0].findings,
    };
    rows.push(row);
    process.stdout.write(`hcl ${String(size).padStart(5)} resources ${String(row.kb).padStart(5)} KB  parse ${row.parseMs} ms  model ${row.modelMs} ms  rules ${row.rulesMs} ms  total ${row.totalMs} ms  (${row.findings} findings)\n`);
  }
  // Keystroke: a character typed in the 2,000-resource file, the whole module linted again (as the server does).
  const text = generateHcl(2000);
  const at = text.indexOf('ami-12345678') + 4;
  const keystrokes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const edited = text.slice(0, at) + String(i % 10) + text.slice(at);
    const t0 = process.hrtime.bigint();
    lintTerraformFiles([{ path: '/bench/keystroke/main.tf', text: edited }], undefined, { varFiles: [] });
    keystrokes.push(ms(t0));
  }
  const keystrokeMs = +median(keystrokes.slice(2)).toFixed(1);
  process.stdout.write(`hcl keystroke on 2000 resources: ${keystrokeMs} ms (median, full re-lint)\n`);
  const file = resolve(ROOT, 'bench-results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...previous, hcl: { sizes: rows, keystrokeMs } }, null, 2) + '\n');
}

if (require.main === module) void main();
