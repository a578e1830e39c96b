// Resolves Terraform JSON values once, for the adapter: "${...}" references and interpolations,
// var.* (defaults), local.*, resource attributes, conditionals (guarded alternatives) and a few functions.
import { MapNode, Node, getValue } from '../../source/tree';
import { Guard } from '../../model/types';
import { joinWhen } from '../shared/guards';
import { Expr, Step, parseExpr, splitTemplate } from './expr';
import { TfModule } from './module';

export type Scalar = string | number | boolean;

/**
 * One resolved alternative: a literal, a reference to a resource (by address), a list of values,
 * unknown, or absent (null: the argument is unset).
 */
export type TAlt =
  | { kind: 'known'; v: Scalar; when?: Guard[] }
  | { kind: 'ref'; id: string; when?: Guard[] }
  | { kind: 'tuple'; items: TAlt[][]; when?: Guard[] }
  | { kind: 'unknown'; when?: Guard[] }
  | { kind: 'novalue'; when?: Guard[] }
  /** A reference into a resource that is never created (count = 0): an error in Terraform, so try() moves on. */
  | { kind: 'absent'; when?: Guard[] };

/** One item of a resolved list: the node that stands for it (its location) and its alternatives. */
export interface TItem {
  node: Node;
  alts: TAlt[];
  /** The item came out of one expression that yields several items (they share the node). */
  shared: boolean;
}

const MAX_DEPTH = 24;
const MAX_ALTS = 32;

/** Attributes whose value identifies the resource itself (a reference, not the written argument). */
const IDENTITY_ATTRS = new Set([
  'id',
  'arn',
  'name',
  'allocation_id',
  'arn_suffix',
  'default_route_table_id',
  'main_route_table_id',
  'default_security_group_id',
  'default_network_acl_id',
  'public_ip',
]);

/** Roots whose values are never known at lint time. */
const UNKNOWN_ROOTS = new Set(['data', 'module', 'path', 'terraform', 'count', 'each', 'self']);

function withWhen(alt: TAlt, when: Guard[] | undefined): TAlt | undefined {
  const w = joinWhen(when, alt.when);
  if (w === null) return undefined;
  if (!w?.length) {
    if (!alt.when) return alt;
    const { when: _drop, ...rest } = alt;
    return rest as TAlt;
  }
  return { ...alt, when: w };
}

function guardAll(alts: TAlt[], when: Guard[] | undefined): TAlt[] {
  if (!when?.length) return alts;
  return alts.map((a) => withWhen(a, when)).filter((a): a is TAlt => !!a);
}

const unknown = (when?: Guard[]): TAlt[] => [when?.length ? { kind: 'unknown', when } : { kind: 'unknown' }];

function cap(alts: TAlt[], when?: Guard[]): TAlt[] {
  return alts.length > MAX_ALTS ? unknown(when) : alts;
}

export class Resolver {
  private readonly visiting = new Set<string>();

  constructor(
    readonly module: TfModule,
    /** The `for_each` value of the resource being read: what `each.value` / `each.key` stand for. */
    private readonly forEach?: Node,
    /** Whether each resource is created (shared by the scoped resolvers of one module). */
    private readonly created = new Map<string, boolean>(),
    /** Names bound by an enclosing `for` expression. */
    private readonly bindings?: Map<string, TAlt[]>,
  ) {}

  /** A resolver for one resource's arguments (its `each.*` known from its for_each). */
  scoped(forEach: Node | undefined): Resolver {
    return forEach ? new Resolver(this.module, forEach, this.created) : this;
  }

  /** The type of a resource by global address (any module instance of the run). */
  resourceType(id: string | undefined): string | undefined {
    return id === undefined ? undefined : (this.module.addressTypes.get(id) ?? this.module.resources.get(id)?.type);
  }

  /** Alternatives of a value node in a scalar position. */
  value(node: Node | undefined, when?: Guard[], depth = 0): TAlt[] {
    if (!node) return [when?.length ? { kind: 'novalue', when } : { kind: 'novalue' }];
    if (depth > MAX_DEPTH) return unknown(when);
    if (node.kind === 'scalar') {
      if (node.value === null) return [when?.length ? { kind: 'novalue', when } : { kind: 'novalue' }];
      if (typeof node.value === 'string') return this.template(node.value, when, depth);
      return [when?.length ? { kind: 'known', v: node.value, when } : { kind: 'known', v: node.value }];
    }
    if (node.kind === 'seq') {
      const items = node.items.map((item) => this.value(item, undefined, depth + 1));
      return [when?.length ? { kind: 'tuple', items, when } : { kind: 'tuple', items }];
    }
    // An object value (a map argument): not a scalar we reason about.
    return unknown(when);
  }

