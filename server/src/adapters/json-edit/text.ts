// Text facts a JSON edit needs: line boundaries, indentation, the file's indent unit and line ending.

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** Only whitespace between the start of the line and `offset`: the node starts its own line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The indentation step the file uses (first indented line), two spaces when the file has none. */
export function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return '  ';
  const lead = match[1];
  return lead.startsWith('\t') ? '\t' : lead;
}

/** The line ending of the first line (files are linted often: no whole-text scan). */
export function eolOf(text: string): string {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The text between two offsets has a line break: the construct is written over several lines. */
export function spansLines(text: string, start: number, end: number): boolean {
  const next = text.indexOf('\n', start);
  return next >= 0 && next < end;
}
