// `exposure-lint diff <old> <new>` through the built CLI: exit codes, text, JSON, SARIF baselineState, usage errors, an unreadable old version.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoStack, runCli } from '../cli/run-cli';
import { onlyRulesFlag } from './helpers';

const CFN = 'test/diff/fixtures/cloudformation';
const rules = onlyRulesFlag(['public-ip-on-backend', 'backend-in-public-subnet']);
const diff = (...args: string[]) => runCli(['diff', ...rules, ...args]);

test('a change that introduces an error-level exposure exits 1; the text report names it, its path and its cause', async () => {
  const run = await diff(`${CFN}/base.yaml`, `${CFN}/new-exposure.yaml`);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 1);
  const via = 'path: PublicA uses route table PublicRoutes; PublicRoutes routes 0.0.0.0/0 to Igw; Igw is an internet gateway attached to the VPC';
  const cause = 'caused by: changed AppServer: NetworkInterfaces[0].AssociatePublicIpAddress false -> true; NetworkInterfaces[0].SubnetId !Ref PrivateA -> !Ref PublicA';
  assert.equal(
    run.stdout,
    `Exposure changes from ${CFN}/base.yaml to ${CFN}/new-exposure.yaml: 2 introduced, 0 resolved, 2 unchanged\n` +
      '\nIntroduced\n' +
      `  ${CFN}/new-exposure.yaml:83:11  warning  AppServer is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT  backend-in-public-subnet\n` +
      `      resource: AppServer\n      ${via}\n      ${cause}\n` +
      `  ${CFN}/new-exposure.yaml:84:11  error    AppServer gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB  public-ip-on-backend\n` +
      `      resource: AppServer\n      ${via}; AppServer asks for a public IP\n      ${cause}\n` +
      '\nUnchanged\n' +
      `  ${CFN}/new-exposure.yaml:93:11  warning  AdminHost is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT  backend-in-public-subnet\n` +
      `      resource: AdminHost\n      ${via}\n` +
      `  ${CFN}/new-exposure.yaml:94:11  error    AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB  public-ip-on-backend\n` +
      `      resource: AdminHost\n      ${via}; AdminHost asks for a public IP\n` +
      '\nChanges\n' +
      `  ${CFN}/new-exposure.yaml\n` +
      '    [~] AWS::EC2::Instance AppServer (replace): NetworkInterfaces[0].AssociatePublicIpAddress false -> true; NetworkInterfaces[0].SubnetId !Ref PrivateA -> !Ref PublicA\n',
  );
});

