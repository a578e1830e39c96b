// Reads `.exposure-lint.yaml|yml|json` config files (shared by the CLI and the language server) and matches ignore globs.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileGlob, GlobMatcher } from './glob';
import { readFailure, readTextFile } from '../source/read-file';
import { Config, defaultConfig, RuleSetting } from './types';

export const CONFIG_NAMES = ['.exposure-lint.yaml', '.exposure-lint.yml', '.exposure-lint.json'];
const SETTINGS: RuleSetting[] = ['error', 'warning', 'info', 'off'];
/** A config is a few lines; anything much larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A config file that cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse and validate a config file; throws ConfigError with a message fit for the user. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${readFailure(error)}`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Invalid config file ${path}: ${(error as Error).message.split('\n')[0].replace(/:$/, '')}`);
  }
  return { ...parseConfig(raw, path), root: dirname(resolve(path)) };
}

/** Validate a plain config object (from a file or editor settings). */
export function parseConfig(raw: unknown, origin = 'config'): Config {
  const config = defaultConfig();
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${origin}: expected a map with rules, ignore, intended-edges`);
  const known = new Set(['rules', 'ignore', 'intended-edges', 'intendedEdges']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new ConfigError(`${origin}: unknown key "${key}" (expected rules, ignore, intended-edges)`);
  const object = raw as Record<string, unknown>;
  if (object.rules !== undefined && object.rules !== null) {
    if (typeof object.rules !== 'object' || Array.isArray(object.rules)) throw new ConfigError(`${origin}: "rules" must map rule IDs to error|warning|info|off`);
    for (const [id, value] of Object.entries(object.rules as Record<string, unknown>)) config.rules[id] = parseSetting(value, `${origin}: rules.${id}`);
  }
  config.ignore = stringList(object.ignore, `${origin}: ignore`);
  config.intendedEdges = stringList(object['intended-edges'] ?? object.intendedEdges, `${origin}: intended-edges`);
  return config;
}

/** "error" | "warning" | "warn" | "info" | "off" (also ESLint's 0/1/2). */
export function parseSetting(value: unknown, where: string): RuleSetting {
  const aliases: Record<string, RuleSetting> = { warn: 'warning', '0': 'off', '1': 'warning', '2': 'error', false: 'off' };
  const text = String(value).toLowerCase();
  const setting = (aliases[text] ?? text) as RuleSetting;
  if (!SETTINGS.includes(setting)) throw new ConfigError(`${where}: "${String(value)}" is not one of ${SETTINGS.join(', ')}`);
  return setting;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new ConfigError(`${where} must be a list of strings`);
  return value as string[];
}

/** The nearest config file at or above startDir. */
export function findConfig(startDir: string): { path: string; config: Config } | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      // Anything by that name that is not a folder is read (a FIFO or device is refused there, with a message).
      if (exists(candidate)) return { path: candidate, config: loadConfigFile(candidate) };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Combine a base config with overrides (e.g. --rule flags); later wins. */
export function mergeConfig(base: Config, override: Partial<Config>): Config {
  return {
    rules: { ...base.rules, ...override.rules },
    ignore: [...base.ignore, ...(override.ignore ?? [])],
    intendedEdges: [...base.intendedEdges, ...(override.intendedEdges ?? [])],
    root: override.root ?? base.root,
  };
}

/** True when `file` matches one of the config's ignore globs (relative to the config's folder, or cwd). */
export function isIgnored(file: string, config: Config): boolean {
  if (!config.ignore.length) return false;
  const root = config.root ?? process.cwd();
  const rel = relative(root, isAbsolute(file) ? file : resolve(file)).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  return config.ignore.some((pattern) => globMatches(pattern, rel));
}

function exists(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const globCache = new Map<string, GlobMatcher>();

/**
 * gitignore-like matching: `*` and `?` stay within a path segment, `**` spans segments, a pattern
 * without a slash matches at any depth, a trailing slash or a folder match covers everything inside.
 * Patterns come from the repository: the matcher runs in time linear in the path (see glob.ts).
 */
export function globMatches(pattern: string, relPath: string): boolean {
  let matcher = globCache.get(pattern);
  if (!matcher) {
    matcher = compileGlob(pattern);
    globCache.set(pattern, matcher);
  }
  return matcher(relPath);
}
