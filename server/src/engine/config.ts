// Reads `.exposure-lint.yaml|yml|json` config files (shared by the CLI and the language server) and matches ignore globs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Config, defaultConfig, RuleSetting } from './types';

export const CONFIG_NAMES = ['.exposure-lint.yaml', '.exposure-lint.yml', '.exposure-lint.json'];
const SETTINGS: RuleSetting[] = ['error', 'warning', 'info', 'off'];

/** A config file that cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse and validate a config file; throws ConfigError with a message fit for the user. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
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
  const known = new Set(['rules', 'ignore', 'intended-edges', 'intendedEdges', 'possible']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new ConfigError(`${origin}: unknown key "${key}" (expected rules, ignore, intended-edges, possible)`);
  const object = raw as Record<string, unknown>;
  if (object.rules !== undefined && object.rules !== null) {
    if (typeof object.rules !== 'object' || Array.isArray(object.rules)) throw new ConfigError(`${origin}: "rules" must map rule IDs to error|warning|info|off`);
    for (const [id, value] of Object.entries(object.rules as Record<string, unknown>)) config.rules[id] = parseSetting(value, `${origin}: rules.${id}`);
  }
  config.ignore = stringList(object.ignore, `${origin}: ignore`);
  config.intendedEdges = stringList(object['intended-edges'] ?? object.intendedEdges, `${origin}: intended-edges`);
  if (object.possible !== undefined && object.possible !== null) {
    if (typeof object.possible !== 'boolean') throw new ConfigError(`${origin}: "possible" must be true (report findings whose path leaves the file) or false`);
    config.possible = object.possible;
  }
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
      if (existsSync(candidate) && statSync(candidate).isFile()) return { path: candidate, config: loadConfigFile(candidate) };
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
    possible: override.possible ?? base.possible,
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

const globCache = new Map<string, RegExp>();

/**
 * gitignore-like matching: `*` and `?` stay within a path segment, `**` spans segments, a pattern
 * without a slash matches at any depth, a trailing slash or a folder match covers everything inside.
 */
export function globMatches(pattern: string, relPath: string): boolean {
  let regex = globCache.get(pattern);
  if (!regex) {
    regex = globToRegExp(pattern);
    globCache.set(pattern, regex);
  }
  return regex.test(relPath);
}

function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  const anchored = glob.replace(/\/$/, '').includes('/');
  glob = glob.replace(/^\//, '').replace(/\/$/, '');
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}(?:/.*)?$`);
}