test('old debt alone does not fail: a fix, an unrelated change and a rename exit 0', async () => {
  for (const after of ['fixed', 'unrelated', 'renamed', 'reordered']) {
    const run = await diff(`${CFN}/base.yaml`, `${CFN}/${after}.yaml`);
    assert.equal(run.code, 0, `${after}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stderr, '');
  }
  const fixed = await diff(`${CFN}/base.yaml`, `${CFN}/fixed.yaml`);
  assert.match(fixed.stdout, /^Exposure changes from .*: 0 introduced, 2 resolved, 0 unchanged\n/);
  assert.match(fixed.stdout, /\nResolved\n  test\/diff\/fixtures\/cloudformation\/base\.yaml:93:11  warning  AdminHost is placed in public subnet PublicA/);
  assert.match(fixed.stdout, /      resolved by: changed AdminHost: NetworkInterfaces\[0\]\.AssociatePublicIpAddress true -> false/);
});

test('--format json: introduced, resolved and unchanged entries with 1-based ranges, causes, renames and condition flips', async () => {
  const run = await diff('--format', 'json', `${CFN}/json/base.json`, `${CFN}/json/new-exposure.json`);
  assert.equal(run.code, 1);
  const body = JSON.parse(run.stdout);
  assert.deepEqual(body.summary, { introduced: 2, resolved: 0, unchanged: 2 });
  const publicIp = body.introduced[1];
  assert.deepEqual(
    { ruleId: publicIp.ruleId, severity: publicIp.severity, file: publicIp.file, range: publicIp.range, resource: publicIp.resource, message: publicIp.message },
    {
      ruleId: 'public-ip-on-backend',
      severity: 'error',
      file: `${CFN}/json/new-exposure.json`,
      range: { start: { line: 160, column: 13 }, end: { line: 160, column: 45 } },
      resource: 'AppServer',
      message: 'AppServer gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB',
    },
  );
  assert.equal(publicIp.path.length, 4);
  assert.deepEqual(publicIp.causes.map((cause: { change: string }) => cause.change), ['changed AppServer: NetworkInterfaces[0].AssociatePublicIpAddress false -> true; NetworkInterfaces[0].SubnetId !Ref PrivateA -> !Ref PublicA']);
  assert.deepEqual(body.changes.map((unit: { unit: string; kind: string }) => [unit.unit, unit.kind]), [[`${CFN}/json/new-exposure.json`, 'cloudformation']]);

  const renamed = JSON.parse((await diff('--format=json', `${CFN}/base.yaml`, `${CFN}/renamed.yaml`)).stdout);
  assert.deepEqual(renamed.unchanged.map((e: { resource: string; renamedFrom: string }) => [e.resource, e.renamedFrom]), [['Bastion', 'AdminHost'], ['Bastion', 'AdminHost']]);
  const flipped = JSON.parse((await diff('--format=json', `${CFN}/condition.yaml`, `${CFN}/condition-flipped.yaml`)).stdout);
  assert.deepEqual(flipped.unchanged[1].conditionChanged, { before: [{ condition: 'IsProd', holds: false }], after: [{ condition: 'IsProd', holds: true }] });
});

test('--format sarif: every result carries baselineState (new, unchanged, absent; updated for a condition flip)', async () => {
  const states = async (before: string, after: string) => {
    const run = await diff('--format', 'sarif', `${CFN}/${before}.yaml`, `${CFN}/${after}.yaml`);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    return { code: run.code, results: sarif.runs[0].results.map((r: { ruleId: string; baselineState: string; locations: { logicalLocations: { name: string }[] }[] }) => `${r.baselineState} ${r.ruleId} ${r.locations[0].logicalLocations[0].name}`) };
  };
  assert.deepEqual(await states('base', 'new-exposure'), {
    code: 1,
    results: ['new backend-in-public-subnet AppServer', 'new public-ip-on-backend AppServer', 'unchanged backend-in-public-subnet AdminHost', 'unchanged public-ip-on-backend AdminHost'],
  });
  assert.deepEqual(await states('base', 'fixed'), { code: 0, results: ['absent backend-in-public-subnet AdminHost', 'absent public-ip-on-backend AdminHost'] });
  assert.deepEqual(await states('condition', 'condition-flipped'), { code: 0, results: ['unchanged backend-in-public-subnet AdminHost', 'updated public-ip-on-backend AdminHost'] });
  // A resolved result points into the old version.
  const absent = JSON.parse((await diff('--format', 'sarif', `${CFN}/base.yaml`, `${CFN}/fixed.yaml`)).stdout).runs[0].results[1];
  assert.deepEqual(absent.locations[0].physicalLocation, { artifactLocation: { uri: `${CFN}/base.yaml`, uriBaseId: '%SRCROOT%' }, region: { startLine: 94, startColumn: 11, endLine: 94, endColumn: 41 } });
});

test('Terraform module folders and cloud assemblies diff the same way', async () => {
  const tf = await diff('test/diff/fixtures/terraform/base', 'test/diff/fixtures/terraform/new-exposure');
  assert.equal(tf.code, 1);
  assert.match(tf.stdout, /: 2 introduced, 0 resolved, 2 unchanged\n/);
  assert.match(tf.stdout, /\n  test\/diff\/fixtures\/terraform\/new-exposure\/app\.tf\.json:\d+:\d+  error    aws_instance\.app gets a public IP in aws_subnet\.public/);
  assert.match(tf.stdout, /\n    \[~\] aws_instance aws_instance\.app: associate_public_ip_address false -> true; subnet_id \$\{aws_subnet\.private\.id\} -> \$\{aws_subnet\.public\.id\}\n/);
  const cdk = await diff('test/diff/fixtures/cdk/old.out', 'test/diff/fixtures/cdk/new.out');
  assert.equal(cdk.code, 1);
  assert.match(cdk.stdout, /\n  test\/diff\/fixtures\/cdk\/new\.out \(AppStack\)\n    \[~\] AWS::EC2::Instance AppServerE7F8091A \(replace\): /);
  assert.match(cdk.stdout, /\n    \[>\] AWS::EC2::Instance AdminHostF8091A2B renamed to BastionHost9A8B7C6D\n/);
});

test('usage mistakes and an unreadable old version exit 2 with a message, never a stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [[`${CFN}/base.yaml`], /diff needs two paths, the old version and the new one \(got 1\)/],
    [[`${CFN}/missing.yaml`, `${CFN}/base.yaml`], /No such file or folder: .*missing\.yaml/],
    [[`${CFN}/base.yaml`, 'test/diff/fixtures/terraform/base'], /Compare a file with a file or a folder with a folder/],
    [['--fix', `${CFN}/base.yaml`, `${CFN}/fixed.yaml`], /--fix does not apply to diff/],
    [['--since', 'HEAD', `${CFN}/base.yaml`, `${CFN}/fixed.yaml`], /diff compares two paths; use --since without "diff"/],
    [['--format', 'xml', `${CFN}/base.yaml`, `${CFN}/fixed.yaml`], /--format must be one of text, json, sarif/],
    [[`${CFN}/broken.yaml`, `${CFN}/base.yaml`], /broken\.yaml: The old version cannot be read, so it cannot be compared: .*YAML syntax error/],
    [[`${CFN}/json/broken.json`, `${CFN}/json/base.json`], /broken\.json: The old version cannot be read, so it cannot be compared: .*JSON syntax error/],
  ];
  for (const [args, message] of cases) {
    const run = await diff(...args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
    assertNoStack(run.stderr);
  }
});

test('-o writes the report to a file (stdout stays empty); --quiet keeps error-level entries only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-lint-diff-out-'));
  try {
    const out = join(dir, 'diff.sarif');
    const run = await diff('--format', 'sarif', '-o', out, `${CFN}/base.yaml`, `${CFN}/new-exposure.yaml`);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const results = JSON.parse(readFileSync(out, 'utf8')).runs[0].results;
    assert.deepEqual(results.map((r: { baselineState: string; ruleId: string }) => `${r.baselineState} ${r.ruleId}`), ['new backend-in-public-subnet', 'new public-ip-on-backend', 'unchanged backend-in-public-subnet', 'unchanged public-ip-on-backend']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const quiet = JSON.parse((await diff('--quiet', '--format', 'json', `${CFN}/base.yaml`, `${CFN}/new-exposure.yaml`)).stdout);
  assert.deepEqual(quiet.summary, { introduced: 1, resolved: 0, unchanged: 1 });
  assert.deepEqual([...quiet.introduced, ...quiet.unchanged].map((e: { severity: string; resource: string }) => `${e.severity} ${e.resource}`), ['error AppServer', 'error AdminHost']);
});
