// Issue 14 item 9: `npm pack`, install the tarball into an empty folder offline, and run the CLI and the language server from there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm with no registry it could reach: an install that needed the network would fail instead of fetching. */
const OFFLINE_ENV = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function npm(args: string[], cwd: string) {
  const result = spawnSync(NPM, args, { cwd, env: OFFLINE_ENV, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

let installed: { dir: string; packageDir: string; tarball: string; files: string[] } | undefined;

/** Pack once (the bundles must be built: `npm run build`) and install into a fresh folder that is not this repository. */
function install() {
  if (installed) return installed;
  for (const bundle of ['dist/cli.js', 'dist/server.js']) assert.ok(existsSync(join(ROOT, bundle)), `${bundle} missing: npm run build first`);
  const scratch = mkdtempSync(join(tmpdir(), 'exposure-lint-pack-'));
  // --ignore-scripts: the bundles are built already (prepare would rebuild them).
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], ROOT);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const tarball = join(scratch, info.filename);
  const dir = join(scratch, 'elsewhere');
  spawnSync('mkdir', [dir]);
  writeFileSync(join(dir, 'package.json'), '{ "name": "someone-elses-infra", "version": "1.0.0", "private": true }\n');
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], dir);
  installed = { dir, packageDir: join(dir, 'node_modules', manifest.name), tarball, files: info.files.map((f) => f.path).sort() };
  return installed;
}

test.after(() => {
  if (installed) rmSync(resolve(installed.dir, '..'), { recursive: true, force: true });
});

test('the tarball holds the bundles, bin scripts, rule docs, README and LICENSE, and no sources, tests or source maps', () => {
  const { files } = install();
  for (const file of ['bin/exposure-lint.js', 'bin/exposure-lint-server.js', 'dist/cli.js', 'dist/server.js', 'package.json', 'README.md', 'LICENSE', 'rules/public-ip-on-backend/public-ip-on-backend.md']) {
    assert.ok(files.includes(file), `${file} is in the tarball`);
  }
  assert.deepEqual(files.filter((file) => /\.(ts|map|vsix|png)$|^(test|server|client|out|node_modules|scripts|docs|examples|images|dev)\/|fixtures|dist\/client\.js/.test(file)), []);
  assert.deepEqual(files.filter((file) => !/^rules\/([\w-]+)\/\1\.md$/.test(file)), ['LICENSE', 'README.md', 'bin/exposure-lint-server.js', 'bin/exposure-lint.js', 'bin/load-bundle.js', 'dist/cli.impl.js', 'dist/cli.js', 'dist/server.impl.js', 'dist/server.js', 'dist/tree-sitter-terraform.wasm', 'dist/tree-sitter.wasm', 'package.json']);
});

test('installed elsewhere with no network: `npx exposure-lint` lints a template, exit 1, with the rule docs in SARIF', () => {
  const { dir, packageDir } = install();
  assert.deepEqual(readdirSync(join(packageDir)).filter((name) => name === 'node_modules'), [], 'no dependencies were needed');
  copyFileSync(join(ROOT, 'examples', 'exposed-web-app.yaml'), join(dir, 'web.yaml'));
  const text = spawnSync(NPM, ['exec', '--offline', '--', 'exposure-lint', '--no-color', 'web.yaml'], { cwd: dir, env: OFFLINE_ENV, encoding: 'utf8' });
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /^web\.yaml:165:11 +error +AdminHost gets a public IP in PublicA .* {2}public-ip-on-backend$/m);
  const bin = join(dir, 'node_modules', '.bin', 'exposure-lint');
  const version = spawnSync(bin, ['--version'], { cwd: dir, encoding: 'utf8' });
  assert.equal(version.stdout, `${manifest.version}\n`);
  const sarif = spawnSync(bin, ['--format', 'sarif', 'web.yaml'], { cwd: dir, encoding: 'utf8' });
  const rule = JSON.parse(sarif.stdout).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'public-ip-on-backend');
  assert.match(rule.help.markdown, /^# public-ip-on-backend/m, 'the rule page ships in the package and is read from there');
  assert.equal(rule.helpUri, 'https://github.com/exposure-lint/exposure-lint/blob/main/rules/public-ip-on-backend/public-ip-on-backend.md');
  const empty = spawnSync(bin, ['node_modules/.bin'], { cwd: dir, encoding: 'utf8' });
  assert.equal(empty.status, 2);
});

