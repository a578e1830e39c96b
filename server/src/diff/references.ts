// Finds and rewrites references between resources (CFN Ref/GetAtt/Sub/DependsOn, Terraform "${type.name...}") in plain JSON.
import { UnitDialect } from './resources';

/** Replaces every reference to a known resource id with `rename(id)`; other values are copied as they are. */
export function mapReferences(dialect: UnitDialect, value: unknown, ids: ReadonlySet<string>, rename: (id: string) => string): unknown {
  return dialect === 'cloudformation' ? mapCfn(value, ids, rename) : mapTf(value, ids, rename);
}

/** The ids a value refers to. */
export function referencesIn(dialect: UnitDialect, value: unknown, ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  mapReferences(dialect, value, ids, (id) => {
    found.add(id);
    return id;
  });
  return found;
}

function mapCfn(value: unknown, ids: ReadonlySet<string>, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapCfn(item, ids, rename));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = object[key];
    if (key === 'Ref' && typeof arg === 'string') return { Ref: ids.has(arg) ? rename(arg) : arg };
    if (key === 'Fn::GetAtt') {
      if (Array.isArray(arg) && typeof arg[0] === 'string' && ids.has(arg[0])) return { [key]: [rename(arg[0]), ...arg.slice(1).map((item) => mapCfn(item, ids, rename))] };
      if (typeof arg === 'string') {
        const dot = arg.indexOf('.');
        const id = dot < 0 ? arg : arg.slice(0, dot);
        if (ids.has(id)) return { [key]: rename(id) + (dot < 0 ? '' : arg.slice(dot)) };
      }
    }
    if (key === 'Fn::Sub') {
      if (typeof arg === 'string') return { [key]: mapSubString(arg, ids, rename) };
      if (Array.isArray(arg) && typeof arg[0] === 'string') return { [key]: [mapSubString(arg[0], ids, rename), ...arg.slice(1).map((item) => mapCfn(item, ids, rename))] };
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = object[key];
    if (key === 'DependsOn') out[key] = typeof item === 'string' ? (ids.has(item) ? rename(item) : item) : Array.isArray(item) ? item.map((d) => (typeof d === 'string' && ids.has(d) ? rename(d) : d)) : item;
    else out[key] = mapCfn(item, ids, rename);
  }
  return out;
}

/** `${Id}` and `${Id.Attr}` inside a Fn::Sub string (`${!Literal}` stays literal). */
function mapSubString(text: string, ids: ReadonlySet<string>, rename: (id: string) => string): string {
  return text.replace(/\$\{([^!}][^}.]*)(\.[^}]*)?\}/g, (whole, id: string, attr: string | undefined) => (ids.has(id) ? `\${${rename(id)}${attr ?? ''}}` : whole));
}

/** Terraform addresses inside any string (interpolations, depends_on); `data.` sources are not resources. */
const TF_ADDRESS = /(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)/g;

function mapTf(value: unknown, ids: ReadonlySet<string>, rename: (id: string) => string): unknown {
  if (typeof value === 'string') return value.replace(TF_ADDRESS, (whole, id: string) => (ids.has(id) ? rename(id) : whole));
  if (Array.isArray(value)) return value.map((item) => mapTf(item, ids, rename));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = mapTf(item, ids, rename);
  return out;
}

/** JSON with sorted keys: equal values give equal text whatever the key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
