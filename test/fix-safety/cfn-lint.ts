// cfn-lint as a schema check of fixed CloudFormation templates: the errors a fix adds (none allowed). Skipped when not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

/** The installed cfn-lint's version, or why it cannot be used. */
export function cfnLintVersion(): { version?: string; reason?: string } {
  const run = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (run.error || run.status !== 0) return { reason: `cfn-lint is not installed (${run.error?.message ?? run.stderr.trim()})` };
  return { version: run.stdout.trim() };
}

interface CfnLintMatch {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Path?: (string | number)[] };
}

/**
 * Errors per text (by the caller's key): "E3012 Resources/Db/Properties/Port: message". Texts are written to a
 * temporary folder and linted in batches (cfn-lint takes seconds to start).
 */
export function cfnLintErrors(texts: Map<string, { name: string; text: string }>, batch = 200): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fix-safety-cfn-'));
  const out = new Map<string, string[]>();
  try {
    const byFile = new Map<string, string>();
    let n = 0;
    for (const [key, { name, text }] of texts) {
      const ext = extname(name).toLowerCase() === '.json' ? '.json' : '.yaml';
      const file = join(dir, `t${n++}${ext}`);
      writeFileSync(file, text);
      byFile.set(file, key);
      out.set(key, []);
    }
    const files = [...byFile.keys()];
    for (let i = 0; i < files.length; i += batch) {
      const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files.slice(i, i + batch)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
      let matches: CfnLintMatch[] = [];
      try {
        matches = JSON.parse(run.stdout || '[]') as CfnLintMatch[];
      } catch {
        throw new Error(`cfn-lint gave no JSON: ${run.stderr.slice(0, 500)}`);
      }
      for (const m of matches) {
        if (m.Level !== 'Error') continue;
        const key = byFile.get(m.Filename);
        if (key !== undefined) out.get(key)!.push(`${m.Rule.Id} ${(m.Location.Path ?? []).join('/')}: ${m.Message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Errors in `after` that `before` does not have (as a multiset). */
export function newErrors(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const e of before) left.set(e, (left.get(e) ?? 0) + 1);
  const out: string[] = [];
  for (const e of after) {
    const n = left.get(e) ?? 0;
    if (n > 0) left.set(e, n - 1);
    else out.push(e);
  }
  return out;
}
