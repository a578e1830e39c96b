// `exposureLint/lintWorkspace`: lints every template under the workspace folders (yielding between targets so
// the server keeps answering), publishes diagnostics for files that are not open, and reports progress.
import { join } from 'node:path';
import { CancellationToken, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver';
import { isIgnored } from '../engine/config';
import { discoverTargetsAsync, lintTarget, Target } from '../engine/workspace';
import { Finding } from '../engine/types';
import { internalErrorDiagnostic, toDiagnostic } from './diagnostics';
import { LineTables } from './line-tables';
import { LintWorkspaceResult } from './protocol';
import { configFor, configInDir, Settings } from './settings';
import { pathToUri } from './uris';

export interface WorkspaceLintHost {
  folders: string[];
  settings: Settings;
  /** Texts of open documents by path: linted as the editor has them. */
  openTexts: ReadonlyMap<string, string>;
  isOpen(path: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/**
 * Lint the workspace; returns the counts, the URIs given diagnostics (to clear them next time) and every
 * file's diagnostics, open files' too (shown again when such a file is closed: closing must not lose them).
 */
export async function lintWorkspace(host: WorkspaceLintHost, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<{ result: LintWorkspaceResult; published: Set<string>; all: Map<string, Diagnostic[]> }> {
  const result: LintWorkspaceResult = { targets: 0, files: 0, findings: 0, errors: 0, warnings: 0, infos: 0, failures: 0, cancelled: false };
  const targets: Target[] = [];
  for (const folder of host.folders) {
    try {
      // The walk gives the event loop a turn every few milliseconds: a folder of a million files keeps the server answering.
      for (const target of await discoverTargetsAsync([folder])) targets.push(target);
    } catch (error) {
      host.log(`Lint workspace: cannot read ${folder}: ${(error as Error).message}`);
    }
  }
  progress.begin('exposure-lint: linting workspace', 0, `${targets.length} templates`, true);
  const byFile = new Map<string, { uri: string; diagnostics: Diagnostic[] }>();
  const add = (file: string, diagnostic: Diagnostic) => {
    const entry = byFile.get(file) ?? { uri: pathToUri(file), diagnostics: [] };
    entry.diagnostics.push(diagnostic);
    byFile.set(file, entry);
  };
  try {
    for (let i = 0; i < targets.length; i++) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      const target = targets[i];
      progress.report(Math.round((i / Math.max(1, targets.length)) * 100), target.path);
      // Let queued messages (typing, cancellation) through between targets.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { config } = target.kind === 'cloudformation' ? configFor(target.path, undefined, host.settings) : configInDir(target.path, host.settings);
      if (isIgnored(target.path, config)) continue;
      const linted = lintTarget(target, config, new Map(host.openTexts));
      if (!linted) continue;
      result.targets++;
      if (linted.error) {
        result.failures++;
        const file = target.kind === 'cloudformation' ? target.path : target.kind === 'terraform' ? target.files?.[0] ?? target.path : join(target.path, 'manifest.json');
        host.log(`Lint workspace: internal error on ${target.path}: ${linted.error}`);
        add(file, internalErrorDiagnostic(linted.error));
        continue;
      }
      const lines = new LineTables(host.openTexts);
      for (const finding of linted.findings) {
        const file = shownIn(finding);
        add(file, toDiagnostic(finding, { uri: pathToUri(file), file }, lines));
        result.findings++;
        if (finding.severity === 'error') result.errors++;
        else if (finding.severity === 'warning') result.warnings++;
        else result.infos++;
      }
    }
  } finally {
    progress.done();
  }
  const published = new Set<string>();
  const all = new Map<string, Diagnostic[]>();
  let sent = 0;
  for (const [file, entry] of byFile) {
    // Thousands of files with findings: publish in slices so requests are answered in between.
    if (++sent % 20 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    result.files++;
    all.set(entry.uri, entry.diagnostics);
    if (host.isOpen(file)) continue; // open documents have their own, fresher diagnostics
    host.publish(entry.uri, entry.diagnostics);
    published.add(entry.uri);
  }
  return { result, published, all };
}

/** A file whose change on disk can change the workspace's findings (a template, a module, an assembly, a config). */
export function affectsWorkspace(path: string): boolean {
  if (/(^|[\\/])(node_modules|\.git)[\\/]/.test(path)) return false;
  return /\.(ya?ml|json|template)$/i.test(path) || /(^|[\\/])cdk\.out([\\/]|$)/.test(path);
}

/** CDK findings go where the user writes code (the app source), others to the template. */
function shownIn(finding: Finding): string {
  return finding.source?.file ?? finding.loc.file;
}
