// Picks the parser for a file: JSON when the text starts with `{` or `[`, YAML otherwise.
import { parseJson } from './json-parse';
import { parseYaml } from './yaml-parse';
import { computeLineStarts, SourceFile, SourceProblem } from './tree';

export function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text);
  return !!first && (first[0] === '{' || first[0] === '[');
}

/** True when the bytes are not text (a NUL in the first 8 kB). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export function parseSource(path: string, text: string): SourceFile {
  const nul = text.indexOf('\u0000');
  if (nul >= 0 && nul < 8192) {
    const file = parseJson(path, '');
    file.text = text;
    file.lineStarts = computeLineStarts(text);
    file.problems = [{ message: 'Binary file (NUL byte); not a template', span: { start: nul, end: nul + 1 }, severity: 'error' }];
    return file;
  }
  const file = looksLikeJson(text) || /\.json$/i.test(path) ? parseJson(path, text) : parseYaml(path, text);
  if (file.root) warnReplacementCharacter(text, file.problems);
  return file;
}

/** U+FFFD in the text: the file was probably not valid UTF-8 (the reader replaced the bad bytes). */
function warnReplacementCharacter(text: string, problems: SourceProblem[]): void {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return;
  problems.push({ message: 'Not valid UTF-8 here (bytes replaced by U+FFFD); values around it may be wrong', span: { start: at, end: at + 1 }, severity: 'warning' });
}
