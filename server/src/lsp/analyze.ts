// Lints one open document with the engine according to its kind; never throws (a failure becomes `error`).
import { readdirSync } from 'node:fs';
import { readTextFile } from '../source/read-file';
import { dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lintText } from '../engine/lint';
import { lintTemplateEdit, TemplateSnapshot } from '../engine/incremental';
import { lintCloudAssembly, lintCdkSourceFile } from '../engine/lint-cdk';
import { describeError, lintTarget } from '../engine/workspace';
import { Config, Finding } from '../engine/types';
import { DocumentKind } from './detect';

export interface Analysis {
  /** False when the text turned out not to be a template: the document gets no diagnostics. */
  isTemplate: boolean;
  /** Findings to show in this document (for CDK sources: those mapped into it). */
  findings: Finding[];
  /** The linter failed on this document: shown as one diagnostic, logged, the server goes on. */
  error?: string;
  /** A template's lint, kept to answer the next edit of the document without linting it all again. */
  snapshot?: TemplateSnapshot;
}

export interface AnalysisInput {
  /** File path, or the URI for documents that are not files. */
  file: string;
  /** True when `file` is a real path on disk. */
  onDisk: boolean;
  text: string;
  kind: DocumentKind;
  config: Config;
  /** Texts of other open documents by path (a Terraform module is read together). */
  openTexts: ReadonlyMap<string, string>;
  /** The document's previous lint (a template): an edit that cannot change a finding reuses it. */
  previous?: TemplateSnapshot;
}

/**
 * Tests prove that one failing document leaves the server and the other documents working: when this
 * variable is set, a document containing its value fails inside the linter.
 */
const INJECTED_FAULT = process.env.EXPOSURE_LINT_TEST_FAULT;

/**
 * Texts longer than this (about 5,000 resources) get a full garbage collection before they are linted: V8 lets
 * the heap grow with the garbage of each lint, and collecting it first keeps the server's peak with a
 * 10,000-resource template open at ~185 MB instead of ~330 MB, for up to a quarter more time on such a lint
 * (which only ever runs once typing pauses).
 */
const COLLECT_BEFORE_CHARS = 1_000_000;
let collect: (() => void) | null | undefined;

/** A full GC, when Node lets us have one (the flag set at run time, as jest's leak detector does). */
function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

export function analyze(input: AnalysisInput): Analysis {
  if (input.text.length > COLLECT_BEFORE_CHARS) collectGarbage();
  try {
    if (INJECTED_FAULT && input.text.includes(INJECTED_FAULT)) throw new Error('injected fault (EXPOSURE_LINT_TEST_FAULT)');
    switch (input.kind.kind) {
      case 'cloudformation':
        return input.kind.assembly && input.onDisk ? analyzeAssemblyTemplate(input, input.kind.assembly) : analyzeTemplate(input);
      case 'terraform':
        return analyzeTerraform(input);
      case 'cdk-source':
        return { isTemplate: true, findings: lintCdkSourceFile(input.file, input.config, input.text).map((finding) => sourceFixesOnly(finding, input.file)) };
    }
  } catch (error) {
    return { isTemplate: true, findings: [], error: describeError(error) + stackTop(error) };
  }
}

function analyzeTemplate(input: AnalysisInput): Analysis {
  const { snapshot } = lintTemplateEdit(input.previous, input.file, input.text, input.config);
  return { isTemplate: snapshot.isTemplate, findings: snapshot.isTemplate ? snapshot.findings : [], snapshot };
}

/** A template in cdk.out, unchanged from disk: lint the assembly so findings also name the app's source line. */
function analyzeAssemblyTemplate(input: AnalysisInput, assembly: string): Analysis {
  let disk: string | undefined;
  try {
    disk = readTextFile(input.file); // never blocks on a FIFO
  } catch {
    disk = undefined;
  }
  if (disk !== input.text) return analyzeTemplate(input);
  const file = resolve(input.file);
  const result = lintCloudAssembly(assembly, input.config, { sourceTexts: input.openTexts });
  return { isTemplate: true, findings: result.findings.filter((finding) => resolve(finding.loc.file) === file) };
}

/** A Terraform file is linted with the other *.tf and *.tf.json files of its folder (references cross files). */
function analyzeTerraform(input: AnalysisInput): Analysis {
  const dir = dirname(input.file);
  // A variable file is not part of the module's configuration: it is read as such by the linter.
  const files = new Set<string>(/\.tfvars(\.json)?$/i.test(input.file) ? [] : [input.file]);
  try {
    for (const name of readdirSync(dir)) if (/\.tf(\.json)?$/i.test(name)) files.add(join(dir, name));
  } catch {
    // The folder is gone or unreadable: lint the document alone.
  }
  const texts = new Map(input.openTexts);
  texts.set(input.file, input.text);
  const result = lintTarget({ kind: 'terraform', path: dir, files: [...files].sort(), explicit: false }, input.config, texts);
  if (!result) return { isTemplate: false, findings: [] };
  if (result.error) return { isTemplate: true, findings: [], error: result.error };
  return { isTemplate: true, findings: result.findings.filter((finding) => finding.loc.file === input.file) };
}

/** Findings for a new text of a linted document (fix-all re-lints after each pass); errors propagate. */
export function relint(input: AnalysisInput): Finding[] {
  if (input.kind.kind === 'cdk-source') return lintCdkSourceFile(input.file, input.config, input.text);
  if (input.kind.kind === 'cloudformation') return lintText(input.file, input.text, input.config).findings;
  return analyzeTerraform(input).findings;
}

/**
 * In a CDK app's source, only fixes that edit that source make sense (the template in cdk.out is
 * regenerated by the next synth); the first of them becomes the preferred one when none is.
 */
function sourceFixesOnly(finding: Finding, file: string): Finding {
  const fixes = finding.fixes.filter((fix) => fix.edits.length && fix.edits.every((edit) => edit.file === file));
  if (fixes.length && !fixes.some((fix) => fix.preferred)) fixes[0] = { ...fixes[0], preferred: true };
  return { ...finding, fixes };
}

function stackTop(error: unknown): string {
  const frame = (error as Error)?.stack?.split('\n').find((line) => line.trim().startsWith('at '));
  return frame ? ` (${frame.trim()})` : '';
}
