// Reads `.exposure-lint.yaml|yml|json` config files (shared by the CLI and the language server) and matches ignore globs.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, Node as YamlNode, parseDocument } from 'yaml';
import { RULES } from '../../../rules';
import { meta as parseErrorMeta } from '../../../rules/parse-error/parse-error';
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

const KEYS = ['rules', 'ignore', 'intended-edges', 'possible'];

/** Parse and validate a config file; throws ConfigError naming every problem (file:line:col: message). */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${readFailure(error)}`);
  }
  const { problems, value } = checkConfigText(text);
  if (problems.length) {
    const where = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return `${path}:${before.length}:${before[before.length - 1].length + 1}`;
    };
    const first = problems[0].syntax ? `Invalid config file ${path}: ` : '';
    throw new ConfigError(first + problems.map((problem) => `${where(problem.span.start)}: ${problem.message}`).join('\n'));
  }
  return { ...parseConfig(value, path), root: dirname(resolve(path)) };
}

/** A mistake in a config file, at a character span of its text (the editor shows it there). */
export interface ConfigProblem {
  message: string;
  span: { start: number; end: number };
  /** The text is not YAML/JSON at all. */
  syntax?: boolean;
}

/** Every problem in a config file's text (YAML or JSON): syntax, unknown keys, unknown rule IDs, bad severities, non-lists. */
export function configProblems(text: string): ConfigProblem[] {
  return checkConfigText(text).problems;
}

function checkConfigText(text: string): { problems: ConfigProblem[]; value: unknown } {
  const problems: ConfigProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  for (const error of doc.errors) problems.push({ message: error.message.split('\n')[0].replace(/:$/, ''), span: { start: error.pos[0], end: error.pos[1] }, syntax: true });
  if (problems.length) return { problems, value: undefined };
  const spanOf = (node: unknown): ConfigProblem['span'] => {
    const range = (node as YamlNode | null)?.range;
    return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { problems, value: null };
  if (!isMap(root)) {
    problems.push({ message: 'expected a map with rules, ignore, intended-edges', span: spanOf(root) });
    return { problems, value: undefined };
  }
  const known = knownRuleIds();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const name = key === 'intendedEdges' ? 'intended-edges' : key;
    if (!KEYS.includes(name)) {
      problems.push({ message: `unknown key "${key}"${didYouMean(key, KEYS)} (expected rules, ignore, intended-edges, possible)`, span: spanOf(pair.key) });
      continue;
    }
    const value = pair.value;
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (name === 'rules') {
      if (!isMap(value)) {
        problems.push({ message: '"rules" must map rule IDs to error|warning|info|off', span: spanOf(value) });
        continue;
      }
      for (const rule of value.items) {
        const id = isScalar(rule.key) ? String(rule.key.value) : String(rule.key);
        if (!known.includes(id)) problems.push({ message: `unknown rule "${id}"${didYouMean(id, known)} (see exposure-lint --list-rules)`, span: spanOf(rule.key) });
        const setting = isScalar(rule.value) ? rule.value.value : rule.value;
        try {
          parseSetting(setting, `rules.${id}`);
        } catch (error) {
          problems.push({ message: (error as Error).message, span: spanOf(rule.value ?? rule.key) });
        }
      }
    } else if (name === 'possible') {
      if (!isScalar(value) || typeof value.value !== 'boolean') problems.push({ message: '"possible" must be true or false', span: spanOf(value) });
    } else if (!isSeq(value) || value.items.some((item) => !isScalar(item) || typeof item.value !== 'string')) {
      problems.push({ message: `${name} must be a list of strings`, span: spanOf(value) });
    }
  }
  return { problems, value: doc.toJS() };
}

function knownRuleIds(): string[] {
  return [...RULES.map((rule) => rule.meta.id), parseErrorMeta.id];
}

/** ` (did you mean "rules"?)` when one candidate is within two edits. */
function didYouMean(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
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
