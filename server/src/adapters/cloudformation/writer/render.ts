// Renders JSON values as CloudFormation YAML (short-form tags for intrinsics) or JSON text.
import * as YAML from 'yaml';
import { JsonValue } from '../../../model/types';

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

export function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The intrinsic of a one-key map ({Ref: X}, {"Fn::GetAtt": [...]}), rendered as a tag in YAML. */
export function intrinsicKey(value: JsonValue | undefined): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] in SHORT_TAGS && (keys[0] !== 'Condition' || typeof value[keys[0]] === 'string') ? keys[0] : undefined;
}

/** A collection that renders on several lines in block YAML (non-empty map or list, not an intrinsic). */
export function isBlockCollection(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isObject(value) && Object.keys(value).length > 0 && intrinsicKey(value) === undefined;
}

const YAML_RESERVED = /^(?:true|false|yes|no|y|n|on|off|null|~|\.nan|\.inf|-\.inf|\+\.inf)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|0b[01]+)$/i;

/** A string that reads back as the same string when written plain. */
export function isPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || YAML_RESERVED.test(text) || NUMBER_LIKE.test(text)) return false;
  if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/^-[^\s-]/.test(text)) return false;
  if (/^-\s/.test(text)) return false;
  return !/[\n\r\t]|: |:$| #|[,\[\]{}]/.test(text);
}

export function yamlScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

function toYamlNode(doc: YAML.Document, value: JsonValue, flow: boolean): unknown {
  const key = intrinsicKey(value);
  if (key && isObject(value)) {
    const arg = value[key];
    const tag = SHORT_TAGS[key];
    if (key === 'Fn::GetAtt' && Array.isArray(arg) && arg.length === 2 && arg.every((a) => typeof a === 'string')) {
      const scalar = new YAML.Scalar(`${arg[0]}.${arg[1]}`);
      scalar.tag = tag;
      return scalar;
    }
    const inner = toYamlNode(doc, arg, true) as YAML.Scalar | YAML.YAMLSeq | YAML.YAMLMap;
    inner.tag = tag;
    return inner;
  }
  if (Array.isArray(value)) {
    const seq = new YAML.YAMLSeq();
    for (const item of value) seq.items.push(toYamlNode(doc, item, flow));
    seq.flow = flow;
    return seq;
  }
  if (isObject(value)) {
    const map = new YAML.YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(new YAML.Pair(new YAML.Scalar(k), toYamlNode(doc, v, flow)));
    map.flow = flow;
    return map;
  }
  const scalar = new YAML.Scalar(value);
  if (typeof value === 'string' && !isPlainSafe(value)) scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

function stringify(value: JsonValue, flow: boolean, indent: number): string {
  const doc = new YAML.Document();
  doc.contents = toYamlNode(doc, value, flow) as YAML.Document['contents'];
  return doc.toString({ indent, lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}

/** One-line YAML (flow style for collections): for values on the same line as their key or dash. */
export function yamlInline(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return yamlScalar(value);
  return stringify(value, true, 2);
}

/** Block YAML lines for a collection, each line prefixed with `prefix` (the first line too). */
export function yamlBlock(value: JsonValue, unit: number, prefix: string, eol: string): string {
  return stringify(value, false, unit)
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join(eol);
}

/** One-line JSON: `{"Ref": "X"}`, `["a", "b"]`. */
export function jsonCompact(value: JsonValue): string {
  if (Array.isArray(value)) return '[' + value.map(jsonCompact).join(', ') + ']';
  if (isObject(value)) return '{' + Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${jsonCompact(v)}`).join(', ') + '}';
  return JSON.stringify(value);
}

/** JSON text of a value; continuation lines get `baseIndent` (the first line is placed by the caller). Intrinsics stay on one line. */
export function jsonText(value: JsonValue, unit: string, baseIndent: string, eol: string): string {
  if (!isBlockCollection(value)) return jsonCompact(value);
  const inner = baseIndent + unit;
  const entries = Array.isArray(value)
    ? value.map((item) => inner + jsonText(item, unit, inner, eol))
    : Object.entries(value as Record<string, JsonValue>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${jsonText(v, unit, inner, eol)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return open + eol + entries.join(',' + eol) + eol + baseIndent + close;
}
