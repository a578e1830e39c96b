// A small sequential test runner for the extension host (no mocha there): runs named tests, reports, throws on failure.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

export interface EditorTest {
  name: string;
  run(): Promise<void>;
}

export interface EditorTestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export async function runEditorTests(tests: EditorTest[]): Promise<void> {
  const results: EditorTestResult[] = [];
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.run();
      results.push({ name: t.name, ok: true, ms: Date.now() - start });
    } catch (error) {
      results.push({ name: t.name, ok: false, ms: Date.now() - start, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }
  const report = { host: `${vscode.env.appName} ${vscode.version}`, results };
  // The runner outside the editor reads this file: code-server's extension host has no terminal of its own.
  if (process.env.EXPOSURE_LINT_EDITOR_RESULTS) writeFileSync(process.env.EXPOSURE_LINT_EDITOR_RESULTS, JSON.stringify(report, null, 2));
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)${r.error ? `\n${r.error}` : ''}`);
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} editor tests failed: ${failed.map((r) => r.name).join('; ')}`);
}

/** Resolves once `predicate` holds for the diagnostics of `uri`, checking now and on each change: no polling, no sleeps. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = () => ours(uri);
    if (predicate(current())) return resolve(current());
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${JSON.stringify(current().map(describe))}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!predicate(current())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

/** This extension's diagnostics on `uri` (other extensions may lint the same YAML). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'exposure-lint');
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export interface DiagnosticSummary {
  code: string | undefined;
  severity: string;
  range: [number, number, number, number];
  message: string;
}

export function describe(diagnostic: vscode.Diagnostic): DiagnosticSummary {
  const { start, end } = diagnostic.range;
  return { code: codeOf(diagnostic), severity: vscode.DiagnosticSeverity[diagnostic.severity], range: [start.line, start.character, end.line, end.character], message: diagnostic.message };
}

export function codes(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => codeOf(d) ?? '?').sort();
}
