// The one way untrusted files are read: regular files only, checked on the descriptor, bounded.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confine } from '../../server/src/source/confine';
import { readFailure, readTextFile, ReadRefused } from '../../server/src/source/read-file';
import { bounded, tempFolder } from './bounded';

const refusal = (path: string, options = {}) => {
  try {
    readTextFile(path, options);
    return 'read';
  } catch (error) {
    return `${error instanceof ReadRefused ? 'refused' : 'error'}: ${readFailure(error)}`;
  }
};

test('readTextFile: text of a regular file; refusals for folders, devices, FIFOs and files over the cap', async () => {
  const repo = tempFolder();
  try {
    const file = join(repo.dir, 'a.yaml');
    writeFileSync(file, 'héllo');
    assert.equal(readTextFile(file), 'héllo');
    assert.equal(refusal(file, { maxBytes: 3 }), 'refused: larger than 3 bytes; not read');
    assert.equal(readTextFile(file, { maxBytes: 3, truncate: true }), 'hél'); // maxBytes + 1 bytes: the parser reports the size
    mkdirSync(join(repo.dir, 'dir'));
    assert.match(refusal(join(repo.dir, 'dir')), /^(refused: a folder, not a regular file; not read|error: a folder, not a regular file)$/);
    assert.equal(refusal(join(repo.dir, 'missing')), 'error: no such file');
    if (process.platform !== 'win32') {
      assert.equal(refusal('/dev/zero'), 'refused: a character device, not a regular file; not read');
      execFileSync('mkfifo', [join(repo.dir, 'pipe')]);
      assert.equal(await bounded('open a FIFO with no writer', 2_000, () => refusal(join(repo.dir, 'pipe'))), 'refused: a FIFO (named pipe), not a regular file; not read');
    }
  } finally {
    repo.remove();
  }
});

test('confine: relative paths inside the root pass; absolute, ../ and links out are refused with the reason', () => {
  const repo = tempFolder();
  const outside = tempFolder();
  try {
    mkdirSync(join(repo.dir, 'sub'));
    writeFileSync(join(repo.dir, 'sub', 't.json'), '{}');
    execFileSync('ln', ['-s', outside.dir, join(repo.dir, 'out')]);
    assert.deepEqual(confine(repo.dir, repo.dir, 'sub/t.json', 'the root'), { path: join(repo.dir, 'sub', 't.json') });
    assert.deepEqual(confine(repo.dir, join(repo.dir, 'sub'), '../sub/t.json', 'the root'), { path: join(repo.dir, 'sub', 't.json') });
    assert.deepEqual(confine(repo.dir, repo.dir, '/etc/passwd', 'the root'), { refused: 'is an absolute path outside the root; not read' });
    assert.deepEqual(confine(repo.dir, repo.dir, '../x', 'the root'), { refused: 'points outside the root; not read' });
    assert.deepEqual(confine(repo.dir, repo.dir, 'out/x.json', 'the root'), { refused: 'is a link that leaves the root; not read' });
  } finally {
    repo.remove();
    outside.remove();
  }
});
