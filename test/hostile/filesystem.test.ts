// Hostile repositories on disk: devices, FIFOs, link loops, links leaving the linted folder, huge fan-out.
// Each case asserts the exact message and a generous time bound; CLI cases also record peak memory.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverTargets, lintPaths } from '../../server/src/engine/workspace';
import { assertNoStack, bounded, cli, tempFolder } from './bounded';
import { CLOSED_YAML, SSH_OPEN_YAML, sshOpenTerraform, WORLD_OPEN } from './templates';

const canFifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return process.platform !== 'win32';
  } catch {
    return false;
  }
})();

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Findings of a folder as [file basename, ruleId, message] rows. */
async function rows(dir: string): Promise<string[][]> {
  const { results } = await lintPaths([dir]);
  return results.flatMap((r) => r.findings.map((f) => [f.loc.file.slice(dir.length + 1), f.ruleId, f.message]));
}

test('/dev/zero: a link to it is refused (it leaves the folder), named on the command line it is refused as a device; bounded time and memory (CLI)', { skip: process.platform === 'win32' }, async () => {
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, 'app.yaml'), SSH_OPEN_YAML);
    symlinkSync('/dev/zero', join(repo.dir, 'zero.yaml'));
    symlinkSync('/dev/zero', join(repo.dir, 'zero.tf.json'));
    const run = await cli('link to /dev/zero', [repo.dir, '--format', 'json'], 20_000);
    assertNoStack(run.stderr);
    assert.equal(run.code, 1);
    const findings = (JSON.parse(run.stdout) as { findings: { file: string; ruleId: string; message: string }[] }).findings;
    assert.deepEqual(
      findings.map((f) => [f.file.split('/').pop(), f.ruleId, f.message.split(':')[0]]),
      [
        ['app.yaml', WORLD_OPEN, 'AdminSg admits SSH (tcp 22) from 0.0.0.0/0'],
        ['zero.tf.json', 'parse-error', 'zero.tf.json'],
        ['zero.yaml', 'parse-error', 'zero.yaml'],
      ],
    );
    assert.deepEqual(findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message), [
      'zero.tf.json: a link to /dev/zero, outside the folder being linted; not followed',
      'zero.yaml: a link to /dev/zero, outside the folder being linted; not followed',
    ]);
    const named = await cli('/dev/zero named', [join(repo.dir, 'zero.yaml'), '/dev/zero', '--format', 'json'], 20_000);
    assert.equal(named.code, 1);
    // One finding: both names are the same file (linted, or refused, once by real path).
    assert.deepEqual((JSON.parse(named.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message), ['zero.yaml: a character device, not a regular file; not read']);
    if (named.peakMb !== undefined) assert.ok(named.peakMb < 400, `peak ${named.peakMb} MB`);
    // /dev/zero read whole grew the process past 1 GB; refused on the descriptor it costs nothing.
    if (run.peakMb !== undefined) assert.ok(run.peakMb < 400, `peak ${run.peakMb} MB`);
  } finally {
    repo.remove();
  }
});

test('FIFOs named as templates, Terraform files, variable files and manifests never block the walk', { skip: !canFifo }, async () => {
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, 'app.yaml'), SSH_OPEN_YAML);
    mkfifo(join(repo.dir, 'pipe.yaml'));
    mkdirSync(join(repo.dir, 'tf'));
    writeFileSync(join(repo.dir, 'tf', 'main.tf.json'), sshOpenTerraform());
    mkfifo(join(repo.dir, 'tf', 'pipe.tf.json'));
    mkfifo(join(repo.dir, 'tf', 'terraform.tfvars.json'));
    mkdirSync(join(repo.dir, 'cdk.out'));
    mkfifo(join(repo.dir, 'cdk.out', 'manifest.json'));
    const found = await bounded('walk with FIFOs', 5_000, () => rows(repo.dir));
    const sshMessage = (id: string) => `${id} admits SSH (tcp 22) from 0.0.0.0/0: anything in ${id} can be administered from anywhere instead of through an EC2 Instance Connect Endpoint`;
    assert.deepEqual(found.sort((a, b) => a[0].localeCompare(b[0])), [
      ['app.yaml', WORLD_OPEN, sshMessage('AdminSg')],
      ['cdk.out/manifest.json', 'parse-error', 'manifest.json: a FIFO (named pipe), not a regular file; not read'],
      ['pipe.yaml', 'parse-error', 'pipe.yaml: a FIFO (named pipe), not a regular file; not read'],
      ['tf/main.tf.json', WORLD_OPEN, sshMessage('aws_security_group.admin')],
      ['tf/pipe.tf.json', 'parse-error', 'pipe.tf.json: a FIFO (named pipe), not a regular file; not read'],
      ['tf/terraform.tfvars.json', 'parse-error', 'Cannot read variable file terraform.tfvars.json: a FIFO (named pipe), not a regular file; not read; its values are not used'],
    ]);
    const run = await cli('FIFOs', [repo.dir], 20_000);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /pipe\.yaml: a FIFO \(named pipe\), not a regular file; not read/);
  } finally {
    repo.remove();
  }
});

