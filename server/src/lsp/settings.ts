// Client settings under `exposureLint` (enable, run, rules, debounce) and the config each document is linted with.
import { dirname } from 'node:path';
import { findConfig, mergeConfig, parseSetting } from '../engine/config';
import { Config, defaultConfig, RuleSetting } from '../engine/types';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Rule ID -> severity or off; applied on top of the config file (the editor's word wins). */
  rules: Record<string, RuleSetting>;
  /** Quiet time after typing before a lint runs. */
  debounceMs: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Findings new since this git revision say so in their message; '' turns it off. */
  markNewSince: string;
  /** Show possible findings (the path leaves the file); undefined: the config file decides (default shown). */
  showPossible?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 50;

export function defaultSettings(): Settings {
  return { enable: true, run: 'onType', rules: {}, debounceMs: DEFAULT_DEBOUNCE_MS, trace: { server: 'off' }, markNewSince: 'HEAD' };
}

/** Read settings as a client sent them; unknown or invalid values fall back to the defaults (and are reported). */
export function parseSettings(raw: unknown, problems: string[] = []): Settings {
  const settings = defaultSettings();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return settings;
  const object = raw as Record<string, unknown>;
  if (typeof object.enable === 'boolean') settings.enable = object.enable;
  if (object.run === 'onType' || object.run === 'onSave') settings.run = object.run;
  else if (object.run !== undefined && object.run !== null) problems.push(`exposureLint.run: "${String(object.run)}" is not onType or onSave`);
  if (typeof object.debounceMs === 'number' && Number.isFinite(object.debounceMs) && object.debounceMs >= 0) settings.debounceMs = Math.min(object.debounceMs, 10_000);
  if (object.rules && typeof object.rules === 'object' && !Array.isArray(object.rules)) {
    for (const [id, value] of Object.entries(object.rules as Record<string, unknown>)) {
      try {
        settings.rules[id] = parseSetting(value, `exposureLint.rules.${id}`);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  }
  if (typeof object.showPossible === 'boolean') settings.showPossible = object.showPossible;
  if (typeof object.markNewSince === 'string') settings.markNewSince = object.markNewSince.trim();
  else if (object.markNewSince === false) settings.markNewSince = '';
  const trace = (object.trace as Record<string, unknown> | undefined)?.server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') settings.trace.server = trace;
  return settings;
}

export interface ResolvedConfig {
  config: Config;
  /** The config file used, if any. */
  file?: string;
  /** A config file that could not be used (the defaults apply instead). */
  error?: string;
}

/**
 * The config for a file: the nearest `.exposure-lint.yaml` at or above its folder (read afresh each
 * time, so an edited file applies at once; it is small), then the editor's rule settings on top.
 */
export function configFor(path: string | undefined, fallbackDir: string | undefined, settings: Settings): ResolvedConfig {
  return configInDir(path ? dirname(path) : fallbackDir, settings);
}

/** The config for files in `dir` (a template's folder, a Terraform module, a cloud assembly). */
export function configInDir(dir: string | undefined, settings: Settings): ResolvedConfig {
  let base = defaultConfig();
  let file: string | undefined;
  let error: string | undefined;
  if (dir) {
    try {
      const found = findConfig(dir);
      if (found) {
        base = found.config;
        file = found.path;
      }
    } catch (problem) {
      error = (problem as Error).message;
    }
  }
  const overrides: Partial<Config> = {};
  if (Object.keys(settings.rules).length) overrides.rules = settings.rules;
  if (settings.showPossible !== undefined) overrides.possible = settings.showPossible;
  return { config: Object.keys(overrides).length ? mergeConfig(base, overrides) : base, file, error };
}
