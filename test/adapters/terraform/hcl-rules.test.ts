// Every rule on HCL: bad.tf and good.tf beside each rule's *.tf.json fixtures give the same findings
// (rule, resource address, message) as the JSON, at these exact ranges in the HCL text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { Finding } from '../../../server/src/engine/types';
import { positionAt } from '../../../server/src/source/tree';
import { ROOT } from './helpers';
import { assertFixResolvesWith } from '../../helpers/rule-harness';
import { lintTerraformSource } from '../../helpers/terraform-rule-harness';
import { parseHcl } from '../../../server/src/adapters/terraform/hcl/convert';

test.before(() => initHcl());

/** Per rule: [resource, "line:col-line:col" (1-based), first line of the text the range covers]. */
const EXPECTED: Record<string, [string, string, string][]> = {
  'alb-http-listener': [
    ["aws_lb_listener.http", "55:3-58:4", "default_action {"],
  ],
  'alb-without-waf': [
    ["aws_lb.web", "38:19-38:24", "\"web\""],
  ],
  'backend-in-public-subnet': [
    ["aws_instance.admin", "178:3-178:50", "subnet_id              = aws_subnet.public_a.id"],
  ],
  'backend-open-to-internet': [
    ["aws_security_group.app", "123:20-123:31", "\"0.0.0.0/0\""],
  ],
  'backend-without-nat-egress': [
    ["aws_instance.worker", "192:3-192:46", "subnet_id              = aws_subnet.jobs.id"],
  ],
  'default-vpc-placement': [
    ["aws_security_group.loose", "127:31-127:38", "\"loose\""],
    ["aws_instance.loose", "179:25-179:32", "\"loose\""],
  ],
  'eip-on-backend': [
    ["aws_eip.worker", "84:3-84:36", "instance = aws_instance.worker.id"],
    ["aws_eip_association.api", "198:1-201:2", "resource \"aws_eip_association\" \"api\" {"],
  ],
  'eks-public-endpoint': [
    ["aws_eks_cluster.default", "15:28-15:37", "\"default\""],
    ["aws_eks_cluster.open", "30:5-30:34", "endpoint_public_access = true"],
  ],
  'igw-not-attached': [
    ["aws_internet_gateway.igw", "15:33-15:38", "\"igw\""],
  ],
  'instance-connect-endpoint-missing-access': [
    ["aws_security_group.eice", "14:3-19:4", "egress {"],
    ["aws_security_group.app", "22:31-22:36", "\"app\""],
  ],
  'internet-facing-lb-in-private-subnet': [
    ["aws_lb.web", "130:25-130:48", "aws_subnet.private_a.id"],
    ["aws_lb.web", "130:50-130:73", "aws_subnet.private_b.id"],
  ],
  'nat-gateway-placement': [
    ["aws_nat_gateway.nat", "83:3-83:42", "subnet_id     = aws_subnet.private_a.id"],
    ["aws_nat_gateway.spare", "87:28-87:35", "\"spare\""],
  ],
  'parse-error': [
    ["", "8:1-8:1", ""],
  ],
  'public-database': [
    ["aws_db_instance.db", "185:3-185:32", "publicly_accessible    = true"],
  ],
  'public-ip-on-backend': [
    ["aws_instance.admin", "180:3-180:37", "associate_public_ip_address = true"],
    ["aws_ecs_service.api", "191:5-191:28", "assign_public_ip = true"],
  ],
  'public-subnet-auto-ip': [
    ["aws_subnet.public_c", "43:3-43:33", "map_public_ip_on_launch = true"],
  ],
  'unrestricted-egress': [
    ["aws_security_group.app", "123:20-123:31", "\"0.0.0.0/0\""],
  ],
  'world-open-admin-port': [
    ["aws_security_group.app", "123:20-123:31", "\"0.0.0.0/0\""],
  ],
};

function lint(file: string): { text: string; findings: Finding[]; lineStarts: number[] } {
  const text = readFileSync(file, 'utf8');
  const result = lintTerraformFiles([{ path: file, text }], undefined, { varFiles: [] });
  return { text, findings: result.findings, lineStarts: result.files[0].lineStarts };
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.resource} ${f.message} [${f.fixes.map((x) => x.title).join('; ')}]`).sort();

for (const [rule, expected] of Object.entries(EXPECTED)) {
  const dir = path.join(ROOT, 'rules', rule, 'fixtures');
  test(`${rule}: bad.tf gives its findings at exact HCL ranges, as bad.tf.json does`, () => {
    const { text, findings, lineStarts } = lint(path.join(dir, 'bad.tf'));
    const actual = findings.filter((f) => f.ruleId === rule).map((f) => {
      const [s, e] = [positionAt(lineStarts, f.loc.span.start), positionAt(lineStarts, f.loc.span.end)];
      return [f.resource, `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`, text.slice(f.loc.span.start, f.loc.span.end).split('\n')[0]];
    });
    assert.deepEqual(actual, expected);
    assert.ok(expected.length > 0);
    if (existsSync(path.join(dir, 'bad.tf.json'))) assert.deepEqual(summary(findings), summary(lint(path.join(dir, 'bad.tf.json')).findings));
  });
  if (existsSync(path.join(dir, 'good.tf'))) {
    test(`${rule}: good.tf has none of its findings, as good.tf.json`, () => {
      const { findings } = lint(path.join(dir, 'good.tf'));
      assert.deepEqual(findings.filter((f) => f.ruleId === rule), []);
      assert.deepEqual(summary(findings), summary(lint(path.join(dir, 'good.tf.json')).findings));
    });
  }
}

for (const rule of Object.keys(EXPECTED)) {
  test(`${rule}: every fix of bad.tf is an HCL edit that re-parses cleanly and resolves its finding`, () => {
    const file = path.join(ROOT, 'rules', rule, 'fixtures', 'bad.tf');
    const linted = lintTerraformSource(file, readFileSync(file, 'utf8'));
    const relint = (p: string, text: string) => {
      assert.deepEqual(parseHcl(p, text).problems, [], `the fixed text does not parse:\n${text}`);
      return lintTerraformSource(p, text);
    };
    let fixes = 0;
    for (const finding of linted.findings.filter((f) => f.ruleId === rule)) {
      for (const fix of finding.fixes) {
        assertFixResolvesWith(linted, finding, fix, relint);
        fixes++;
      }
    }
    if (rule !== 'parse-error') assert.ok(fixes > 0, 'no fix offered');
  });
}