test('two links to "." and a link cycle: each template is linted once, and the walk ends at once', async () => {
  const repo = tempFolder();
  try {
    writeFileSync(join(repo.dir, 'app.yaml'), SSH_OPEN_YAML);
    symlinkSync('.', join(repo.dir, 'again'));
    symlinkSync('.', join(repo.dir, 'and-again'));
    mkdirSync(join(repo.dir, 'a', 'b'), { recursive: true });
    symlinkSync('../..', join(repo.dir, 'a', 'b', 'up'));
    symlinkSync('app.yaml', join(repo.dir, 'alias.yaml'));
    symlinkSync('self.yaml', join(repo.dir, 'self.yaml'));
    const found = await bounded('link loops', 5_000, () => rows(repo.dir));
    // Linted once, under the first name in sorted order (alias.yaml -> app.yaml).
    assert.deepEqual(found.map((row) => row.slice(0, 2)), [
      ['alias.yaml', WORLD_OPEN],
      ['self.yaml', 'parse-error'],
    ]);
    assert.equal(found[1][2], 'self.yaml: a symbolic link loop; not read');
  } finally {
    repo.remove();
  }
});

test('a link leaving the linted folder is refused, not followed (files and folders)', async () => {
  const outside = tempFolder();
  const repo = tempFolder();
  try {
    writeFileSync(join(outside.dir, 'secret.yaml'), SSH_OPEN_YAML);
    writeFileSync(join(repo.dir, 'ok.yaml'), CLOSED_YAML);
    symlinkSync(join(outside.dir, 'secret.yaml'), join(repo.dir, 'linked.yaml'));
    symlinkSync(outside.dir, join(repo.dir, 'elsewhere'));
    const found = await bounded('links out', 5_000, () => rows(repo.dir));
    assert.deepEqual(found, [
      ['elsewhere', 'parse-error', `elsewhere: a link to ${outside.dir}, outside the folder being linted; not followed`],
      ['linked.yaml', 'parse-error', `linked.yaml: a link to ${join(outside.dir, 'secret.yaml')}, outside the folder being linted; not followed`],
    ]);
    // Named on the command line, the same file is read: the user asked for it.
    assert.deepEqual((await lintPaths([join(repo.dir, 'linked.yaml')])).results[0].findings.map((f) => f.ruleId), [WORLD_OPEN]);
  } finally {
    repo.remove();
    outside.remove();
  }
});

test('huge fan-out: 20,000 entries in one folder are walked in bounded time; past the cap the walk stops and says so', async () => {
  const repo = tempFolder();
  try {
    const many = join(repo.dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 20_000; i++) writeFileSync(join(many, `f${i}.txt`), '');
    writeFileSync(join(repo.dir, 'z.yaml'), SSH_OPEN_YAML);
    const targets = await bounded('20,000 entries', 10_000, () => discoverTargets([repo.dir]));
    assert.deepEqual(targets.map((t) => t.path.slice(repo.dir.length + 1)), ['z.yaml']);
    const capped = discoverTargets([repo.dir], { maxEntries: 1000 });
    assert.deepEqual(capped.map((t) => [t.path.slice(repo.dir.length + 1), t.refused]), [['many', 'more than 1000 files and folders; the walk stopped here and the rest is not checked']]);
  } finally {
    repo.remove();
  }
});

test('a folder nested 300 levels deep is walked without a stack overflow', async () => {
  const repo = tempFolder();
  try {
    let dir = repo.dir;
    for (let i = 0; i < 300; i++) dir = join(dir, 'd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'deep.yaml'), SSH_OPEN_YAML);
    const found = await bounded('300 levels', 5_000, () => rows(repo.dir));
    assert.deepEqual(found.map((row) => row[1]), [WORLD_OPEN]);
  } finally {
    repo.remove();
  }
});