  /** Items of a value in a list position: a JSON array, or one expression yielding a list. */
  list(node: Node | undefined, when?: Guard[]): TItem[] {
    if (!node) return [];
    if (node.kind === 'seq') {
      const out: TItem[] = [];
      for (const item of node.items) {
        const alts = flattenItem(this.value(item, when)).filter((a) => a.kind !== 'novalue');
        if (alts.length) out.push({ node: item, alts, shared: false });
      }
      return out;
    }
    if (node.kind === 'scalar' && node.value === null) return [];
    const out: TItem[] = [];
    const rest: TAlt[] = [];
    for (const alt of this.value(node, when)) {
      if (alt.kind === 'novalue') continue;
      if (alt.kind === 'tuple') {
        for (const item of alt.items) {
          const alts = flattenItem(guardAll(item, alt.when)).filter((a) => a.kind !== 'novalue');
          if (alts.length) out.push({ node, alts, shared: true });
        }
      } else rest.push(alt);
    }
    // A value that is not a list literal (a reference to a list attribute, an unknown variable): one item.
    if (rest.length) out.push({ node, alts: rest, shared: false });
    if (out.length > 1) for (const item of out) item.shared = true;
    return out;
  }

  // ---- templates and expressions ----

  private template(text: string, when: Guard[] | undefined, depth: number): TAlt[] {
    if (!text.includes('${') && !text.includes('%{')) return [when?.length ? { kind: 'known', v: text, when } : { kind: 'known', v: text }];
    const parts = splitTemplate(text);
    if (!parts) return unknown(when);
    if (parts.length === 1 && 'expr' in parts[0]) return this.expr(parseExpr(parts[0].expr), when, depth + 1);
    // Interpolation: a string, known only when every part is a known scalar.
    let acc: { s: string; when?: Guard[] }[] = [{ s: '', when }];
    for (const part of parts) {
      if ('text' in part) {
        acc = acc.map((a) => ({ ...a, s: a.s + part.text }));
        continue;
      }
      const alts = this.expr(parseExpr(part.expr), undefined, depth + 1);
      const next: { s: string; when?: Guard[] }[] = [];
      for (const a of acc) {
        for (const alt of alts) {
          const w = joinWhen(a.when, alt.when);
          if (w === null) continue;
          if (alt.kind !== 'known') return unknown(when);
          next.push({ s: a.s + String(alt.v), when: w });
        }
      }
      if (next.length > MAX_ALTS) return unknown(when);
      acc = next;
    }
    return acc.map((a) => (a.when?.length ? { kind: 'known', v: a.s, when: a.when } : { kind: 'known', v: a.s }));
  }

  expr(e: Expr, when: Guard[] | undefined, depth: number): TAlt[] {
    if (depth > MAX_DEPTH) return unknown(when);
    switch (e.type) {
      case 'literal':
        if (e.value === null) return [when?.length ? { kind: 'novalue', when } : { kind: 'novalue' }];
        return [when?.length ? { kind: 'known', v: e.value, when } : { kind: 'known', v: e.value }];
      case 'template':
        return this.template(e.text, when, depth);
      case 'tuple': {
        const items = e.items.map((item) => this.expr(item, undefined, depth + 1));
        return [when?.length ? { kind: 'tuple', items, when } : { kind: 'tuple', items }];
      }
      case 'traversal':
        return cap(guardAll(this.traversal(e.root, e.steps, depth), when), when);
      case 'cond':
        return this.conditional(e, when, depth);
      case 'call':
        return cap(guardAll(this.call(e.name, e.args, depth), when), when);
      case 'binary':
        return this.binary(e.op, e.left, e.right, when, depth);
      case 'for':
        return cap(guardAll(this.forTuple(e, depth), when), when);
      case 'unary': {
        const out: TAlt[] = [];
        for (const alt of this.expr(e.operand, when, depth + 1)) {
          if (alt.kind !== 'known') return unknown(when);
          const v = e.op === '!' ? !truthy(alt.v) : -Number(alt.v);
          out.push(alt.when ? { kind: 'known', v, when: alt.when } : { kind: 'known', v });
        }
        return out;
      }
      default:
        return unknown(when);
    }
  }

