// Hostile file contents: glob, reference and regex bombs, duplicate keys in every format (the later value is
// analysed, as deployed), malformed variable files and `__proto__` keys. Messages exact, time bounded.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { globMatches, isIgnored, loadConfigFile, ConfigError } from '../../server/src/engine/config';
import { lintText } from '../../server/src/engine/lint';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { defaultConfig } from '../../server/src/engine/types';
import { lintPaths } from '../../server/src/engine/workspace';
import { disableLineEdit, parseNextLine } from '../../server/src/lsp/suppress-edits';
import { assertNoStack, bounded, cli, tempFolder } from './bounded';
import { CLOSED_YAML, SSH_OPEN_YAML, sshOpenTerraform, WORLD_OPEN } from './templates';

const rows = (findings: { ruleId: string; severity: string; message: string }[]) => findings.map((f) => [f.ruleId, f.severity, f.message]);
const sshMessage = (id: string) => `${id} admits SSH (tcp 22) from 0.0.0.0/0: anything in ${id} can be administered from anywhere instead of through an EC2 Instance Connect Endpoint`;
const duplicate = (key: string) => ['parse-error', 'error', `Duplicate key '${key}': the later value silently replaces the earlier one`];

// ---- glob bombs ----

/** The regular-expression matcher the linear one replaced: same meaning, exponential on `**` chains. */
function oldGlob(pattern: string, path: string): boolean {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  const anchored = glob.replace(/\/$/, '').includes('/');
  glob = glob.replace(/^\//, '').replace(/\/$/, '');
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}(?:/.*)?$`).test(path);
}

test('ignore globs: the linear matcher agrees with the old regular expressions on 20,000 seeded small cases', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const pick = (parts: string[], max: number) => Array.from({ length: 1 + rand(max) }, () => parts[rand(parts.length)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const pattern = pick(['a', 'b', '/', '*', '**', '**/', '?', '.', 'x/'], 6);
    const path = pick(['a', 'b', '/', '.', 'x', 'ab/'], 8).replace(/^\/+/, '');
    assert.equal(globMatches(pattern, path), oldGlob(pattern, path), `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
  }
});

test('an ignore glob of twelve **/ segments on a deep path is answered in bounded time (was > 30 s)', async () => {
  const bomb = `${'**/'.repeat(12)}x/**/y/**/z/*.yaml`;
  const deep = `${'d/'.repeat(400)}w.yaml`;
  const matched = await bounded('12 x **/ glob, 400-deep path, 1,000 calls', 10_000, () => {
    let any = false;
    for (let i = 0; i < 1000; i++) any = globMatches(bomb + i, deep) || any;
    return any;
  });
  assert.equal(matched, false);
  assert.equal(globMatches(`${'*/'.repeat(30)}**`, `${'d/'.repeat(30)}f`), true);
  assert.equal(isIgnored('/repo/legacy/a/b.yaml', { ...defaultConfig(), ignore: ['legacy/**'], root: '/repo' }), true);
});

test('the CLI with a glob-bomb .exposure-lint.yaml over a deep folder finishes in bounded time', async () => {
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, '.exposure-lint.yaml'), `ignore:\n  - "${'**/'.repeat(12)}nothing-here/**/*.json"\n`);
    let dir = repo.dir;
    for (let i = 0; i < 60; i++) dir = join(dir, 'abcdefgh');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app.yaml'), SSH_OPEN_YAML);
    const run = await cli('glob bomb config', [repo.dir], 30_000);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /world-open-admin-port/);
  } finally {
    repo.remove();
  }
});

// ---- reference and regex bombs ----

test('Terraform references of 50,000 steps (a.a.a..., [*][*]...) are resolved in linear time (was > 20 s)', async () => {
  for (const ref of [`aws_vpc.main${'.a'.repeat(50_000)}`, `aws_vpc.main${'[*]'.repeat(50_000)}.id`, `var.v${'.a'.repeat(50_000)}`, `local.l${'[0]'.repeat(20_000)}`]) {
    const tf = JSON.parse(sshOpenTerraform()) as { resource: { aws_security_group: { admin: Record<string, unknown> } }; variable?: unknown; locals?: unknown };
    tf.resource.aws_security_group.admin.description = `\${${ref}}`;
    tf.variable = { v: { default: { a: 'x' } } };
    tf.locals = { l: [[[]]] };
    const linted = await bounded(`reference ${ref.slice(0, 16)}... (${ref.length} chars)`, 3_000, () => lintTerraformFiles([{ path: '/repo/main.tf.json', text: JSON.stringify(tf) }]));
    assert.deepEqual(rows(linted.findings), [[WORLD_OPEN, 'error', sshMessage('aws_security_group.admin')]]);
  }
});

