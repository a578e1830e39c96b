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
