// Words the leaf-level differences between two plain JSON values ("Ingress[1].CidrIp 10.0.0.0/8 -> 0.0.0.0/0").
import { canonicalJson } from './references';

const MAX_DETAILS = 6;
const MAX_VALUE = 60;

/** Changed leaves under `base`, at most a handful (a reviewer reads them in one line each). */
export function valueChanges(before: unknown, after: unknown, base = ''): string[] {
  const out: string[] = [];
  walk(before, after, base, out);
  return out.length > MAX_DETAILS ? [...out.slice(0, MAX_DETAILS), `(${out.length - MAX_DETAILS} more)`] : out;
}

function walk(before: unknown, after: unknown, path: string, out: string[]): void {
  if (canonicalJson(before) === canonicalJson(after)) return;
  if (isObject(before) && isObject(after) && !isIntrinsic(before) && !isIntrinsic(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => walk(item, after[i], `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Lists that grew or shrank: name the items that appear on one side only.
    const oldItems = new Set(before.map(canonicalJson));
    const newItems = new Set(after.map(canonicalJson));
    for (const item of after) if (!oldItems.has(canonicalJson(item))) out.push(`${path} + ${show(item)}`);
    for (const item of before) if (!newItems.has(canonicalJson(item))) out.push(`${path} - ${show(item)}`);
    return;
  }
  if (before === undefined) out.push(`${path} set to ${show(after)}`);
  else if (after === undefined) out.push(`${path} removed (was ${show(before)})`);
  else out.push(`${path} ${show(before)} -> ${show(after)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** {Ref: X}, {Fn::GetAtt: ...}: shown whole, never descended into. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : compact(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function compact(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') return `!Ref ${String((value as Record<string, unknown>).Ref)}`;
  }
  return JSON.stringify(value) ?? 'null';
}
