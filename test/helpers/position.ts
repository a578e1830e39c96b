/** Zero-based line and character of the first occurrence of `needle` in `text` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const from = after ? text.indexOf(after) : 0;
  const index = text.indexOf(needle, from);
  if (from < 0 || index < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}
