// `--since <ref>` and the editor hooks against a git repository made in a temp folder: old files come from git, the working tree is untouched.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { changedSince, diffSince, exposureReportSince, GitError, introducedSince, markIntroduced } from '../../server/src/diff';
import { listFilesAt, readFilesAt } from '../../server/src/diff/git';
import { assertNoStack, runCli } from '../cli/run-cli';
import { FIXTURES, ids, onlyRules, onlyRulesFlag } from './helpers';

const CFN = join(FIXTURES, 'cloudformation');
const RULES_HERE = ['public-ip-on-backend', 'backend-in-public-subnet'];
const config = onlyRules(RULES_HERE);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/**
 * A repository whose HEAD holds infra/app.yaml (the base template), infra/gone.yaml, infra/broken.yaml
 * (unparsable) and a Terraform module in tf/; the working tree then exposes the app server, fixes the
 * Terraform admin host, deletes gone.yaml, adds fresh.yaml and repairs broken.yaml.
 */
function makeRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'exposure-lint-since-test-'));
  git(repo, 'init', '-q');
  mkdirSync(join(repo, 'infra'));
  copyFileSync(join(CFN, 'base.yaml'), join(repo, 'infra', 'app.yaml'));
  copyFileSync(join(CFN, 'base.yaml'), join(repo, 'infra', 'gone.yaml'));
  copyFileSync(join(CFN, 'broken.yaml'), join(repo, 'infra', 'broken.yaml'));
  cpSync(join(FIXTURES, 'terraform', 'base'), join(repo, 'tf'), { recursive: true });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  copyFileSync(join(CFN, 'new-exposure.yaml'), join(repo, 'infra', 'app.yaml'));
  rmSync(join(repo, 'infra', 'gone.yaml'));
  copyFileSync(join(CFN, 'fixed.yaml'), join(repo, 'infra', 'fresh.yaml'));
  copyFileSync(join(CFN, 'base.yaml'), join(repo, 'infra', 'broken.yaml'));
  cpSync(join(FIXTURES, 'terraform', 'fixed'), join(repo, 'tf'), { recursive: true });
  return repo;
}

const repo = makeRepo();
const statusBefore = git(repo, 'status', '--porcelain');
const appText = readFileSync(join(repo, 'infra', 'app.yaml'), 'utf8');

test.after(() => rmSync(repo, { recursive: true, force: true }));

test('diffSince compares each path with its version at the ref: introduced, resolved, absent files, deleted files', async () => {
  const diff = await diffSince('HEAD', ['infra/app.yaml', 'infra/gone.yaml', 'infra/fresh.yaml', 'tf'], { cwd: repo, config });
  assert.deepEqual(ids(diff.introduced), ['backend-in-public-subnet AppServer', 'public-ip-on-backend AppServer']);
  assert.deepEqual(diff.introduced.map((c) => c.finding.loc.file), [join(repo, 'infra', 'app.yaml'), join(repo, 'infra', 'app.yaml')]);
  // gone.yaml's findings are resolved (the file is gone); the Terraform admin host was fixed; fresh.yaml (absent at HEAD) has none.
  assert.deepEqual(ids(diff.resolved), ['backend-in-public-subnet aws_instance.admin', 'public-ip-on-backend aws_instance.admin', 'backend-in-public-subnet AdminHost', 'public-ip-on-backend AdminHost']);
  assert.deepEqual(diff.resolved.map((c) => c.unit), [join(repo, 'tf'), join(repo, 'tf'), join(repo, 'infra', 'gone.yaml'), join(repo, 'infra', 'gone.yaml')]);
  // Resolved findings are positioned in the old text read from git.
  const gone = diff.resolved[3];
  assert.equal(gone.file!.text.slice(gone.finding.loc.span.start, gone.finding.loc.span.end), 'AssociatePublicIpAddress: true');
  assert.deepEqual(gone.causes, [{ resource: '', change: 'the whole template was removed', text: `the whole template was removed — resolved: ${gone.finding.message}` }]);
  assert.deepEqual(ids(diff.unchanged), ['backend-in-public-subnet AdminHost', 'public-ip-on-backend AdminHost']);
  assert.deepEqual(
    diff.changes.map((unit) => [unit.unit.slice(repo.length + 1), unit.presence ?? 'changed']),
    [
      ['infra/app.yaml', 'changed'],
      ['infra/fresh.yaml', 'added'],
      ['tf', 'changed'],
      ['infra/gone.yaml', 'removed'],
    ],
  );
  assert.deepEqual(diff.errors, []);
  // One *.tf.json file named alone stands for its whole module, in both versions.
  const module = await diffSince('HEAD', ['tf/app.tf.json'], { cwd: repo, config });
  assert.deepEqual(ids(module.resolved), ['backend-in-public-subnet aws_instance.admin', 'public-ip-on-backend aws_instance.admin']);
  assert.deepEqual(ids(module.introduced), []);
  assert.deepEqual(module.changes.map((unit) => unit.resources.map((r) => `${r.change} ${r.id}`)), [['modified aws_instance.admin']]);
  // Nothing was checked out, stashed or written in the repository.
  assert.equal(git(repo, 'status', '--porcelain'), statusBefore);
  assert.equal(readFileSync(join(repo, 'infra', 'app.yaml'), 'utf8'), appText);
  assert.equal(git(repo, 'stash', 'list'), '');
});

