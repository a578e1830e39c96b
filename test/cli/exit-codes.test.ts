// The CLI's exit codes and text output: 0 clean, 1 errors or too many warnings, 2 usage/internal errors, never a stack trace.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoStack, ROOT, runCli } from './run-cli';

const publicIp = 'test/cli/fixtures/public-ip.yaml';

test('a clean template exits 0 and prints nothing', async () => {
  const run = await runCli(['test/cli/fixtures/clean.yaml']);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
});

test('an error-level finding exits 1 with file:line:col rows and a summary', async () => {
  const run = await runCli([publicIp]);
  assert.equal(run.code, 1);
  assert.equal(
    run.stdout,
    '\n' +
      `${publicIp}:51:11  warning  Web is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT  backend-in-public-subnet\n` +
      `${publicIp}:52:11  error    Web gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB  public-ip-on-backend\n` +
      '\n✖ 2 problems (1 error, 1 warning)\n' +
      '  1 error and 0 warnings potentially fixable with the `--fix` option.\n' +
      '\n',
  );
});

test('--rule lowers a rule to a warning; --max-warnings decides the exit code', async () => {
  const lowered = ['--rule', 'public-ip-on-backend=warning', publicIp];
  assert.equal((await runCli(lowered)).code, 0);
  assert.equal((await runCli([...lowered, '--max-warnings', '2'])).code, 0);
  const over = await runCli([...lowered, '--max-warnings', '1']);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /too many warnings \(maximum: 1\)/);
  assert.equal((await runCli(['--rule', 'public-ip-on-backend=off', '--rule', 'backend-in-public-subnet=off', '--max-warnings=0', publicIp])).code, 0);
});

test('--quiet reports errors only', async () => {
  const run = await runCli(['--quiet', publicIp]);
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stdout, /backend-in-public-subnet/);
  assert.match(run.stdout, /public-ip-on-backend/);
  const warningsOnly = await runCli(['--quiet', '--rule', 'public-ip-on-backend=warning', publicIp]);
  assert.equal(warningsOnly.stdout, '');
  assert.equal(warningsOnly.code, 0);
});

test('usage mistakes exit 2 with a message and no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [[], /No files or folders given/],
    [['--bogus', publicIp], /Unknown option --bogus/],
    [['--format', 'xml', publicIp], /--format must be one of text, json, sarif \(got "xml"\)/],
    [['--max-warnings', 'many', publicIp], /--max-warnings needs a whole number/],
    [['--rule', 'no-such-rule=error', publicIp], /Unknown rule "no-such-rule"/],
    [['--rule', 'public-ip-on-backend=loud', publicIp], /"loud" is not one of error, warning, info, off/],
    [['test/cli/fixtures/does-not-exist.yaml'], /No such file or folder: test\/cli\/fixtures\/does-not-exist.yaml/],
    [['--config', 'test/cli/fixtures/missing-config.yaml', publicIp], /Cannot read config file/],
    [['--format'], /--format needs a value/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    assert.equal(run.code, 2, `exit code for ${args.join(' ')}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
    assertNoStack(run.stderr);
  }
});

test('a broken template is a parse-error finding at the right line:col, exit 1', async () => {
  const run = await runCli(['test/cli/fixtures/broken.yaml']);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^test\/cli\/fixtures\/broken\.yaml:7:24  error    YAML syntax error: bad indentation of a mapping entry  parse-error$/m);
  assert.match(run.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
});

test('--help, --version and --list-rules', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: exposure-lint \[options\] <files or folders\.\.\.>/);
  for (const flag of ['--format', '--fix', '--max-warnings', '--config', '--rule', '--no-color', '--quiet', '--list-rules']) assert.ok(help.stdout.includes(flag), flag);

  const version = await runCli(['--version']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout, `${pkg.version}\n`);

  const list = await runCli(['--list-rules']);
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^public-ip-on-backend +error +fix +A backend \(instance, task, node\) gets a public IP/m);
  assert.match(list.stdout, /^parse-error +error +The file could not be read as a template/m);
});

test('colors only on request', async () => {
  const plain = await runCli(['--no-color', publicIp], ROOT, { NO_COLOR: '' });
  assert.doesNotMatch(plain.stdout, /\u001b\[/);
  const colored = await runCli(['--color', publicIp]);
  assert.match(colored.stdout, /\u001b\[31merror/);
});

test('text output names the construct of a cdktf finding under its row', async () => {
  const run = await runCli(['test/adapters/terraform/fixtures/cdktf/']);
  assert.equal(run.code, 1);
  const lines = run.stdout.split('\n');
  const row = lines.findIndex((line) => line.includes('aws_instance.AdminHost gets a public IP'));
  assert.ok(row >= 0, run.stdout);
  assert.equal(lines[row + 1].trim(), 'construct web/AdminHost');
});
