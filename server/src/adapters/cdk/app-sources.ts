// Finds a CDK app's folder (cdk.json) and reads its TypeScript/JavaScript sources, cached, for mapping.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { computeLineStarts } from '../../source/tree';
import { isWithin, realOrResolved } from '../../source/confine';
import { readTextFile } from '../../source/read-file';

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 2_000_000;

export interface CdkAppInfo {
  /** The folder holding cdk.json. */
  dir: string;
  /** The entry file named by cdk.json "app" (bin/app.ts), when it names one. */
  entry?: string;
  /** cdk.json "output" (default cdk.out), absolute. */
  output: string;
}

/** Read cdk.json in `dir`, if there is one. */
export function readCdkApp(dir: string): CdkAppInfo | undefined {
  const file = join(dir, 'cdk.json');
  if (!existsSync(file)) return undefined;
  let config: { app?: unknown; output?: unknown } = {};
  try {
    config = JSON.parse(readTextFile(file, { maxBytes: MAX_FILE_BYTES })) as typeof config;
  } catch {
    // A broken cdk.json still marks the app folder.
  }
  // The app's assembly is inside the app: an "output" leading elsewhere (../../, /etc) is not followed.
  const output = typeof config.output === 'string' ? resolve(dir, config.output) : undefined;
  const inside = output !== undefined && isWithin(realOrResolved(dir), realOrResolved(output));
  const info: CdkAppInfo = { dir: resolve(dir), output: inside ? output : resolve(dir, 'cdk.out') };
  if (typeof config.app === 'string') {
    const token = config.app.split(/\s+/).find((part) => SOURCE_FILE.test(part));
    if (token) info.entry = resolve(dir, token);
  }
  return info;
}

/** The app an assembly was synthesized from: the nearest folder with cdk.json at or above the assembly. */
export function appForAssembly(assemblyDir: string): CdkAppInfo | undefined {
  let dir = resolve(assemblyDir);
  for (let depth = 0; depth < 6; depth++) {
    const app = readCdkApp(dir);
    if (app) return app;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The app a source file belongs to: the nearest folder with cdk.json above it. */
export function appForSourceFile(file: string): CdkAppInfo | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    const app = readCdkApp(dir);
    if (app) return app;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface TextFile {
  path: string;
  text: string;
  lineStarts: number[];
}

/** The app's own source files (not node_modules, not assemblies), with texts read on demand. */
export class AppSources {
  private files: string[] | undefined;
  private readonly texts = new Map<string, TextFile | null>();

  /** `overrides`: texts newer than the disk (documents open in an editor), by absolute path. */
  constructor(readonly root: string | undefined, private readonly entry?: string, private readonly overrides?: ReadonlyMap<string, string>) {}

  /** Source files under the root; TypeScript before JavaScript compiled from it, the entry last. */
  list(): string[] {
    if (this.files) return this.files;
    const found: string[] = [];
    if (this.root) {
      const real = realOrResolved(this.root);
      walk(this.root, real, found, new Set(), real);
    }
    const set = new Set(found);
    // foo.js next to foo.ts is compiled output: its construct ids would map to the wrong file.
    this.files = found
      .filter((file) => !(/\.js$/.test(file) && (set.has(file.replace(/\.js$/, '.ts')) || set.has(file.replace(/\.js$/, '.tsx')))))
      .sort((a, b) => Number(a === this.entry) - Number(b === this.entry) || a.localeCompare(b));
    return this.files;
  }

  read(path: string): TextFile | undefined {
    const key = resolve(path);
    if (!this.texts.has(key)) {
      let file: TextFile | null = null;
      const override = this.overrides?.get(key);
      if (override !== undefined) file = { path: key, text: override, lineStarts: computeLineStarts(override) };
      else try {
        // Stack traces name any path: only the app's own files are read (never /etc/passwd, a device or a FIFO).
        if (this.root && isWithin(realOrResolved(this.root), realOrResolved(key))) {
          const text = readTextFile(key, { maxBytes: MAX_FILE_BYTES });
          file = { path: key, text, lineStarts: computeLineStarts(text) };
        }
      } catch {
        file = null;
      }
      this.texts.set(key, file);
    }
    return this.texts.get(key) ?? undefined;
  }

  /**
   * A trace path that does not exist here (synthesized on another machine or in a container):
   * the longest tail of it that exists under the app folder.
   */
  relocate(path: string): string | undefined {
    if (existsSync(path)) return resolve(path);
    if (!this.root) return undefined;
    const parts = path.split(/[\\/]/).filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const candidate = join(this.root, ...parts.slice(i));
      if (existsSync(candidate)) return candidate;
    }
    return undefined;
  }
}

/** Source files under the app folder, each folder once by real path (link loops end), never through a link leaving it. */
function walk(dir: string, realDir: string, out: string[], visited: Set<string>, root: string): void {
  if (visited.has(realDir) || !isWithin(root, realDir)) return;
  visited.add(realDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (out.length >= MAX_FILES || visited.size > MAX_FILES) return;
    if (name === 'node_modules' || name.startsWith('.') || name === 'cdk.out') continue;
    const full = dir + sep + name;
    let stat;
    let real: string;
    try {
      real = realpathSync(full);
      stat = statSync(real);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (!existsSync(join(full, 'manifest.json'))) walk(full, real, out, visited, root);
    } else if (stat.isFile() && isWithin(root, real) && SOURCE_FILE.test(name) && !/\.d\.[mc]?ts$/.test(name)) {
      out.push(full);
    }
  }
}
