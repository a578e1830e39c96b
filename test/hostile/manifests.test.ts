// Hostile and malformed cloud assemblies: paths leaving the assembly, links out, absolute paths, nested
// assemblies that loop, and manifests whose artifacts are null or mistyped. Each is a finding at the value in
// manifest.json, never file content in the output, never an internal error (exit 2) or a silent exit 0.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPaths } from '../../server/src/engine/workspace';
import { assertNoStack, bounded, cli, tempFolder } from './bounded';
import { CLOSED_YAML, manifest, SSH_OPEN_YAML, WORLD_OPEN } from './templates';

const STACK = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'aws:cloudformation:stack', properties, ...extra });

/** An assembly folder `cdk.out` under a fresh repo, with the given artifacts and files. */
function assembly(artifacts: unknown, files: Record<string, string> = {}): { repo: ReturnType<typeof tempFolder>; dir: string } {
  const repo = tempFolder();
  const dir = join(repo.dir, 'cdk.out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), manifest(artifacts));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { repo, dir };
}

/** Findings as [ruleId, message, the manifest text the finding points at]. */
async function findings(dir: string): Promise<string[][]> {
  const { results } = await bounded(`assembly ${dir}`, 5_000, () => lintPaths([dir]));
  assert.equal(results.length, 1);
  assert.equal(results[0].error, undefined);
  return results[0].findings.map((f) => {
    const text = readFileSync(f.loc.file, 'utf8');
    return [f.ruleId, f.message, text.slice(f.loc.span.start, f.loc.span.end)];
  });
}

test('a templateFile of ../ or ../../ is refused at its value in manifest.json; the template outside is not linted', async () => {
  const { repo, dir } = assembly({ Evil: STACK({ templateFile: '../secret.yaml' }), Deeper: STACK({ templateFile: '../../../../../etc/hostname' }) });
  try {
    writeFileSync(join(repo.dir, 'secret.yaml'), SSH_OPEN_YAML);
    assert.deepEqual(await findings(dir), [
      ['parse-error', 'templateFile of stack Evil points outside the cloud assembly; not read', '"../secret.yaml"'],
      ['parse-error', 'templateFile of stack Deeper points outside the cloud assembly; not read', '"../../../../../etc/hostname"'],
    ]);
  } finally {
    repo.remove();
  }
});

test('absolute paths (/etc/passwd) as templateFile and additionalMetadataFile are refused; nothing of the file is printed (CLI)', async () => {
  const { repo, dir } = assembly({
    Passwd: STACK({ templateFile: '/etc/passwd' }),
    Meta: STACK({ templateFile: 'meta.template.yaml' }, { additionalMetadataFile: '/etc/passwd' }),
  }, { 'meta.template.yaml': CLOSED_YAML });
  try {
    assert.deepEqual(await findings(dir), [
      ['parse-error', 'templateFile of stack Passwd is an absolute path outside the cloud assembly; not read', '"/etc/passwd"'],
      ['parse-error', 'additionalMetadataFile of stack Meta is an absolute path outside the cloud assembly; not read', '"/etc/passwd"'],
    ]);
    const run = await cli('manifest naming /etc/passwd', [dir], 20_000);
    assert.equal(run.code, 1);
    assertNoStack(run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, /root:|nologin|\/bin\/(ba)?sh/);
  } finally {
    repo.remove();
  }
});

test('a template or metadata file inside the assembly that links outside it is refused; metadata that is not JSON is never echoed', async () => {
  const outside = tempFolder();
  writeFileSync(join(outside.dir, 'secret.yaml'), SSH_OPEN_YAML);
  const { repo, dir } = assembly({
    Linked: STACK({ templateFile: 'linked.template.yaml' }),
    Text: STACK({ templateFile: 'ok.template.yaml' }, { additionalMetadataFile: 'meta.json' }),
  }, { 'ok.template.yaml': CLOSED_YAML, 'meta.json': 'root:x:0:0:root:/root:/bin/bash\n' });
  try {
    symlinkSync(join(outside.dir, 'secret.yaml'), join(dir, 'linked.template.yaml'));
    assert.deepEqual(await findings(dir), [
      ['parse-error', 'templateFile of stack Linked is a link that leaves the cloud assembly; not read', '"linked.template.yaml"'],
      ['parse-error', 'Stack metadata of Text is not valid JSON; not read', ''],
    ]);
  } finally {
    repo.remove();
    outside.remove();
  }
});

test('malformed manifests: artifacts null, an artifact null, a numeric templateFile, a missing directoryName: findings, exit 1, never exit 2 or a silent 0', async () => {
  const cases: [unknown, string[][]][] = [
    [null, [['parse-error', '"artifacts" is null, not a map of artifacts; nothing checked', 'null']]],
    [[1, 2], [['parse-error', '"artifacts" is a list, not a map of artifacts; nothing checked', '[\n    1,\n    2\n  ]']]],
    [{ Stack: null }, [['parse-error', 'Artifact Stack is null, not an object; not checked', 'null']]],
    [{ Stack: STACK({ templateFile: 42 }) }, [['parse-error', 'Stack Stack has no templateFile (a file name), it has a number; not checked', '42']]],
    [{ Stack: STACK({}) }, [['parse-error', 'Stack Stack has no templateFile (a file name), it has nothing; not checked', '{}']]],
    [{ Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: false } } }, [['parse-error', 'Nested assembly Stage has no directoryName (a folder name), it has a boolean; not checked', 'false']]],
  ];
  for (const [artifacts, expected] of cases) {
    const { repo, dir } = assembly(artifacts);
    try {
      assert.deepEqual(await findings(dir), expected, JSON.stringify(artifacts));
      const run = await cli(`manifest ${JSON.stringify(artifacts)}`, [dir], 20_000);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assertNoStack(run.stderr);
    } finally {
      repo.remove();
    }
  }
});

test('a stack template that is not a CloudFormation template is said, not passed in silence', async () => {
  const { repo, dir } = assembly({ Odd: STACK({ templateFile: 'odd.template.json' }) }, { 'odd.template.json': '{"hello": "world"}' });
  try {
    assert.deepEqual(await findings(dir), [['parse-error', 'The template of stack Odd is not a CloudFormation template; nothing checked', '']]);
  } finally {
    repo.remove();
  }
});

test('nested assemblies that point back (directoryName ".", a link to the parent) lint each stack once', async () => {
  const { repo, dir } = assembly(
    {
      App: STACK({ templateFile: 'app.template.yaml' }),
      Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } },
      Loop: { type: 'cdk:cloud-assembly', properties: { directoryName: 'loop' } },
      Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } },
    },
    { 'app.template.yaml': SSH_OPEN_YAML },
  );
  try {
    symlinkSync('.', join(dir, 'loop'));
    const rows = await findings(dir);
    assert.deepEqual(rows.map((row) => row.slice(0, 2)), [
      [WORLD_OPEN, 'AdminSg admits SSH (tcp 22) from 0.0.0.0/0: anything in AdminSg can be administered from anywhere instead of through an EC2 Instance Connect Endpoint'],
      ['parse-error', 'directoryName of nested assembly Up points outside the cloud assembly; not read'],
    ]);
  } finally {
    repo.remove();
  }
});