test('the suppression-comment scan of the server edit code is linear on 4,000 (and 400,000) spaces (was 41-57 s)', async () => {
  for (const n of [4_000, 400_000]) {
    for (const tail of ['\r', 'x', '-- why', '']) {
      const line = `# exposure-lint-disable-next-line${' '.repeat(n)}${tail}`;
      await bounded(`disable-next-line + ${n} spaces + ${JSON.stringify(tail)}`, 1_000, () => parseNextLine(line));
    }
  }
  assert.deepEqual(parseNextLine('  # exposure-lint-disable-next-line a, b   -- reason'), { rulesStart: 36, rules: 'a, b' });
  assert.deepEqual(parseNextLine('# exposure-lint-disable-next-line'), { rulesStart: 33, rules: '' });
  assert.equal(parseNextLine('# exposure-lint-disable-next-lineX'), undefined);
  const text = `Resources:\n  # exposure-lint-disable-next-line rule-a${' '.repeat(4000)}\n  Host:\n`;
  const edit = await bounded('disableLineEdit after 4,000 spaces', 1_000, () => disableLineEdit('t.yaml', text, 2, 'rule-b'));
  const at = text.indexOf('rule-a') + 'rule-a'.length;
  assert.deepEqual(edit, { file: 't.yaml', span: { start: at, end: at }, newText: ', rule-b' });
});

// ---- duplicate keys, every format ----

test('duplicate keys in CloudFormation YAML: the later SecurityGroupIngress is analysed and its open SSH reported; the duplicate is an error', () => {
  const yaml = SSH_OPEN_YAML.replace('      SecurityGroupIngress:\n', '      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }\n      SecurityGroupIngress:\n');
  assert.deepEqual(rows(lintText('dup.yaml', yaml).findings), [duplicate('SecurityGroupIngress'), [WORLD_OPEN, 'error', sshMessage('AdminSg')]]);
  // And the other way round: a later closed list replaces an earlier open one.
  const closedLater = CLOSED_YAML.replace('      SecurityGroupIngress:\n', '      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n      SecurityGroupIngress:\n');
  assert.deepEqual(rows(lintText('dup2.yaml', closedLater).findings), [duplicate('SecurityGroupIngress')]);
});

test('duplicate Type in CloudFormation JSON: the later type is the resource that is analysed', () => {
  const template = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      AdminSg: { Type: 'AWS::SNS::Topic', Properties: { GroupDescription: 'x', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] } },
    },
  };
  const text = JSON.stringify(template, null, 2).replace('"Type": "AWS::SNS::Topic",', '"Type": "AWS::SNS::Topic",\n      "Type": "AWS::EC2::SecurityGroup",');
  assert.deepEqual(rows(lintText('dup.json', text).findings), [duplicate('Type'), [WORLD_OPEN, 'error', sshMessage('AdminSg')]]);
  // The same through jsonc-parser (a comment makes the strict reader give up).
  assert.deepEqual(rows(lintText('dup.json', `// c\n${text}`).findings), [duplicate('Type'), [WORLD_OPEN, 'error', sshMessage('AdminSg')]]);
});

test('duplicate attribute in Terraform JSON: the later cidr_blocks is analysed', () => {
  const text = `{"resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}}, "aws_security_group": {"admin": {"vpc_id": "\${aws_vpc.main.id}",
    "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.1.0.0/16"], "cidr_blocks": ["0.0.0.0/0"]}]}}}}`;
  const linted = lintTerraformFiles([{ path: '/repo/main.tf.json', text }]);
  assert.deepEqual(rows(linted.findings), [duplicate('cidr_blocks'), [WORLD_OPEN, 'error', sshMessage('aws_security_group.admin')]]);
});

