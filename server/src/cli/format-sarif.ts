// SARIF 2.1.0 output as GitHub code scanning accepts it: rules with docs, results with regions, paths and fixes.
import { createHash } from 'node:crypto';
import { RuleMeta, Severity } from '../engine/types';
import { Range } from './positions';
import { Report, ReportEntry } from './report';
import { allRuleMetas, firstParagraph, helpUri, INFORMATION_URI, ruleMarkdown, VERSION } from './rule-docs';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

/** `baselineStates`: the diff's SARIF baselineState per entry (new, unchanged, updated, absent). */
export function formatSarif(report: Report, baselineStates?: ReadonlyMap<ReportEntry, string>): string {
  const metas = allRuleMetas();
  // Findings from rules outside the registry (adapters) still need a rule entry for ruleIndex.
  for (const entry of report.entries) {
    if (!metas.some((meta) => meta.id === entry.finding.ruleId)) metas.push({ id: entry.finding.ruleId, defaultSeverity: entry.finding.severity, description: entry.finding.ruleId, fixable: false, docs: '' });
  }
  const ruleIndex = new Map(metas.map((meta, index) => [meta.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'exposure-lint', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: metas.map(sarifRule) } },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The folder exposure-lint ran in' } } },
        columnKind: 'utf16CodeUnits',
        results: report.entries.map((entry) => sarifResult(entry, ruleIndex.get(entry.finding.ruleId)!, baselineStates?.get(entry))),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((error) => ({ level: 'error', message: { text: `Internal error: ${error.message}` }, locations: [{ physicalLocation: { artifactLocation: artifact(error.file) } }] })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifRule(meta: RuleMeta) {
  const markdown = ruleMarkdown(meta);
  const full = (markdown && firstParagraph(markdown)) || meta.description;
  const help = markdown ?? `${meta.description}\n\nSee ${helpUri(meta)}`;
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: meta.description },
    fullDescription: { text: full },
    help: { text: help, markdown: help },
    helpUri: helpUri(meta),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { tags: ['security', 'network'], fixable: meta.fixable },
  };
}

function sarifResult(entry: ReportEntry, index: number, baselineState?: string) {
  const { finding } = entry;
  const templateLocation = { physicalLocation: { artifactLocation: artifact(entry.file), region: region(entry.range) } };
  // CDK: the app's own line is what a reviewer can change; the synthesized template stays related.
  const primary = entry.source ? { physicalLocation: { artifactLocation: artifact(entry.source.file), region: region(entry.source.range) } } : templateLocation;
  const related = entry.path.map((step, i) => ({ id: i + 1, message: { text: step.message }, physicalLocation: { artifactLocation: artifact(step.file), region: region(step.range) } }));
  if (entry.source) related.push({ id: related.length + 1, message: { text: `Synthesized resource ${finding.resource}` }, ...templateLocation });
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex: index,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ ...primary, ...(finding.resource ? { logicalLocations: [{ name: finding.resource, kind: 'resource' }] } : {}) }],
    partialFingerprints: { 'exposureLint/v1': fingerprint(entry) },
    // SARIF has no certainty field: a property bag carries it (and the unknown piece) for CI filters.
    properties: { certainty: finding.certainty ?? 'definite', ...(finding.unknown ? { unknown: finding.unknown } : {}) },
  };
  if (related.length) result.relatedLocations = related;
  if (baselineState) result.baselineState = baselineState;
  if (entry.fixes.length) {
    result.fixes = entry.fixes.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: groupByFile(fix.edits).map(([file, edits]) => ({
        artifactLocation: artifact(file),
        replacements: edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
      })),
    }));
  }
  return result;
}

/** Paths inside the working folder are relative to %SRCROOT%; others (outside it) are file URIs. */
function artifact(path: string): { uri: string; uriBaseId?: string } {
  if (path.startsWith('/')) return { uri: `file://${encodeURI(path)}` };
  return { uri: encodeURI(path), uriBaseId: SRCROOT };
}

function region(range: Range) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** Stable across line moves: the rule, file, resource and message, not the position. */
function fingerprint(entry: ReportEntry): string {
  return createHash('sha256').update([entry.finding.ruleId, entry.file, entry.finding.resource, entry.finding.message].join('\u0000')).digest('hex').slice(0, 32);
}

function groupByFile<T extends { file: string }>(edits: T[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const edit of edits) map.set(edit.file, [...(map.get(edit.file) ?? []), edit]);
  return [...map];
}