test('installed elsewhere: `exposure-lint-server --stdio` answers initialize and publishes diagnostics for an opened template', async () => {
  const { dir } = install();
  const file = join(dir, 'web.yaml');
  copyFileSync(join(ROOT, 'examples', 'exposed-web-app.yaml'), file);
  const child = spawn(join(dir, 'node_modules', '.bin', 'exposure-lint-server'), ['--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Promise<PublishDiagnosticsParams>((resolvePublished) => connection.onNotification(PublishDiagnosticsNotification.type, resolvePublished));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    assert.deepEqual(result.serverInfo, { name: 'exposure-lint', version: manifest.version });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(file).href, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
    const diagnostics = await Promise.race([published, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics in 20 s')), 20_000))]);
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'public-ip-on-backend' && String(d.message).startsWith('AdminHost gets a public IP in PublicA')));
  } finally {
    connection.dispose();
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill();
    await exited;
  }
});

interface ActionStep { id?: string; if?: string; uses?: string; shell?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }

/** Runs the action's shell steps as a runner would (bash --noprofile --norc -eo pipefail): `${{ ... }}` expressions replaced, GITHUB_OUTPUT collected. */
function runActionStep(step: ActionStep, values: Record<string, string>, cwd: string, outputs: Record<string, string>) {
  const expand = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const value = values[expr] ?? (expr.startsWith('steps.') ? outputs[expr.replace(/^steps\.(\w+)\.outputs\./, '$1.')] : undefined);
    assert.ok(value !== undefined, `no value for \${{ ${expr} }}`);
    return value;
  });
  const githubOutput = join(cwd, `.github-output-${step.id ?? 'step'}`);
  writeFileSync(githubOutput, '');
  const env: NodeJS.ProcessEnv = { ...OFFLINE_ENV, GITHUB_OUTPUT: githubOutput };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(value);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
  for (const line of readFileSync(githubOutput, 'utf8').split('\n').filter(Boolean)) {
    const eq = line.indexOf('=');
    outputs[`${step.id}.${line.slice(0, eq)}`] = line.slice(eq + 1);
  }
  return result;
}

test('action.yml: a composite action whose steps install the package, write SARIF, upload it with codeql-action and fail on errors', () => {
  const { dir, tarball } = install();
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: ActionStep[] }; inputs: Record<string, { default: string }> };
  assert.equal(action.runs.using, 'composite');
  const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'uploads SARIF');
  assert.equal(upload.with?.sarif_file, '${{ inputs.sarif-file }}');
  const work = join(dir, 'repo');
  spawnSync('mkdir', ['-p', join(work, 'infra')]);
  copyFileSync(join(ROOT, 'examples', 'exposed-web-app.yaml'), join(work, 'infra', 'web.yaml'));
  const values: Record<string, string> = { 'github.action_path': ROOT, 'runner.temp': join(dir, 'runner-temp') };
  for (const [name, input] of Object.entries(action.inputs)) values[`inputs.${name}`] = input.default;
  values['inputs.paths'] = 'infra';
  values['inputs.package'] = tarball; // the registry is out of reach: the packed tarball stands in for exposure-lint@<version>
  const outputs: Record<string, string> = {};
  const shellSteps = action.runs.steps.filter((step) => step.run);
  const [installStep, lintStep, failStep] = shellSteps;
  const installed = runActionStep(installStep, values, work, outputs);
  assert.equal(installed.status, 0, installed.stderr);
  const linted = runActionStep(lintStep, values, work, outputs);
  assert.equal(linted.status, 0, `the lint step records the exit code instead of failing: ${linted.stderr}`);
  assert.equal(outputs['lint.exit-code'], '1');
  assert.match(linted.stdout, /infra\/web\.yaml:165:11 +error +AdminHost gets a public IP/);
  const sarif = JSON.parse(readFileSync(join(work, 'exposure-lint.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'public-ip-on-backend'));
  assert.equal(runActionStep(failStep, values, work, outputs).status, 1, 'fail-on-findings: the job fails on errors');
  assert.equal(runActionStep(failStep, { ...values, 'inputs.fail-on-findings': 'false' }, work, outputs).status, 0);
});

test('.pre-commit-hooks.yaml: a node hook whose entry and args run the installed command on the repository', () => {
  const { dir } = install();
  const [hook] = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; args: string[]; language: string; files: string; pass_filenames: boolean }[];
  assert.equal(hook.id, 'exposure-lint');
  assert.equal(hook.language, 'node');
  assert.equal(hook.pass_filenames, false);
  const files = new RegExp(hook.files);
  for (const file of ['infra/web.yaml', 'a.yml', 'stack.template.json', 'x.template', '.exposure-lint.yaml']) assert.ok(files.test(file), file);
  assert.ok(!files.test('src/app.ts'));
  const work = mkdtempSync(join(tmpdir(), 'exposure-lint-precommit-'));
  try {
    copyFileSync(join(ROOT, 'examples', 'exposed-web-app.yaml'), join(work, 'web.yaml'));
    writeFileSync(join(work, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    const bin = join(dir, 'node_modules', '.bin', hook.entry);
    const failing = spawnSync(bin, hook.args, { cwd: work, encoding: 'utf8' });
    assert.equal(failing.status, 1, 'a commit with an exposed backend is stopped');
    assert.doesNotMatch(failing.stdout, /compose\.yaml/);
    copyFileSync(join(ROOT, 'examples', 'secure-web-app.yaml'), join(work, 'web.yaml'));
    const passing = spawnSync(bin, hook.args, { cwd: work, encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
