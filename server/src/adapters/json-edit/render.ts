// Renders a JSON value for insertion at a given indentation, in the file's style (multi-line or compact).

export type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };

export interface Style {
  /** One indentation step ('  ', '    ' or '\t'). */
  unit: string;
  eol: string;
  /** The surrounding JSON is written on one line: keep the insertion on one line too. */
  compact: boolean;
}

/** `value` as JSON text whose first line starts at the caller's position and whose later lines start at `indent`. */
export function renderJson(value: JsonLike, indent: string, style: Style): string {
  if (style.compact) return compact(value);
  return render(value, indent, style);
}

function compact(value: JsonLike): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`).join(', ')}}` : '{}';
  }
  return JSON.stringify(value);
}

function isScalar(value: JsonLike): boolean {
  return value === null || typeof value !== 'object';
}

function render(value: JsonLike, indent: string, style: Style): string {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    // Short lists of scalars (a list of references) read best on one line.
    const short = compact(value);
    if (value.every(isScalar) && short.length <= 80) return short;
    const inner = indent + style.unit;
    return `[${style.eol}${value.map((item) => inner + render(item, inner, style)).join(',' + style.eol)}${style.eol}${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    const inner = indent + style.unit;
    return `{${style.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner, style)}`).join(',' + style.eol)}${style.eol}${indent}}`;
  }
  return JSON.stringify(value);
}
