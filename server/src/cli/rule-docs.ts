// Rule metadata for listings and SARIF: RULES plus the engine's own parse-error, and each rule's Markdown doc.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES } from '../../../rules';
import { RuleMeta } from '../engine/types';
import { meta as parseErrorMeta } from '../../../rules/parse-error/parse-error';
import pkg from '../../../package.json';

export const VERSION: string = pkg.version;
/** Where the project lives; rule docs link below it. */
export const INFORMATION_URI: string = (pkg as { homepage?: string }).homepage ?? 'https://github.com/exposure-lint/exposure-lint';

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

export function helpUri(meta: RuleMeta): string {
  return meta.docs ? `${INFORMATION_URI}/blob/main/${meta.docs}` : `${INFORMATION_URI}#readme`;
}