test('duplicate key in terraform.tfvars.json: the later value is used; a malformed or non-object variable file is reported', () => {
  const module = JSON.stringify({
    variable: { admin_cidr: { default: '10.0.0.0/16' } },
    resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } }, aws_security_group: { admin: { vpc_id: '${aws_vpc.main.id}', ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.admin_cidr}'] }] } } },
  });
  const lint = (vars: string) => rows(lintTerraformFiles([{ path: '/repo/main.tf.json', text: module }], defaultConfig(), { varFiles: [{ path: '/repo/terraform.tfvars.json', text: vars }] }).findings);
  assert.deepEqual(lint('{"admin_cidr": "10.0.0.0/16", "admin_cidr": "0.0.0.0/0"}'), [[WORLD_OPEN, 'error', sshMessage('aws_security_group.admin')], duplicate('admin_cidr')]);
  assert.deepEqual(lint('{"admin_cidr": "0.0.0.0/0",}'), [['parse-error', 'error', 'JSON syntax error: property name expected (Terraform rejects this variable file; its values are not used)']]);
  assert.deepEqual(lint('["0.0.0.0/0"]'), [['parse-error', 'error', 'A variable file must hold a JSON object of variable values; its values are not used']]);
});

test('a malformed terraform.tfvars.json on disk is reported by the CLI at the variable file', async () => {
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, 'main.tf.json'), sshOpenTerraform('10.0.0.0/16'));
    writeFileSync(join(repo.dir, 'terraform.tfvars.json'), '{"x": ');
    const run = await cli('malformed tfvars', [repo.dir], 20_000);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /terraform\.tfvars\.json:1:\d+ +error +JSON syntax error: .* \(Terraform rejects this variable file; its values are not used\) +parse-error/);
  } finally {
    repo.remove();
  }
});

test('a duplicate key in .exposure-lint.yaml is a clear config error, never a silent choice', () => {
  const repo = tempFolder();
  try {
    const path = join(repo.dir, '.exposure-lint.yaml');
    writeFileSync(path, 'rules:\n  world-open-admin-port: off\nrules:\n  world-open-admin-port: error\n');
    assert.throws(() => loadConfigFile(path), (error: Error) => error instanceof ConfigError && /^Invalid config file .*\.exposure-lint\.yaml: .*\.exposure-lint\.yaml:3:1: Map keys must be unique/.test(error.message));
  } finally {
    repo.remove();
  }
});

// ---- __proto__ and friends ----

test('__proto__, constructor and toString as Terraform types, names, attributes and variables are plain data', async () => {
  const text = `{
  "variable": {"__proto__": {"default": "0.0.0.0/0"}, "constructor": {"default": 1}},
  "resource": {
    "__proto__": {"x": {"a": 1}},
    "constructor": {"toString": {"b": 2}},
    "aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}},
    "aws_security_group": {"__proto__": {"vpc_id": "\${aws_vpc.main.id}", "__proto__": {"y": 1},
      "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["\${var.__proto__}"]}]}}
  }
}`;
  const linted = lintTerraformFiles([{ path: '/repo/main.tf.json', text }]);
  assert.deepEqual(rows(linted.findings), [[WORLD_OPEN, 'error', sshMessage('aws_security_group.__proto__')]]);
  const yaml = `Resources:\n  __proto__:\n    Type: __proto__\n  constructor:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      __proto__: {}\n      SecurityGroupIngress:\n        - { IpProtocol: constructor, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n`;
  for (const finding of lintText('proto.yaml', yaml).findings) assert.doesNotMatch(finding.message, /is not a function|Internal error|\[native code\]/);
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, 'main.tf.json'), text);
    const run = await cli('__proto__ keys', [repo.dir], 20_000);
    assert.equal(run.code, 1);
    assertNoStack(run.stderr);
    assert.doesNotMatch(run.stdout, /is not a function|Internal error/);
  } finally {
    repo.remove();
  }
});

test('a file over the size cap is reported from a bounded read, never read whole', async () => {
  const repo = tempFolder();
  try {
    const path = join(repo.dir, 'big.yaml');
    writeFileSync(path, `${SSH_OPEN_YAML}# ${'x'.repeat(21 * 1024 * 1024)}\n`);
    const { results } = await bounded('21 MB template', 10_000, () => lintPaths([path]));
    assert.deepEqual(rows(results[0].findings), [['parse-error', 'error', 'File is larger than 20971520 bytes; not analysed']]);
  } finally {
    repo.remove();
  }
});
