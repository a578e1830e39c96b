// Renders JSON values as CloudFormation YAML or JSON text in the file's own style (see style.ts).
import { JsonValue } from '../../../model/types';
import { JsonStyle, YamlStyle } from './style';

/** Long-form intrinsic key -> YAML short-form tag. */
const SHORT_TAGS: Record<string, string> = {
  Ref: '!Ref',
  'Fn::GetAtt': '!GetAtt',
  'Fn::Sub': '!Sub',
  'Fn::If': '!If',
  'Fn::Select': '!Select',
  'Fn::GetAZs': '!GetAZs',
  'Fn::Join': '!Join',
  'Fn::Split': '!Split',
  'Fn::FindInMap': '!FindInMap',
  'Fn::ImportValue': '!ImportValue',
  'Fn::Base64': '!Base64',
  'Fn::Cidr': '!Cidr',
  'Fn::Equals': '!Equals',
  'Fn::And': '!And',
  'Fn::Or': '!Or',
  'Fn::Not': '!Not',
  Condition: '!Condition',
};

/** The style used when a caller has not read the file's: two spaces, double quotes, short tags. */
export const DEFAULT_YAML_STYLE: YamlStyle = { unit: 2, seqIndent: 2, dashPad: 2, quote: '"', shortTags: true, mapPad: false, seqPad: false };

export function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The intrinsic of a one-key map ({Ref: X}, {"Fn::GetAtt": [...]}), rendered as a tag in YAML. */
export function intrinsicKey(value: JsonValue | undefined): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] in SHORT_TAGS && (keys[0] !== 'Condition' || typeof value[keys[0]] === 'string') ? keys[0] : undefined;
}

function isEmptyCollection(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0;
}

/**
 * A collection that renders on several lines in block YAML: a non-empty map or list, not an intrinsic
 * written as a short tag (a long-form intrinsic is a map like any other).
 */
export function isBlockCollection(value: JsonValue, style: YamlStyle = DEFAULT_YAML_STYLE): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (!isObject(value) || isEmptyCollection(value)) return false;
  return !(style.shortTags && intrinsicKey(value) !== undefined);
}

const YAML_RESERVED = /^(?:true|false|yes|no|y|n|on|off|null|~|\.nan|\.inf|-\.inf|\+\.inf)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|0b[01]+)$/i;
const DATE_LIKE = /^\d{4}-\d\d?-\d\d?(?:[Tt ]|$)/;

