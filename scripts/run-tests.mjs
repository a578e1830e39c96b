// Runs every compiled test file (out/test/**/*.test.js) with node's test runner.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}
const roots = ['out/test', 'out/rules'].filter((d) => { try { return statSync(d).isDirectory(); } catch { return false; } });
const files = roots.flatMap((d) => collect(d)).sort();
const filter = process.argv[2];
const selected = filter ? files.filter((f) => f.includes(filter)) : files;
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