  private conditional(e: Extract<Expr, { type: 'cond' }>, when: Guard[] | undefined, depth: number): TAlt[] {
    const cond = this.expr(e.cond, undefined, depth + 1);
    const out: TAlt[] = [];
    if (cond.every((c) => c.kind === 'known')) {
      // A condition we can decide (a variable default, a literal): only that branch.
      for (const c of cond) {
        const w = joinWhen(when, c.when);
        if (w === null) continue;
        out.push(...this.expr(truthy((c as { v: Scalar }).v) ? e.yes : e.no, w ?? undefined, depth + 1));
      }
      return cap(out, when);
    }
    const yes = joinWhen(when, [{ condition: e.condText, holds: true }]);
    const no = joinWhen(when, [{ condition: e.condText, holds: false }]);
    if (yes !== null) out.push(...this.expr(e.yes, yes, depth + 1));
    if (no !== null) out.push(...this.expr(e.no, no, depth + 1));
    return cap(out, when);
  }

  private binary(op: string, left: Expr, right: Expr, when: Guard[] | undefined, depth: number): TAlt[] {
    const ls = this.expr(left, when, depth + 1);
    const rs = this.expr(right, undefined, depth + 1);
    const out: TAlt[] = [];
    for (const l of ls) {
      for (const r of rs) {
        const w = joinWhen(l.when, r.when);
        if (w === null) continue;
        const v = l.kind === 'known' && r.kind === 'known' ? applyBinary(op, l.v, r.v) : l.kind === 'novalue' && r.kind === 'novalue' && (op === '==' || op === '!=') ? op === '==' : undefined;
        if (v === undefined) return unknown(when);
        out.push(w?.length ? { kind: 'known', v, when: w } : { kind: 'known', v });
      }
    }
    return cap(out, when);
  }

  private call(name: string, args: Expr[], depth: number): TAlt[] {
    const arg = (i: number) => (args[i] ? this.expr(args[i], undefined, depth + 1) : unknown());
    switch (name) {
      case 'tostring':
      case 'tonumber':
      case 'tobool':
      case 'tolist':
      case 'toset':
      case 'sensitive':
      case 'nonsensitive':
        return arg(0);
      case 'try':
      case 'coalesce': {
        // The first argument that yields a value (try: that does not fail; coalesce: not null or "").
        for (let i = 0; i < args.length; i++) {
          const alts = arg(i);
          if (alts.some((a) => a.kind === 'unknown')) return unknown();
          const empty = (a: TAlt) => a.kind === 'novalue' || (name === 'coalesce' && a.kind === 'known' && a.v === '');
          if (alts.length && !alts.some((a) => empty(a) || a.kind === 'absent')) return alts;
          if (alts.some((a) => !empty(a) && a.kind !== 'absent')) return unknown();
        }
        return unknown();
      }
      case 'length': {
        const alts = arg(0);
        return alts.every((a) => a.kind === 'tuple' || (a.kind === 'known' && typeof a.v === 'string'))
          ? alts.map((a) => ({ kind: 'known' as const, v: a.kind === 'tuple' ? a.items.length : String((a as { v: Scalar }).v).length, ...(a.when ? { when: a.when } : {}) }))
          : unknown();
      }
      case 'concat': {
        const items: TAlt[][] = [];
        for (let i = 0; i < args.length; i++) {
          const alts = arg(i);
          if (alts.length !== 1 || alts[0].kind !== 'tuple' || alts[0].when) return unknown();
          items.push(...alts[0].items);
        }
        return [{ kind: 'tuple', items }];
      }
      case 'element':
      case '[index]':
        return this.index(arg(0), args[1] ? arg(1) : unknown());
      case 'one':
        return this.index(arg(0), [{ kind: 'known', v: 0 }]);
      case 'values':
      case 'compact':
      case 'distinct':
      case 'sort':
        // The same items (compact may drop empty ones; they are not network values).
        return arg(0);
      case 'flatten':
        return arg(0).map((a) => (a.kind === 'tuple' ? { ...a, items: a.items.flatMap((item) => flattenTuple(item)) } : a));
      case 'coalescelist': {
        for (let i = 0; i < args.length; i++) {
          const alts = arg(i);
          if (alts.length !== 1 || alts[0].kind !== 'tuple' || alts[0].when) return unknown();
          if (alts[0].items.length) return alts;
        }
        return unknown();
      }
      case 'lookup': {
        const map = args[0] && this.declaredMap(args[0], depth);
        const key = arg(1);
        if (!map || key.length !== 1 || key[0].kind !== 'known') return unknown();
        const found = getValue(map, String(key[0].v));
        if (found) return this.value(found, undefined, depth + 1);
        return args[2] ? arg(2) : unknown();
      }
      case 'cidrsubnet':
      case 'cidrhost':
      case 'format':
        return this.scalarCall(name, args.map((_, i) => arg(i)));
      default:
        return unknown();
    }
  }

