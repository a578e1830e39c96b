// parse-error: the engine's own rule for files that cannot be read as a template; documented here like every rule.
import { Rule, RuleFinding, RuleMeta } from '../../server/src/engine/types';

/**
 * The findings come from the parsers and the adapter (SourceFile.problems, Model.problems), turned
 * into `parse-error` findings by the engine (server/src/engine/lint.ts), never from a topology: a
 * broken file has none. The CLI lists this rule after RULES (server/src/cli/rule-docs.ts).
 */
export const meta: RuleMeta = {
  id: 'parse-error',
  defaultSeverity: 'error',
  description: 'The file could not be read as a template (syntax error, duplicate key, unsupported construct)',
  fixable: false,
  docs: 'rules/parse-error/parse-error.md',
};

/** Registering it would run a check with nothing to find and list the rule twice; kept for tools that want a Rule. */
export const rule: Rule = {
  meta,
  check(): RuleFinding[] {
    return [];
  },
};
