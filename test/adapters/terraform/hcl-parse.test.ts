// The HCL reader: exact offsets (UTF-16, as editors count), syntax errors as problems, and incremental
// re-parsing after edits giving exactly what a fresh parse gives.
import test from 'node:test';
import assert from 'node:assert/strict';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { parseHcl, hclInfo } from '../../../server/src/adapters/terraform/hcl/convert';
import { getValue, toPlain } from '../../../server/src/source/tree';
import { generateHcl } from '../../bench/hcl-bench';

test.before(() => initHcl());

test('values and exact spans: literals, templates, heredocs, objects, expressions, nested and repeated blocks', () => {
  const text = `# é😀
resource "aws_security_group" "web" {
  name  = "web-\${var.env}"
  tags  = { Name = "é", "k-2" = 2 }
  ports = [22, 443] # comment
  open  = var.open ? ["0.0.0.0/0"] : []
  data  = <<-EOT
    line \${x}
  EOT
  ingress {
    from_port = 22
  }
  ingress {
    from_port = 443
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      from_port = egress.value.port
    }
  }
}
`;
  const file = parseHcl('main.tf', text);
  assert.deepEqual(file.problems, []);
  const body = getValue(getValue(getValue(file.root, 'resource'), 'aws_security_group'), 'web');
  assert.deepEqual(toPlain(body), {
    name: 'web-${var.env}',
    tags: { Name: 'é', 'k-2': 2 },
    ports: [22, 443],
    open: '${var.open ? ["0.0.0.0/0"] : []}',
    data: 'line ${x}\n',
    ingress: [{ from_port: 22 }, { from_port: 443 }],
    dynamic: { egress: { for_each: '${var.rules}', content: { from_port: '${egress.value.port}' } } },
  });
  const name = getValue(body, 'name')!;
  assert.equal(text.slice(name.span.start, name.span.end), '"web-${var.env}"');
  assert.deepEqual(hclInfo(file)?.comments.map((c) => c.text), ['# é😀', '# comment']);
});

test('a syntax error is an error problem at the place the parser gave up', () => {
  const text = 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n';
  const file = parseHcl('bad.tf', text);
  assert.equal(file.problems[0]?.severity, 'error');
  assert.match(file.problems[0].message, /^HCL syntax error/);
});

test('incremental re-parsing after random edits gives what a fresh parse gives', () => {
  let text = '# é😀 ü\n' + generateHcl(120);
  let seed = 11;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const state = (path: string) => {
    const file = parseHcl(path, text);
    return JSON.stringify([file.root, file.problems]);
  };
  for (let i = 0; i < 60; i++) {
    const at = random(text.length);
    text = text.slice(0, at) + ['x', '😀', '\n', '}', '"', ' = 1'][random(6)] + text.slice(at + random(4));
    assert.equal(state('edited.tf'), state(`fresh-${i}.tf`), `after edit ${i}`);
  }
});