  /** Steps applied to values bound by a `for`: into a resource (by its reference), or an index into a list. */
  private stepInto(alts: TAlt[], steps: Step[], depth: number): TAlt[] {
    if (!steps.length) return alts;
    const out: TAlt[] = [];
    for (const alt of alts) {
      if (alt.kind === 'ref' && !alt.id.startsWith('module.')) {
        const [type, name] = alt.id.slice(this.module.prefix.length).split('.');
        out.push(...guardAll(this.traversal(type, [{ attr: name }, ...steps], depth + 1), alt.when));
      } else if (alt.kind === 'tuple' && 'index' in steps[0]) {
        out.push(...this.stepInto(this.index([alt], this.expr(steps[0].index, undefined, depth + 1)), steps.slice(1), depth));
      } else return unknown();
    }
    return out.length ? out : unknown();
  }

  /** `[for v in coll : body if cond]`: each item of a known list, or the resource a reference stands for. */
  private forTuple(e: Extract<Expr, { type: 'for' }>, depth: number): TAlt[] {
    const source = this.expr(e.collection, undefined, depth + 1);
    if (source.length !== 1) return unknown();
    const coll = source[0];
    const entries: { key: TAlt[]; value: TAlt[] }[] =
      coll.kind === 'tuple' ? coll.items.map((value, i) => ({ key: [{ kind: 'known', v: i }], value })) : coll.kind === 'ref' ? [{ key: unknown(), value: [coll] }] : [];
    if (coll.kind !== 'tuple' && coll.kind !== 'ref') return unknown();
    const items: TAlt[][] = [];
    for (const entry of entries) {
      const bindings = new Map(this.bindings ?? []);
      bindings.set(e.value, entry.value);
      if (e.key) bindings.set(e.key, entry.key);
      const scope = new Resolver(this.module, this.forEach, this.created, bindings);
      if (e.cond) {
        const cond = scope.expr(e.cond, undefined, depth + 1);
        if (cond.some((c) => c.kind !== 'known' || c.when)) return unknown();
        if (!cond.every((c) => c.kind === 'known' && truthy(c.v))) continue;
      }
      items.push(scope.expr(e.body, undefined, depth + 1));
    }
    return [coll.when ? { kind: 'tuple', items, when: coll.when } : { kind: 'tuple', items }];
  }

  /** The map node a `var.x` / `local.x` expression (with attribute or known index steps) is declared as. */
  private declaredMap(e: Expr, depth: number): MapNode | undefined {
    if (e.type !== 'traversal' || (e.root !== 'var' && e.root !== 'local')) return undefined;
    const [first, ...rest] = e.steps;
    if (!first || !('attr' in first)) return undefined;
    if (e.root === 'var' && this.module.inputs && getValue(this.module.inputs.body, first.attr)) return undefined;
    let node: Node | undefined | null = e.root === 'var' && this.module.assigned.has(first.attr) ? this.module.assigned.get(first.attr) : (e.root === 'var' ? this.module.variables : this.module.locals).get(first.attr)?.node;
    for (const step of rest) {
      if ('attr' in step) node = getValue(node ?? undefined, step.attr);
      else if ('index' in step) {
        const k = this.expr(step.index, undefined, depth + 1);
        if (k.length !== 1 || k[0].kind !== 'known') return undefined;
        node = getValue(node ?? undefined, String(k[0].v));
      } else return undefined;
    }
    return node?.kind === 'map' ? node : undefined;
  }

