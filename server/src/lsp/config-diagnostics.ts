// The config file as the editor sees it (its mistakes as diagnostics) and the start-up lines of the server's log.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { configProblems } from '../engine/config';
import { SOURCE } from './protocol';
import { configInDir, Settings } from './settings';

export const CONFIG_CODE = 'config';

/** Diagnostics for a `.exposure-lint.yaml|yml|json` text: unknown keys and rule IDs, bad severities, syntax. */
export function configDiagnostics(text: string): Diagnostic[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line, character: offset - lineStarts[line] };
  };
  return configProblems(text).map((problem) => ({
    range: { start: position(problem.span.start), end: position(Math.max(problem.span.start, problem.span.end)) },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: CONFIG_CODE,
    message: `${problem.message}; until fixed, files under this config are linted with the defaults`,
  }));
}

/** What the log says when the server is ready: version, where it runs from, what it reads, each folder's config. */
export function describeStartup(version: string, folders: string[], settings: Settings): string[] {
  const lines = [
    `exposure-lint ${version} language server: ${process.argv[1] ?? '(unknown path)'} on Node ${process.version}`,
    'Reads: CloudFormation templates (YAML, JSON), Terraform modules (*.tf, *.tf.json), CDK cloud assemblies (cdk.out) and the app sources they map to',
    `Settings: run ${settings.run}${settings.enable ? '' : ' (disabled)'}, debounce ${settings.debounceMs} ms, new-since marks ${settings.markNewSince || 'off'}${Object.keys(settings.rules).length ? `, rules ${JSON.stringify(settings.rules)}` : ''}`,
  ];
  if (!folders.length) lines.push('No workspace folder: each file uses the nearest .exposure-lint.yaml above it');
  for (const folder of folders) {
    const resolved = configInDir(folder, settings);
    if (resolved.error) lines.push(`Folder ${folder}: config error, the defaults apply: ${resolved.error}`);
    else if (resolved.file) lines.push(`Folder ${folder}: config ${resolved.file}`);
    else lines.push(`Folder ${folder}: no .exposure-lint.yaml (rule defaults)`);
  }
  return lines;
}
