// Bounds on input so that huge, deeply nested or alias-bomb files cost bounded time and memory.
export const LIMITS = {
  /** Larger files are reported and skipped. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Nesting depth of maps and lists. */
  maxDepth: 256,
  /** Total nodes built for one file (aliases are shared, never copied). */
  maxNodes: 2_000_000,
  /** Values the tree stands for once YAML aliases are expanded (a billion-laughs file stops here). */
  maxExpandedNodes: 2_000_000,
};

/** Folder entries a walk looks at before it stops and says so (a fan-out of millions of files). */
export const MAX_WALK_ENTRIES = 200_000;
/** A target taking longer than this to lint gets a finding saying so (anything slower than linear is a bug). */
export const TARGET_TIME_BUDGET_MS = 10_000;