  /** A function of scalars, over every combination of its arguments' known alternatives. */
  private scalarCall(name: string, args: TAlt[][]): TAlt[] {
    let combos: { values: Scalar[]; when?: Guard[] }[] = [{ values: [] }];
    for (const alts of args) {
      const next: { values: Scalar[]; when?: Guard[] }[] = [];
      for (const c of combos) {
        for (const a of alts) {
          if (a.kind !== 'known') return unknown();
          const w = joinWhen(c.when, a.when);
          if (w === null) continue;
          next.push({ values: [...c.values, a.v], ...(w?.length ? { when: w } : {}) });
        }
      }
      if (next.length > MAX_ALTS) return unknown();
      combos = next;
    }
    const out: TAlt[] = [];
    for (const c of combos) {
      const v = scalarFunction(name, c.values);
      if (v === undefined) return unknown();
      out.push(c.when ? { kind: 'known', v, when: c.when } : { kind: 'known', v });
    }
    return out.length ? out : unknown();
  }

  /** `list[i]`: one item when the index is known, otherwise any item (count.index over a splat). */
  private index(list: TAlt[], index: TAlt[]): TAlt[] {
    const out: TAlt[] = [];
    for (const l of list) {
      if (l.kind === 'ref') {
        out.push(l);
        continue;
      }
      if (l.kind !== 'tuple') return unknown();
      const known = index.length === 1 && index[0].kind === 'known' && typeof index[0].v === 'number' ? index[0].v : undefined;
      if (known !== undefined) {
        // element() wraps around.
        const item = l.items.length ? l.items[((known % l.items.length) + l.items.length) % l.items.length] : undefined;
        if (!item) return unknown();
        out.push(...guardAll(item, l.when));
      } else {
        for (const item of l.items) out.push(...guardAll(item, l.when));
      }
    }
    return out.length ? out : unknown();
  }

  // ---- references ----

  private traversal(root: string, steps: Step[], depth: number): TAlt[] {
    const bound = this.bindings?.get(root);
    if (bound) return this.stepInto(bound, steps, depth);
    if (root === 'var' || root === 'local') {
      const first = steps[0];
      if (!first || !('attr' in first)) return unknown();
      // A child module's input: the caller's argument, read where the caller wrote it.
      const input = root === 'var' ? getValue(this.module.inputs?.body, first.attr) : undefined;
      if (input && this.module.inputs) return this.module.inputs.resolver.declared(`input.${this.module.prefix}${first.attr}`, input, steps.slice(1), depth + 1);
      if (root === 'var' && this.module.assigned.has(first.attr)) {
        const given = this.module.assigned.get(first.attr);
        return given ? this.fromNode(`var.${first.attr}`, given, steps.slice(1), depth) : unknown();
      }
      const decl = (root === 'var' ? this.module.variables : this.module.locals).get(first.attr);
      if (!decl?.node) return unknown();
      // A variable defaulting to null, [] or {} is a placeholder its caller fills: unknown, not "unset".
      // In a child module the caller is known: an input it does not pass takes the default, null included.
      if (root === 'var' && isPlaceholder(decl.node) && !this.module.inputs) return unknown();
      return this.fromNode(`${root}.${first.attr}`, decl.node, steps.slice(1), depth);
    }
    if (root === 'each' && this.forEach) return this.each(steps, depth);
    if (root === 'module') return this.moduleOutput(steps, depth);
    if (UNKNOWN_ROOTS.has(root)) return unknown();
    // A resource: type.name, then an optional instance key ([0], ["a"], [*], .*), then an attribute.
    const nameStep = steps[0];
    if (!nameStep || !('attr' in nameStep)) return unknown();
    const id = `${root}.${nameStep.attr}`;
    const resource = this.module.resources.get(id);
    if (!resource) return unknown();
    // Skip instance keys by index: copying the steps at each would be quadratic in a hostile `[*][*]...` chain.
    let first = 1;
    let splat = false;
    while (first < steps.length && !('attr' in steps[first])) {
      if ('splat' in steps[first]) splat = true;
      first++;
    }
    const rest = steps.slice(first);
    if (this.isNeverCreated(id)) return splat ? [{ kind: 'tuple', items: [] }] : [{ kind: 'absent' }];
    const global = this.module.prefix + id;
    const attr = rest[0] && 'attr' in rest[0] ? rest[0].attr : undefined;
    let alts: TAlt[];
    if (attr === undefined || IDENTITY_ATTRS.has(attr) || !resource.body || !getValue(resource.body, attr)) {
      // The identity attributes, and attributes the provider computes, stand for the resource.
      // Further steps into an identity are only the legacy `aws_x.y.*.id[0]`: one instance, still the resource.
      const indexed = rest.slice(1).every((st) => 'index' in st);
      if (!(rest.length <= 1 || indexed)) alts = unknown();
      else if (indexed && rest.length > 1) return [{ kind: 'ref', id: global }];
      else alts = [{ kind: 'ref', id: global }];
    } else {
      alts = this.fromNode(id + '.' + attr, getValue(resource.body, attr)!, rest.slice(1), depth);
    }
    // `aws_subnet.private[*].id`: a list of the instances, one resource standing for all of them.
    return splat ? [{ kind: 'tuple', items: [alts] }] : alts;
  }

