// WAF associations in Terraform: WAFv2 and WAF Classic regional; one naming an undeclared load balancer protects nothing,
// one naming an ARN from elsewhere may protect it (a possible finding).
import test from 'node:test';
import assert from 'node:assert/strict';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';

test.before(() => initHcl());

const moduleText = (association: string) => `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_lb" "web" {
  internal = false
  subnets  = [aws_subnet.a.id]
}
${association}`;

const waf = (association: string) => lintTerraformFiles([{ path: 'w/main.tf', text: moduleText(association) }], undefined, { varFiles: [] }).findings.filter((f) => f.ruleId === 'alb-without-waf').map((f) => f.resource);

test('alb-without-waf on HCL: v2 and regional associations protect the ALB; one naming an undeclared ALB does not', () => {
  assert.deepEqual(waf(''), ['aws_lb.web']);
  assert.deepEqual(waf('resource "aws_wafv2_web_acl_association" "w" {\n  resource_arn = aws_lb.web.arn\n  web_acl_arn  = var.acl\n}\n'), []);
  assert.deepEqual(waf('resource "aws_wafregional_web_acl_association" "w" {\n  resource_arn = aws_lb.web.arn\n  web_acl_id   = var.acl\n}\n'), []);
  assert.deepEqual(waf('resource "aws_wafregional_web_acl_association" "w" {\n  resource_arn = aws_lb.webb.arn\n  web_acl_id   = var.acl\n}\n'), ['aws_lb.web']);
  // An ARN from elsewhere (a variable) may be this ALB's: a possible finding that names the association.
  const possible = lintTerraformFiles([{ path: 'w/main.tf', text: moduleText('resource "aws_wafv2_web_acl_association" "w" {\n  resource_arn = var.lb_arn\n  web_acl_arn  = var.acl\n}\n') }], undefined, { varFiles: [] }).findings.filter((f) => f.ruleId === 'alb-without-waf');
  assert.deepEqual(possible.map((f) => [f.resource, f.certainty]), [['aws_lb.web', 'possible']]);
  assert.match(possible[0].message, /possible: aws_wafv2_web_acl_association\.w names its load balancer through `var\.lb_arn`/);
});
