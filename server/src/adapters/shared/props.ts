// Model Props alike in every adapter: converting resolved alternatives, guarding props, and unknown or self references.
import { Alt, Guard, Loc, Prop } from '../../model/types';
import { joinWhen } from './guards';

/** What the converters need of one resolved alternative (both resolvers' alternatives have this shape). */
export interface ResolvedAlt {
  kind: string;
  when?: Guard[];
  /** The resource a 'ref' alternative names. */
  id?: string;
  /** The literal of a 'known' alternative. */
  v?: unknown;
  /** Where a known value came from ("SSHLocation defaults to 0.0.0.0/0"). */
  note?: string;
}

function base<T>(alt: ResolvedAlt, value: T | undefined, literal?: string): Alt<T> {
  const out: Alt<T> = { value };
  if (literal !== undefined) out.literal = literal;
  if (alt.when?.length) out.when = alt.when;
  if (alt.note !== undefined) out.note = alt.note;
  return out;
}

/** A reference to a resource: value = its id; a literal id ("sg-0123") goes to `literal`. */
export function asRef(alt: ResolvedAlt): Alt<string> {
  if (alt.kind === 'ref') return base(alt, alt.id);
  if (alt.kind === 'known') return base<string>(alt, undefined, String(alt.v));
  return base<string>(alt, undefined);
}

/** A plain string (CIDR, protocol, scheme): references to resources are unknown values. */
export function asString(alt: ResolvedAlt): Alt<string> {
  return base(alt, alt.kind === 'known' ? String(alt.v) : undefined);
}

export function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'enabled') return true;
    if (s === 'false' || s === 'disabled') return false;
  }
  return undefined;
}

export function asBool(alt: ResolvedAlt): Alt<boolean> {
  return base(alt, alt.kind === 'known' ? toBool(alt.v) : undefined);
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function asNumber(alt: ResolvedAlt): Alt<number> {
  return base(alt, alt.kind === 'known' ? toNumber(alt.v) : undefined);
}

/** Adds guards to every alternative of a prop (values reached through a guarded reference). */
export function guardProp<T>(prop: Prop<T>, when: Guard[] | undefined): Prop<T> | undefined {
  if (!when?.length) return prop;
  const alts: Alt<T>[] = [];
  for (const alt of prop.alts) {
    const w = joinWhen(when, alt.when);
    if (w === null) continue;
    alts.push(w?.length ? { ...alt, when: w } : { ...alt });
  }
  return alts.length ? { ...prop, alts } : undefined;
}

/** Known resource ids among a prop's alternatives, with the guards under which each applies. */
export function refTargets(prop: Prop<string> | undefined): { id: string; when?: Guard[] }[] {
  if (!prop) return [];
  const out: { id: string; when?: Guard[] }[] = [];
  for (const alt of prop.alts) if (alt.value !== undefined) out.push({ id: alt.value, when: alt.when });
  return out;
}

/** The first known value of a prop (for values that pick a code path, like a load balancer's Type). */
export function firstValue<T>(prop: Prop<T> | undefined): T | undefined {
  return prop?.alts.find((a) => a.value !== undefined)?.value;
}

/** A reference to the resource itself (an inline rule's group, an inline listener's load balancer), under `when`. */
export function selfRef(id: string, loc: Loc, when?: Guard[]): Prop<string> {
  return { alts: [when?.length ? { value: id, when } : { value: id }], loc, valueLoc: loc };
}

/** One unknown value at `loc` (a reference that must exist but cannot be read). */
export function unknownAt(loc: Loc): Prop<string> {
  return { alts: [{ value: undefined }], loc, valueLoc: loc };
}

/** The same alternatives (and guards) with their values unknown: placed by something we cannot see. */
export function unknownValues(prop: Prop<string>): Prop<string> {
  return { ...prop, alts: prop.alts.map((a) => ({ value: undefined, ...(a.when ? { when: a.when } : {}) })) };
}

/** Each prop guarded by `when`, those it contradicts dropped. */
export function guardAll<T>(props: Prop<T>[], when: Guard[] | undefined): Prop<T>[] {
  return props.map((p) => guardProp(p, when)).filter((p): p is Prop<T> => !!p);
}