  /** `count = 0` or an empty for_each (decided from literals and variable defaults): the resource does not exist. */
  isNeverCreated(id: string): boolean {
    const cached = this.created.get(id);
    if (cached !== undefined) return !cached;
    this.created.set(id, true); // a count that refers to itself is not decided here
    const body = this.module.resources.get(id)?.body;
    const resolver = new Resolver(this.module, undefined, this.created);
    const count = getValue(body, 'count');
    const alts = count ? resolver.value(count) : [];
    const forEach = getValue(body, 'for_each');
    const each = forEach && !(forEach.kind === 'map' && !forEach.pairs.length) ? resolver.value(forEach) : [];
    const never =
      (alts.length > 0 && alts.every((a) => a.kind === 'known' && Number(a.v) === 0)) ||
      (forEach?.kind === 'map' && !forEach.pairs.length) ||
      (each.length > 0 && each.every((a) => a.kind === 'tuple' && !a.items.length));
    this.created.set(id, !never);
    return never;
  }

  /** A module call with `count = 0` or an empty for_each: the module is not instantiated. */
  isModuleNeverCreated(body: Node): boolean {
    const count = getValue(body, 'count');
    const alts = count ? this.value(count) : [];
    const forEach = getValue(body, 'for_each');
    return (alts.length > 0 && alts.every((a) => a.kind === 'known' && Number(a.v) === 0)) || (forEach?.kind === 'map' && !forEach.pairs.length) || (forEach?.kind === 'seq' && !forEach.items.length);
  }

  /**
   * `each.value` / `each.key` over a for_each: any one of its elements (the resource stands for all of
   * them). `for_each = aws_subnet.private` makes `each.value.id` a reference to aws_subnet.private.
   */
  private each(steps: Step[], depth: number): TAlt[] {
    const first = steps[0];
    if (!first || !('attr' in first) || (first.attr !== 'value' && first.attr !== 'key')) return unknown();
    const source = new Resolver(this.module, undefined, this.created).value(this.forEach, undefined, depth + 1);
    const out: TAlt[] = [];
    for (const alt of source) {
      if (alt.kind === 'ref' && first.attr === 'value') {
        const [type, name] = alt.id.split('.');
        out.push(...guardAll(this.traversal(type, [{ attr: name }, ...steps.slice(1)], depth + 1), alt.when));
      } else if (alt.kind === 'tuple' && steps.length === 1) {
        for (const item of alt.items) out.push(...guardAll(item, alt.when));
      } else return unknown();
    }
    return out.length ? out : unknown();
  }

  /** `module.name.output`: a local child's output read in the child, a known registry module's resource, else unknown. */
  private moduleOutput(steps: Step[], depth: number): TAlt[] {
    const [call, output] = steps;
    if (!call || !('attr' in call) || !output || !('attr' in output)) return unknown();
    const child = this.module.children.get(call.attr);
    if (!child) return unknown();
    if ('outputs' in child) {
      const id = child.outputs.get(output.attr);
      return id ? [{ kind: 'ref', id }] : unknown();
    }
    const decl = child.resolver.module.outputs.get(output.attr);
    if (!decl?.node) return unknown();
    return child.resolver.declared(`output.${child.resolver.module.prefix}${output.attr}`, decl.node, steps.slice(2), depth + 1);
  }

  /** A value declared in this resolver's module (an argument, an output), with further steps applied. */
  declared(key: string, node: Node, steps: Step[], depth: number): TAlt[] {
    return this.fromNode(key, node, steps, depth);
  }

