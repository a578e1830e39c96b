// The exposure diff and --since on Terraform HCL modules: an SSH rule opened to the world is introduced.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { diffPaths } from '../../../server/src/diff/diff';
import { diffSince } from '../../../server/src/diff/since';
import { ROOT } from './helpers';

test.before(() => initHcl());

const fixture = (name: string) => path.join(ROOT, 'rules', 'world-open-admin-port', 'fixtures', name);

test('diff of two HCL folders and --since on an HCL module report the new world-open rule as introduced', async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'exposure-lint-hcl-diff-'));
  try {
    mkdirSync(path.join(base, 'old'));
    mkdirSync(path.join(base, 'new'));
    copyFileSync(fixture('good.tf'), path.join(base, 'old', 'main.tf'));
    copyFileSync(fixture('bad.tf'), path.join(base, 'new', 'main.tf'));
    const diff = await diffPaths(path.join(base, 'old'), path.join(base, 'new'));
    assert.deepEqual(diff.errors, []);
    assert.deepEqual(diff.introduced.map((c) => [c.finding.ruleId, c.finding.resource]), [['world-open-admin-port', 'aws_security_group.app']]);
    assert.deepEqual(diff.resolved, []);

    const repo = path.join(base, 'repo');
    mkdirSync(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    copyFileSync(fixture('good.tf'), path.join(repo, 'main.tf'));
    git('add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'good');
    copyFileSync(fixture('bad.tf'), path.join(repo, 'main.tf'));
    const since = await diffSince('HEAD', ['.'], { cwd: repo });
    assert.deepEqual(since.errors, []);
    assert.deepEqual(since.introduced.map((c) => [c.finding.ruleId, c.finding.resource]), [['world-open-admin-port', 'aws_security_group.app']]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