/** A string that reads back as the same string when written plain, in block or flow context. */
export function isPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || YAML_RESERVED.test(text) || NUMBER_LIKE.test(text) || DATE_LIKE.test(text)) return false;
  // `-`, `?` and `:` may start a plain scalar when a non-space, non-flow character follows (`::/0`, `-1x`).
  if (/^[-?:]/.test(text) && !/^[-?:][^\s,\[\]{}]/.test(text)) return false;
  if (/^[,\[\]{}#&*!|>'"%@`]/.test(text)) return false;
  return !/[\x00-\x1f\x7f]|: |:$| #|[,\[\]{}]/.test(text);
}

/** A quoted YAML string in the file's quote style (single quotes cannot hold control characters). */
function yamlQuoted(text: string, style: YamlStyle): string {
  if (style.quote === "'" && !/[\x00-\x1f\x7f]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  return JSON.stringify(text);
}

export function yamlScalar(value: string | number | boolean | null, style: YamlStyle = DEFAULT_YAML_STYLE): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return isPlainSafe(value) ? value : yamlQuoted(value, style);
}

function flowList(items: string[], pad: boolean): string {
  if (!items.length) return '[]';
  return pad ? `[ ${items.join(', ')} ]` : `[${items.join(', ')}]`;
}

function flowMap(entries: string[], pad: boolean): string {
  if (!entries.length) return '{}';
  return pad ? `{ ${entries.join(', ')} }` : `{${entries.join(', ')}}`;
}

/** A short-form intrinsic: `!Ref X`, `!GetAtt A.B`, `!If [c, a, b]`. */
function yamlTag(key: string, arg: JsonValue, style: YamlStyle): string {
  const tag = SHORT_TAGS[key];
  if (key === 'Fn::GetAtt' && Array.isArray(arg) && arg.length === 2 && arg.every((a) => typeof a === 'string' && isPlainSafe(a))) return `${tag} ${arg[0]}.${arg[1]}`;
  return `${tag} ${yamlInline(arg, style)}`;
}

/** One-line YAML (flow style for collections): for values on the same line as their key or dash. */
export function yamlInline(value: JsonValue, style: YamlStyle = DEFAULT_YAML_STYLE): string {
  if (value === null || typeof value !== 'object') return yamlScalar(value, style);
  const key = intrinsicKey(value);
  if (key && style.shortTags) return yamlTag(key, (value as Record<string, JsonValue>)[key], style);
  if (Array.isArray(value)) return flowList(value.map((item) => yamlInline(item, style)), style.seqPad);
  return flowMap(Object.entries(value).map(([k, v]) => `${yamlScalar(k, style)}: ${yamlInline(v, style)}`), style.mapPad);
}

/** The text after a key (from the colon on) for a value whose key sits at column `keyColumn` in block YAML. */
export function yamlAfterKey(value: JsonValue, keyColumn: number, style: YamlStyle, eol: string): string {
  if (!isBlockCollection(value, style)) return ': ' + yamlInline(value, style);
  const childColumn = keyColumn + (Array.isArray(value) ? style.seqIndent : style.unit);
  return ':' + eol + yamlBlock(value, childColumn, style, eol);
}

/** A list item after its dash (the dash at column `dashColumn`); a map item's first pair shares the dash line. */
export function yamlItem(value: JsonValue, dashColumn: number, style: YamlStyle, eol: string, dashPad = style.dashPad): string {
  if (!isBlockCollection(value, style)) return yamlInline(value, style);
  return yamlBlock(value, dashColumn + dashPad, style, eol).slice(dashColumn + dashPad);
}

/**
 * Block YAML for a non-empty map or list: a map's keys (or a list's dashes) at `column`, every line
 * indented (the first too), lines joined by `eol`, no final line break.
 */
export function yamlBlock(value: JsonValue, column: number, style: YamlStyle, eol: string): string {
  const indent = ' '.repeat(column);
  if (Array.isArray(value)) {
    const gap = ' '.repeat(Math.max(style.dashPad - 1, 1));
    return value.map((item) => `${indent}-${gap}${yamlItem(item, column, style, eol)}`).join(eol);
  }
  if (!isObject(value)) return indent + yamlInline(value, style);
  return Object.entries(value)
    .map(([k, v]) => `${indent}${yamlScalar(k, style)}${yamlAfterKey(v, column, style, eol)}`)
    .join(eol);
}

/** The style used when a caller has not read the file's. */
export const DEFAULT_JSON_STYLE: JsonStyle = { unit: '  ', inlineIntrinsics: true, mapPad: false, seqPad: false };

/** One-line JSON: `{"Ref": "X"}` / `{ "Ref": "X" }`, `["a", "b"]`, as the file pads its brackets. */
export function jsonCompact(value: JsonValue, style: JsonStyle = DEFAULT_JSON_STYLE): string {
  if (Array.isArray(value)) return flowList(value.map((item) => jsonCompact(item, style)), style.seqPad);
  if (isObject(value)) return flowMap(Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${jsonCompact(v, style)}`), style.mapPad);
  return JSON.stringify(value);
}

/** Whether a JSON value spreads over lines: non-empty collections, intrinsics only when the file spreads its own. */
function jsonSpreads(value: JsonValue, style: JsonStyle): boolean {
  if (isEmptyCollection(value) || value === null || typeof value !== 'object') return false;
  return !(style.inlineIntrinsics && intrinsicKey(value) !== undefined);
}

/** JSON text of a value; continuation lines get `baseIndent` (the first line is placed by the caller). */
export function jsonText(value: JsonValue, style: JsonStyle, baseIndent: string, eol: string): string {
  if (!jsonSpreads(value, style)) return jsonCompact(value, style);
  const inner = baseIndent + style.unit;
  const entries = Array.isArray(value)
    ? value.map((item) => inner + jsonText(item, style, inner, eol))
    : Object.entries(value as Record<string, JsonValue>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v, style, inner, eol)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return open + eol + entries.join(',' + eol) + eol + baseIndent + close;
}
