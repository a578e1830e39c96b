// The rule registry: every rule, in the order findings are computed. Add one import and one entry per rule.
import { Rule } from '../server/src/engine/types';

export const RULES: Rule[] = [];