test('an old version that does not parse is an error; a ref that names no commit and a folder outside git are GitErrors', async () => {
  const diff = await diffSince('HEAD', ['infra/broken.yaml'], { cwd: repo, config });
  assert.deepEqual(diff.errors.map((e) => [e.file, e.message.replace(/: .*YAML syntax error.*$/, ': YAML syntax error')]), [
    [join(repo, 'infra', 'broken.yaml'), 'The old version cannot be read, so it cannot be compared: YAML syntax error'],
  ]);
  await assert.rejects(diffSince('no-such-ref', [], { cwd: repo, config }), (error: Error) => error instanceof GitError && /^Cannot read git revision "no-such-ref": no such commit in /.test(error.message));
  const outside = mkdtempSync(join(tmpdir(), 'exposure-lint-no-git-'));
  try {
    await assert.rejects(diffSince('HEAD', [], { cwd: outside, config }), (error: Error) => error instanceof GitError && /is not inside a git repository/.test(error.message));
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('CLI --since: exit 1 on an introduced error, JSON and SARIF, exit 2 on a bad ref, an unreadable old version or no repository', async () => {
  const rules = onlyRulesFlag(RULES_HERE);
  const text = await runCli(['--since', 'HEAD', ...rules, 'infra/app.yaml'], repo);
  assert.equal(text.stderr, '');
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^Exposure changes since HEAD: 2 introduced, 0 resolved, 2 unchanged\n/);
  assert.match(text.stdout, /\n  infra\/app\.yaml:84:11  error    AppServer gets a public IP in PublicA \(0\.0\.0\.0\/0 -> Igw\): reachable from the internet without the ALB  public-ip-on-backend\n/);

  const json = await runCli([`--since=HEAD`, '--format', 'json', ...rules, 'infra/gone.yaml', 'tf'], repo);
  assert.equal(json.code, 0);
  const body = JSON.parse(json.stdout);
  assert.equal(body.since, 'HEAD');
  assert.deepEqual(body.resolved.map((e: { file: string; range: { start: { line: number } }; resource: string }) => [e.file, e.range.start.line, e.resource]), [
    ['tf/app.tf.json', 41, 'aws_instance.admin'],
    ['tf/app.tf.json', 42, 'aws_instance.admin'],
    ['infra/gone.yaml', 93, 'AdminHost'],
    ['infra/gone.yaml', 94, 'AdminHost'],
  ]);

  const sarif = await runCli(['--since', 'HEAD', '--format', 'sarif', ...rules], repo);
  assert.equal(sarif.code, 2, 'infra/broken.yaml cannot be compared');
  assert.match(sarif.stderr, /infra\/broken\.yaml: The old version cannot be read/);
  const results = JSON.parse(sarif.stdout).runs[0].results.map((r: { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => `${r.baselineState} ${r.locations[0].physicalLocation.artifactLocation.uri}`);
  assert.deepEqual(results.filter((r: string) => r.startsWith('new')), ['new infra/app.yaml', 'new infra/app.yaml']);
  assert.deepEqual(results.filter((r: string) => r.startsWith('absent')), ['absent tf/app.tf.json', 'absent tf/app.tf.json', 'absent infra/gone.yaml', 'absent infra/gone.yaml']);

  const badRef = await runCli(['--since', 'v9.9.9', 'infra'], repo);
  assert.equal(badRef.code, 2);
  assert.match(badRef.stderr, /^exposure-lint: Cannot read git revision "v9\.9\.9": no such commit in /);
  assertNoStack(badRef.stderr);
  const outside = mkdtempSync(join(tmpdir(), 'exposure-lint-no-git-'));
  try {
    copyFileSync(join(CFN, 'base.yaml'), join(outside, 'app.yaml'));
    const noGit = await runCli(['--since', 'HEAD', 'app.yaml'], outside);
    assert.equal(noGit.code, 2);
    assert.match(noGit.stderr, /is not inside a git repository/);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
  assert.equal(git(repo, 'status', '--porcelain'), statusBefore);
});

test('editor hooks: findings new since HEAD are marked in their message; the report renders as Markdown', async () => {
  const path = join(repo, 'infra', 'app.yaml');
  const findings = lintText(path, appText, config).findings;
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.resource}`), ['backend-in-public-subnet AppServer', 'public-ip-on-backend AppServer', 'backend-in-public-subnet AdminHost', 'public-ip-on-backend AdminHost']);
  const introduced = await introducedSince({ path, findings, config });
  assert.deepEqual([...introduced].map((f) => `${f.ruleId} ${f.resource}`), ['backend-in-public-subnet AppServer', 'public-ip-on-backend AppServer']);
  const marked = markIntroduced(findings, introduced);
  assert.equal(marked[1].message, 'AppServer gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB (new since HEAD)');
  assert.equal(marked[3], findings[3]);

  // Unsaved text: the editor's version decides, not the disk.
  const unsaved = readFileSync(join(CFN, 'base.yaml'), 'utf8');
  const unsavedFindings = lintText(path, unsaved, config).findings;
  assert.equal((await introducedSince({ path, findings: unsavedFindings, text: unsaved, config })).size, 0);
  // A file that is not in HEAD: everything in it is new. Outside a repository: nothing is marked.
  const fresh = join(repo, 'infra', 'fresh.yaml');
  const freshFindings = lintText(fresh, readFileSync(join(CFN, 'new-exposure.yaml'), 'utf8'), config).findings;
  assert.equal((await introducedSince({ path: fresh, findings: freshFindings, text: readFileSync(join(CFN, 'new-exposure.yaml'), 'utf8'), config })).size, freshFindings.length);
  const outside = mkdtempSync(join(tmpdir(), 'exposure-lint-no-git-'));
  try {
    writeFileSync(join(outside, 'a.yaml'), appText);
    assert.equal((await introducedSince({ path: join(outside, 'a.yaml'), findings, config })).size, 0);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }

  const diff = await changedSince('HEAD', join(repo, 'infra'), { config });
  assert.deepEqual(ids(diff.introduced), ['backend-in-public-subnet AppServer', 'public-ip-on-backend AppServer']);
  const markdown = await exposureReportSince('HEAD', join(repo, 'tf'), 'markdown', { config });
  assert.equal(
    markdown,
    '# Exposure changes since HEAD\n\n0 introduced, 2 resolved, 0 unchanged\n\n## Resolved\n\n' +
      '- **warning** `backend-in-public-subnet` aws\\_instance.admin is placed in public subnet aws\\_subnet.public (0.0.0.0/0 -\\> aws\\_internet\\_gateway.igw): backends belong in private subnets behind the ALB and NAT (`app.tf.json:41:9`)\n' +
      '  - resource: aws\\_instance.admin\n' +
      '  - path: aws\\_subnet.public uses route table aws\\_route\\_table.public; aws\\_route\\_table.public routes 0.0.0.0/0 to aws\\_internet\\_gateway.igw; aws\\_internet\\_gateway.igw is an internet gateway attached to the VPC\n' +
      '  - resolved by: changed aws\\_instance.admin: associate\\_public\\_ip\\_address true -\\> false; subnet\\_id ${aws\\_subnet.public.id} -\\> ${aws\\_subnet.private.id}\n' +
      '- **error** `public-ip-on-backend` aws\\_instance.admin gets a public IP in aws\\_subnet.public (0.0.0.0/0 -\\> aws\\_internet\\_gateway.igw): reachable from the internet without the ALB (`app.tf.json:42:9`)\n' +
      '  - resource: aws\\_instance.admin\n' +
      '  - path: aws\\_subnet.public uses route table aws\\_route\\_table.public; aws\\_route\\_table.public routes 0.0.0.0/0 to aws\\_internet\\_gateway.igw; aws\\_internet\\_gateway.igw is an internet gateway attached to the VPC; aws\\_instance.admin asks for a public IP\n' +
      '  - resolved by: changed aws\\_instance.admin: associate\\_public\\_ip\\_address true -\\> false; subnet\\_id ${aws\\_subnet.public.id} -\\> ${aws\\_subnet.private.id}\n' +
      '\n## Changes\n\n### `.`\n\n' +
      '- `[~] aws_instance aws_instance.admin: associate_public_ip_address true -> false; subnet_id ${aws_subnet.public.id} -> ${aws_subnet.private.id}`\n',
  );
});

test('--since with a committed cloud assembly: the old cdk.out is read from git into a temp folder and reported under its own path', async () => {
  const cdkRepo = mkdtempSync(join(tmpdir(), 'exposure-lint-since-cdk-'));
  try {
    git(cdkRepo, 'init', '-q');
    cpSync(join(FIXTURES, 'cdk', 'old.out'), join(cdkRepo, 'cdk.out'), { recursive: true });
    git(cdkRepo, 'add', '.');
    git(cdkRepo, 'commit', '-q', '-m', 'synth');
    cpSync(join(FIXTURES, 'cdk', 'new.out'), join(cdkRepo, 'cdk.out'), { recursive: true });
    const diff = await diffSince('HEAD', ['cdk.out'], { cwd: cdkRepo, config });
    assert.deepEqual(ids(diff.introduced), ['backend-in-public-subnet AppServerE7F8091A', 'public-ip-on-backend AppServerE7F8091A']);
    assert.deepEqual(ids(diff.unchanged), ['backend-in-public-subnet BastionHost9A8B7C6D', 'public-ip-on-backend BastionHost9A8B7C6D']);
    assert.deepEqual(diff.unchanged.map((change) => change.renamedFrom), ['AdminHostF8091A2B', 'AdminHostF8091A2B']);
    assert.deepEqual(diff.changes.map((unit) => [unit.unit, unit.stack]), [[join(cdkRepo, 'cdk.out'), 'AppStack']]);
    assert.deepEqual(diff.errors, []);

    // Deleted since HEAD: the old assembly's findings are resolved and point at cdk.out in the repository, not at the temp copy.
    rmSync(join(cdkRepo, 'cdk.out'), { recursive: true });
    const removed = await diffSince('HEAD', ['cdk.out'], { cwd: cdkRepo, config });
    assert.deepEqual(ids(removed.resolved), ['backend-in-public-subnet AdminHostF8091A2B', 'public-ip-on-backend AdminHostF8091A2B']);
    assert.deepEqual(removed.resolved.map((change) => change.finding.loc.file), [join(cdkRepo, 'cdk.out', 'AppStack.template.json'), join(cdkRepo, 'cdk.out', 'AppStack.template.json')]);
    assert.deepEqual(removed.changes.map((unit) => [unit.unit, unit.presence]), [[join(cdkRepo, 'cdk.out'), 'removed']]);
    assert.deepEqual(removed.resolved.map((change) => change.causes.map((cause) => cause.change)), [['the whole stack was removed'], ['the whole stack was removed']]);
  } finally {
    rmSync(cdkRepo, { recursive: true, force: true });
  }
});

test('git reading: many files in one batch (spaces and non-ASCII in names), a missing one is a GitError', async () => {
  const names = ['infra/app.yaml', 'tf/app.tf.json'];
  const odd = mkdtempSync(join(tmpdir(), 'exposure-lint-git-names-'));
  try {
    git(odd, 'init', '-q');
    mkdirSync(join(odd, 'my stacks'));
    writeFileSync(join(odd, 'my stacks', 'café.yaml'), 'Resources: {}\n');
    writeFileSync(join(odd, 'b.json'), '{"Resources": {}}\n');
    git(odd, 'add', '.');
    git(odd, 'commit', '-q', '-m', 'odd names');
    const commit = git(odd, 'rev-parse', 'HEAD').trim();
    const files = await listFilesAt(odd, commit, ['']);
    assert.deepEqual(files, ['b.json', 'my stacks/café.yaml']);
    assert.deepEqual([...(await readFilesAt(odd, commit, files))], [
      ['b.json', '{"Resources": {}}\n'],
      ['my stacks/café.yaml', 'Resources: {}\n'],
    ]);
    await assert.rejects(readFilesAt(odd, commit, ['b.json', 'nope.yaml']), (error: Error) => error instanceof GitError && /Cannot read nope\.yaml at [0-9a-f]{12}: not in that revision/.test(error.message));
  } finally {
    rmSync(odd, { recursive: true, force: true });
  }
  const commit = git(repo, 'rev-parse', 'HEAD').trim();
  const texts = await readFilesAt(repo, commit, names);
  assert.equal(texts.get('infra/app.yaml'), readFileSync(join(CFN, 'base.yaml'), 'utf8'));
  assert.equal(texts.get('tf/app.tf.json'), readFileSync(join(FIXTURES, 'terraform', 'base', 'app.tf.json'), 'utf8'));
});
