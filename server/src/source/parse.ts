// Picks the parser for a file: JSON when the text starts with `{` or `[`, YAML otherwise.
import { parseJson } from './json-parse';
import { parseYaml } from './yaml-parse';
import { SourceFile } from './tree';

export function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text);
  return !!first && (first[0] === '{' || first[0] === '[');
}

/** True when the bytes are not text (a NUL in the first 8 kB). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export function parseSource(path: string, text: string): SourceFile {
  if (looksBinary(text)) {
    const file = parseJson(path, '');
    file.text = text;
    file.problems = [{ message: 'Binary file; not a template', span: { start: 0, end: 0 }, severity: 'error' }];
    return file;
  }
  return looksLikeJson(text) || /\.json$/i.test(path) ? parseJson(path, text) : parseYaml(path, text);
}