  /** A declared value (variable default, local, written argument) with further steps applied. */
  private fromNode(key: string, node: Node, steps: Step[], depth: number): TAlt[] {
    if (this.visiting.has(key) || depth > MAX_DEPTH) return unknown();
    this.visiting.add(key);
    try {
      let current: Node | undefined = node;
      let i = 0;
      for (; i < steps.length && current && current.kind !== 'scalar'; i++) {
        const s = steps[i];
        if ('attr' in s && current.kind === 'map') current = getValue(current, s.attr);
        else if ('index' in s) {
          const index = this.expr(s.index, undefined, depth + 1);
          if (index.length !== 1 || index[0].kind !== 'known') break;
          const k = index[0].v;
          current = current.kind === 'seq' && typeof k === 'number' ? current.items[k] : current.kind === 'map' ? getValue(current, String(k)) : undefined;
        } else break;
      }
      if (!current) return unknown();
      let alts = this.value(current, undefined, depth + 1);
      for (const s of steps.slice(i)) {
        if ('index' in s) alts = this.index(alts, this.expr(s.index, undefined, depth + 1));
        else if ('splat' in s) continue;
        else return unknown();
      }
      return alts;
    } finally {
      this.visiting.delete(key);
    }
  }
}

/** A list item that is itself a list gives its items (flatten()). */
function flattenTuple(alts: TAlt[]): TAlt[][] {
  if (alts.length === 1 && alts[0].kind === 'tuple' && !alts[0].when) return alts[0].items.flatMap(flattenTuple);
  return [alts];
}

/** cidrsubnet / cidrhost on IPv4 prefixes, and format with %s %d %v: known when every argument is. */
function scalarFunction(name: string, values: Scalar[]): Scalar | undefined {
  if (name === 'format') {
    let i = 1;
    let failed = false;
    const out = String(values[0]).replace(/%([%sdv])/g, (_m, verb: string) => {
      if (verb === '%') return '%';
      if (i >= values.length) failed = true;
      const v = values[i++];
      if (verb === 'd' && !Number.isInteger(Number(v))) failed = true;
      return String(v);
    });
    return failed || /%[^%sdv]/.test(String(values[0]).replace(/%%/g, '')) ? undefined : out;
  }
  const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(values[0]));
  if (!cidr) return undefined;
  const octets = cidr.slice(1, 5).map(Number);
  const bits = Number(cidr[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = (len: number) => 2 ** (32 - len);
  const network = base - (base % size(bits));
  const ip = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  if (name === 'cidrsubnet') {
    const newbits = Number(values[1]);
    const netnum = Number(values[2]);
    const len = bits + newbits;
    if (!Number.isInteger(newbits) || !Number.isInteger(netnum) || len > 32 || netnum < 0 || netnum >= 2 ** newbits) return undefined;
    return `${ip(network + netnum * size(len))}/${len}`;
  }
  const host = Number(values[1]);
  if (!Number.isInteger(host) || Math.abs(host) >= size(bits) + (host < 0 ? 1 : 0)) return undefined;
  return ip(host >= 0 ? network + host : network + size(bits) + host);
}

function isPlaceholder(node: Node): boolean {
  if (node.kind === 'scalar') return node.value === null;
  return node.kind === 'seq' ? node.items.length === 0 : node.pairs.length === 0;
}

/** List items may themselves be lists (a splat inside an array): their items become alternatives. */
function flattenItem(alts: TAlt[]): TAlt[] {
  const out: TAlt[] = [];
  for (const alt of alts) {
    if (alt.kind === 'tuple') for (const item of alt.items) out.push(...flattenItem(guardAll(item, alt.when)));
    else out.push(alt);
  }
  return out;
}

function truthy(v: Scalar): boolean {
  if (typeof v === 'string') return v.trim().toLowerCase() === 'true';
  return Boolean(v);
}

function applyBinary(op: string, l: Scalar, r: Scalar): Scalar | undefined {
  switch (op) {
    case '==':
      return String(l) === String(r);
    case '!=':
      return String(l) !== String(r);
    case '&&':
      return truthy(l) && truthy(r);
    case '||':
      return truthy(l) || truthy(r);
  }
  const a = Number(l);
  const b = Number(r);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '%':
      return b === 0 ? undefined : a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  return undefined;
}
