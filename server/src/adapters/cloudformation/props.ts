// Turns resolved values into model Props (string, reference, boolean, number, lists) with their locations.
import { Node, PairNode, getPair } from '../../source/tree';
import { Alt, Guard, Loc, Prop } from '../../model/types';
import { RAlt, Resolver, joinWhen } from './resolve';

type Convert<T> = (alt: RAlt) => Alt<T>;

function base<T>(alt: RAlt, value: T | undefined, literal?: string): Alt<T> {
  const out: Alt<T> = { value };
  if (literal !== undefined) out.literal = literal;
  if (alt.when?.length) out.when = alt.when;
  return out;
}

/** A reference to a resource: value = its logical ID; a literal id ("sg-0123") goes to `literal`. */
export const asRef: Convert<string> = (alt) => {
  if (alt.kind === 'ref') return base(alt, alt.id);
  if (alt.kind === 'known') return base<string>(alt, undefined, String(alt.v));
  return base<string>(alt, undefined);
};

/** A plain string (CIDR, protocol, scheme): references to resources are unknown values. */
export const asString: Convert<string> = (alt) => base(alt, alt.kind === 'known' ? String(alt.v) : undefined);

export function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'enabled') return true;
    if (s === 'false' || s === 'disabled') return false;
  }
  return undefined;
}

export const asBool: Convert<boolean> = (alt) => base(alt, alt.kind === 'known' ? toBool(alt.v) : undefined);

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export const asNumber: Convert<number> = (alt) => base(alt, alt.kind === 'known' ? toNumber(alt.v) : undefined);

/** Reads properties of one map with the resolver, producing Props located in one file. */
export class PropReader {
  constructor(
    readonly resolver: Resolver,
    readonly file: string,
  ) {}

  loc(node: { span: { start: number; end: number } }): Loc {
    return { file: this.file, span: { start: node.span.start, end: node.span.end } };
  }

  /** A scalar property of `map`; undefined when absent or AWS::NoValue in every branch. */
  prop<T>(map: Node | undefined, key: string, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const pair = getPair(map, key);
    if (!pair) return undefined;
    return this.pairProp(pair, convert, when);
  }

  pairProp<T>(pair: PairNode, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const alts = this.resolver.value(pair.value, when).filter((a) => a.kind !== 'novalue');
    if (!alts.length) return undefined;
    return { alts: alts.map(convert), loc: this.loc(pair), valueLoc: this.loc(pair.value) };
  }

  /** A Prop for a value node (list items: loc = valueLoc = the item). */
  nodeProp<T>(node: Node, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const alts = this.resolver.value(node, when).filter((a) => a.kind !== 'novalue');
    if (!alts.length) return undefined;
    return { alts: alts.map(convert), loc: this.loc(node), valueLoc: this.loc(node) };
  }

  /** The items of a list property, one Prop per item. */
  list<T>(map: Node | undefined, key: string, convert: Convert<T>, when?: Guard[]): Prop<T>[] {
    const pair = getPair(map, key);
    if (!pair) return [];
    return this.resolver.list(pair.value, when).map((item) => ({ alts: item.alts.map(convert), loc: this.loc(item.node), valueLoc: this.loc(item.node) }));
  }

  /** The map alternatives of an object property (Fn::If between maps, NoValue dropped). */
  objects(map: Node | undefined, key: string, when?: Guard[]): { map: Node; when?: Guard[]; pair: PairNode }[] {
    const pair = getPair(map, key);
    if (!pair) return [];
    return this.resolver.objects(pair.value, when).map((o) => ({ ...o, pair }));
  }

  /** The items of a list of objects (e.g. SecurityGroupIngress, NetworkInterfaces), with their guards. */
  objectItems(map: Node | undefined, key: string, when?: Guard[]): { map: Node; when?: Guard[]; item: Node }[] {
    const pair = getPair(map, key);
    if (!pair) return [];
    return this.objectItemsOf(pair.value, when);
  }

  objectItemsOf(node: Node, when?: Guard[]): { map: Node; when?: Guard[]; item: Node }[] {
    const out: { map: Node; when?: Guard[]; item: Node }[] = [];
    for (const listAlt of this.listAlts(node, when)) {
      if (listAlt.node.kind !== 'seq') continue;
      for (const item of listAlt.node.items) {
        for (const obj of this.resolver.objects(item, listAlt.when)) out.push({ map: obj.map, when: obj.when, item });
      }
    }
    return out;
  }

  /** Lists behind Fn::If branches (a list of objects can itself be chosen by a condition). */
  private listAlts(node: Node, when: Guard[] | undefined, depth = 0): { node: Node; when?: Guard[] }[] {
    if (node.kind === 'seq') return [{ node, when }];
    if (depth > 16 || node.kind !== 'map' || node.pairs.length !== 1 || node.pairs[0].key.value !== 'Fn::If') return [];
    const arg = node.pairs[0].value;
    if (arg.kind !== 'seq' || arg.items.length < 3) return [];
    const condition = String(arg.items[0].kind === 'scalar' ? arg.items[0].value : '');
    const out: { node: Node; when?: Guard[] }[] = [];
    const yes = joinWhen(when, [{ condition, holds: true }]);
    const no = joinWhen(when, [{ condition, holds: false }]);
    if (yes !== null) out.push(...this.listAlts(arg.items[1], yes, depth + 1));
    if (no !== null) out.push(...this.listAlts(arg.items[2], no, depth + 1));
    return out;
  }
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
