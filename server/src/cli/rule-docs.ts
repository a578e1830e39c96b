// Rule metadata for listings and SARIF: RULES plus the engine's own parse-error, and each rule's Markdown doc.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES } from '../../../rules';
import { RuleMeta } from '../engine/types';
import { meta as parseErrorMeta } from '../../../rules/parse-error/parse-error';
import pkg from '../../../package.json';

export const VERSION: string = pkg.version;
/** Where the project lives (package.json's `repository`, declared once); every docs link is derived from it. */
export const INFORMATION_URI: string = repositoryUrl((pkg as { repository?: string | { url?: string } }).repository);

/** `https://github.com/o/r` from `{ url: "git+https://github.com/o/r.git" }`, `"github:o/r"` or `"o/r"`. */
export function repositoryUrl(repository: string | { url?: string } | undefined): string {
  const raw = (typeof repository === 'string' ? repository : repository?.url ?? '').trim();
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1]}`;
  const url = raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '').replace(/\/$/, '');
  if (!/^https?:\/\//.test(url)) throw new Error('package.json needs a "repository" with an https URL: rule docs link below it');
  return url;
}

export const PARSE_ERROR_META: RuleMeta = parseErrorMeta;

export function allRuleMetas(): RuleMeta[] {
  return [...RULES.map((rule) => rule.meta), PARSE_ERROR_META];
}

export function knownRuleIds(): Set<string> {
  return new Set(allRuleMetas().map((meta) => meta.id));
}

let projectRoot: string | undefined | null = null;

/** The folder holding package.json and rules/ (dist/ when bundled, out/server/src/cli when compiled). */
export function findProjectRoot(): string | undefined {
  if (projectRoot !== null) return projectRoot;
  let dir = __dirname;
  projectRoot = undefined;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) {
      projectRoot = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return projectRoot;
}

/** The rule's Markdown documentation, or undefined when not shipped. */
export function ruleMarkdown(meta: RuleMeta): string | undefined {
  const root = findProjectRoot();
  if (!root || !meta.docs) return undefined;
  try {
    return readFileSync(join(root, meta.docs), 'utf8');
  } catch {
    return undefined;
  }
}

/** First paragraph of a doc after its title: the rule's full description. */
export function firstParagraph(markdown: string): string | undefined {
  const paragraphs = markdown.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
  return paragraphs[0]?.replace(/\s*\r?\n\s*/g, ' ');
}

/** The rule's page in the repository (the same Markdown the .vsix and the npm package ship under rules/). */
export function helpUri(meta: RuleMeta): string {
  return meta.docs ? `${INFORMATION_URI}/blob/main/${meta.docs}` : `${INFORMATION_URI}#readme`;
}
