// Turns the server's exposureLint/lintWorkspace answer into one line for the user, whatever it counts.
export function describeLintResult(result: unknown): string {
  if (result && typeof result === 'object') {
    const r = result as Record<string, unknown>;
    const files = firstNumber(r, ['files', 'fileCount', 'templates']);
    const findings = firstNumber(r, ['findings', 'findingCount', 'diagnostics', 'problems']);
    const parts: string[] = [];
    if (files !== undefined) parts.push(`${files} ${files === 1 ? 'file' : 'files'}`);
    if (findings !== undefined) parts.push(`${findings} ${findings === 1 ? 'finding' : 'findings'}`);
    if (parts.length) return `exposure-lint: workspace linted: ${parts.join(', ')}`;
  }
  return 'exposure-lint: workspace linted';
}

function firstNumber(r: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = r[key];
    if (typeof value === 'number') return value;
    if (Array.isArray(value)) return value.length;
  }
  return undefined;
}
