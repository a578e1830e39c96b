// Test helper: synthesizes test/cdk-app offline (esbuild + node, no CDK CLI, no network) into a temp copy.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { positionOf } from '../../helpers/position';

export { positionOf };

/** The project root (this file runs from out/test/adapters/cdk). */
export const PROJECT_ROOT = resolve(__dirname, '../../../..');

export interface SynthesizedApp {
  /** Copy of test/cdk-app (with cdk.json); the assembly is written to its cdk.out. */
  appDir: string;
  assemblyDir: string;
  /** The bundled app.js, outside the app folder (like a build directory). */
  bundle: string;
}

/**
 * `sourceMaps`: run node with --enable-source-maps so aws-cdk-lib's creation stacks name the .ts
 * lines (as under ts-node); without, they name the bundle and the source scan must find the lines.
 */
export function synthesizeTestApp(options: { sourceMaps: boolean }): SynthesizedApp {
  const tmp = mkdtempSync(join(tmpdir(), 'exposure-lint-cdk-'));
  const appDir = join(tmp, 'app');
  cpSync(join(PROJECT_ROOT, 'test/cdk-app'), appDir, { recursive: true });
  const bundle = join(tmp, 'build', 'app.js');
  buildSync({
    entryPoints: [join(appDir, 'bin/app.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['aws-cdk-lib', 'constructs'],
    outfile: bundle,
    sourcemap: options.sourceMaps,
    logLevel: 'silent',
  });
  const assemblyDir = join(appDir, 'cdk.out');
  execFileSync(process.execPath, [...(options.sourceMaps ? ['--enable-source-maps'] : []), bundle], {
    env: { ...process.env, CDK_OUTDIR: assemblyDir, CDK_DEBUG: 'true', NODE_PATH: join(PROJECT_ROOT, 'node_modules') },
    stdio: 'pipe',
  });
  return { appDir, assemblyDir, bundle };
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}
