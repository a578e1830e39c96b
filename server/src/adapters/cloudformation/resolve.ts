// Resolves CloudFormation intrinsics (Ref, GetAtt, Sub, If, Select, FindInMap, Join, ...) once, for the adapter.
import { Node, getValue, scalarString } from '../../source/tree';
import { Guard } from '../../model/types';
import { joinWhen } from '../shared/guards';

export { joinWhen };

export type Scalar = string | number | boolean;

/** One resolved alternative: a literal, a reference to a resource, unknown, or "absent" (AWS::NoValue). */
export type RAlt =
  | { kind: 'known'; v: Scalar; when?: Guard[]; note?: string }
  | { kind: 'ref'; id: string; when?: Guard[] }
  | { kind: 'unknown'; when?: Guard[] }
  | { kind: 'novalue'; when?: Guard[] };

/** One item of a resolved list: the node that stands for it (its location) and its alternatives. */
export interface RItem {
  node: Node;
  alts: RAlt[];
}

/** What the resolver needs to know about the template. */
export interface TemplateContext {
  /** Logical ID -> resource node. */
  resources: Map<string, Node>;
  /** Parameter name -> parameter node. */
  parameters: Map<string, Node>;
  mappings: Node | undefined;
}

const MAX_DEPTH = 24;
/** Guards on a parameter's value (not a template Condition) are named with this prefix: `param:Name=value`. */
export const PARAMETER_GUARD = 'param:';
const MAX_ALTS = 32;

/** The single intrinsic key of a one-pair map (`Ref`, `Fn::*`, or `!Tag` for a preprocessor tag the parser kept), or undefined. */
export function intrinsicName(node: Node | undefined): string | undefined {
  if (!node || node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const key = node.pairs[0].key.value;
  if (typeof key !== 'string') return undefined;
  return key === 'Ref' || key.startsWith('Fn::') || key.startsWith('!') ? key : undefined;
}

function withWhen(alt: RAlt, when: Guard[] | undefined): RAlt {
  return when?.length ? { ...alt, when } : alt;
}

/**
 * A parameter's default value node. An SSM parameter type's default is the name of the SSM parameter, not its
 * value, so those have none here (unknown at lint time).
 */
function defaultOf(param: Node | undefined): Node | undefined {
  if (scalarString(getValue(param, 'Type'))?.startsWith('AWS::SSM::Parameter::Value<')) return undefined;
  return getValue(param, 'Default');
}

function splitDefault(value: Scalar): string[] {
  return String(value)
    .split(',')
    .map((s) => s.trim());
}

export class Resolver {
  constructor(readonly ctx: TemplateContext) {}

  isResource(id: string): boolean {
    return this.ctx.resources.has(id);
  }

  resourceType(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    return scalarString(getValue(this.ctx.resources.get(id), 'Type'));
  }

  /** Alternatives of a value in a scalar position. */
  value(node: Node | undefined, when?: Guard[], depth = 0): RAlt[] {
    if (!node) return [withWhen({ kind: 'novalue' }, when)];
    if (depth > MAX_DEPTH) return [withWhen({ kind: 'unknown' }, when)];
    if (node.kind === 'scalar') {
      if (node.value === null) return [withWhen({ kind: 'unknown' }, when)];
      return [withWhen({ kind: 'known', v: node.value }, when)];
    }
    if (node.kind === 'seq') return [withWhen({ kind: 'unknown' }, when)];
    const fn = intrinsicName(node);
    if (!fn) return [withWhen({ kind: 'unknown' }, when)];
    const arg = node.pairs[0].value;
    switch (fn) {
      case 'Ref':
        return this.refAlts(scalarString(arg), when);
      case 'Fn::GetAtt':
        return [withWhen(this.getAtt(arg), when)];
      case 'Fn::If':
        return this.ifBranches(arg, when, (branch, w) => this.value(branch, w, depth + 1));
      case 'Fn::Sub':
        return this.sub(arg, when, depth);
      case 'Fn::Join':
        return [withWhen(this.join(arg, when, depth), when)];
      case 'Fn::Select':
        return this.select(arg, when, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, when, depth, (found, w) => this.value(found, w, depth + 1));
      default:
        // Fn::GetAZs, Fn::ImportValue, Fn::Base64, Fn::Cidr, Fn::Split (in a scalar position), ...
        return [withWhen({ kind: 'unknown' }, when)];
    }
  }

  /** Items of a value in a list position (a YAML/JSON list, or an intrinsic yielding a list). */
  list(node: Node | undefined, when?: Guard[], depth = 0): RItem[] {
    if (!node || depth > MAX_DEPTH) return [];
    if (node.kind === 'seq') {
      const out: RItem[] = [];
      for (const item of node.items) {
        const alts = this.value(item, when, depth + 1).filter((a) => a.kind !== 'novalue');
        if (alts.length) out.push({ node: item, alts });
      }
      return out;
    }
    if (node.kind === 'scalar') {
      if (node.value === null) return [];
      // A single value where a list is expected (CFN accepts a comma list string in some places).
      return [{ node, alts: [withWhen({ kind: 'known', v: node.value }, when)] }];
    }
    const fn = intrinsicName(node);
    const arg = fn ? node.pairs[0].value : undefined;
    switch (fn) {
      case 'Fn::If': {
        const out: RItem[] = [];
        this.forBranches(arg, when, (branch, w) => out.push(...this.list(branch, w, depth + 1)));
        return out;
      }
      case 'Ref': {
        const name = scalarString(arg);
        if (name === 'AWS::NoValue') return [];
        const param = name !== undefined ? this.ctx.parameters.get(name) : undefined;
        const def = defaultOf(param);
        if (param && def?.kind === 'scalar' && def.value !== null) {
          return splitDefault(def.value).map((v) => ({ node, alts: [withWhen({ kind: 'known', v }, when)] }));
        }
        if (param && def?.kind === 'seq') return def.items.map((item) => ({ node, alts: this.value(item, when, depth + 1) }));
        return [{ node, alts: this.value(node, when, depth + 1) }];
      }
      case 'Fn::Split':
        return this.split(node, arg, when, depth);
      case 'Fn::FindInMap': {
        const out: RItem[] = [];
        this.findInMap(arg, when, depth, (found, w) => {
          // Items found in Mappings stand at the FindInMap in the resource (that is what a fix would edit).
          for (const item of this.list(found, w, depth + 1)) out.push({ node, alts: item.alts });
          return [];
        });
        return out.length ? out : [{ node, alts: [withWhen({ kind: 'unknown' }, when)] }];
      }
      default:
        // Fn::GetAZs, Fn::ImportValue, Fn::GetAtt of a list attribute, ...: one unknown item.
        return [{ node, alts: this.value(node, when, depth + 1).filter((a) => a.kind !== 'novalue') }].filter((i) => i.alts.length);
    }
  }

  /**
   * Items of `Fn::Split [delim, source]`. A known string splits into known items; a resource reference
   * (`!GetAtt Sg.GroupId`, `!Ref Sg`) is one item naming it (an id holds no delimiter); a Join on the same
   * delimiter splits back into its own items; anything else is one unknown item. Fn::If branches keep their guards.
   */
  private split(node: Node, arg: Node | undefined, when: Guard[] | undefined, depth: number): RItem[] {
    const parts = arg?.kind === 'seq' ? arg.items : [];
    const delim = scalarString(parts[0]);
    if (delim === undefined || delim === '') return [{ node, alts: [withWhen({ kind: 'unknown' }, when)] }];
    const source = parts[1];
    const joined = intrinsicName(source) === 'Fn::Join' && source?.kind === 'map' ? source.pairs[0].value : undefined;
    if (joined?.kind === 'seq' && joined.items.length >= 2 && scalarString(joined.items[0]) === delim) {
      // Items of the Join, each split again if it is a known string holding the delimiter.
      return this.list(joined.items[1], when, depth + 1).flatMap((item) => this.splitItem(item.node, item.alts, delim));
    }
    return this.splitItem(node, this.value(source, when, depth + 1), delim);
  }

  /** One resolved value split: each alternative (an Fn::If branch) gives its own guarded items. */
  private splitItem(node: Node, alts: RAlt[], delim: string): RItem[] {
    const out: RItem[] = [];
    for (const alt of alts) {
      if (alt.kind === 'novalue') continue;
      if (alt.kind === 'known') out.push(...String(alt.v).split(delim).map((v) => ({ node, alts: [withWhen({ kind: 'known', v }, alt.when)] })));
      else out.push({ node, alts: [alt] });
    }
    return out;
  }

  /** The map alternatives of a value in an object position (Fn::If between maps; NoValue drops). */
  objects(node: Node | undefined, when?: Guard[], depth = 0): { map: Node; when?: Guard[] }[] {
    if (!node || depth > MAX_DEPTH) return [];
    if (intrinsicName(node) === 'Fn::If') {
      const out: { map: Node; when?: Guard[] }[] = [];
      this.forBranches(node.kind === 'map' ? node.pairs[0].value : undefined, when, (branch, w) => out.push(...this.objects(branch, w, depth + 1)));
      return out;
    }
    if (node.kind === 'map' && intrinsicName(node) === undefined) return [{ map: node, when }];
    return [];
  }

  /**
   * A Ref with a parameter's choices: its Default (noted, so messages can say "SSHLocation defaults to
   * 0.0.0.0/0"), and each other AllowedValue under a `parameter X is V` guard, since a deployer may pick it.
   */
  private refAlts(name: string | undefined, when: Guard[] | undefined): RAlt[] {
    const alt = this.ref(name);
    const param = name !== undefined ? this.ctx.parameters.get(name) : undefined;
    if (!param || name === undefined || this.ctx.resources.has(name)) return [withWhen(alt, when)];
    const out: RAlt[] = [];
    if (alt.kind === 'known') out.push(withWhen({ ...alt, note: `${name} defaults to ${alt.v}` }, when));
    const allowed = getValue(param, 'AllowedValues');
    const choices = allowed?.kind === 'seq' ? allowed.items.filter((item) => item.kind === 'scalar' && item.value !== null).slice(0, MAX_ALTS) : [];
    for (const item of choices) {
      const v = (item as { value: Scalar }).value;
      if (alt.kind === 'known' && String(alt.v) === String(v)) continue;
      const guarded = joinWhen(when, [{ condition: `${PARAMETER_GUARD}${name}=${v}`, holds: true }]);
      if (guarded !== null) out.push(withWhen({ kind: 'known', v }, guarded ?? undefined));
    }
    return out.length ? out : [withWhen(alt, when)];
  }

  private ref(name: string | undefined): RAlt {
    if (name === undefined) return { kind: 'unknown' };
    if (name === 'AWS::NoValue') return { kind: 'novalue' };
    if (this.ctx.resources.has(name)) return { kind: 'ref', id: name };
    const param = this.ctx.parameters.get(name);
    if (param) {
      const def = defaultOf(param);
      if (def?.kind === 'scalar' && def.value !== null) return { kind: 'known', v: def.value };
    }
    // Pseudo parameters and parameters without a default are unknown at lint time.
    return { kind: 'unknown' };
  }

  private getAtt(arg: Node | undefined): RAlt {
    let name: string | undefined;
    if (arg?.kind === 'seq') name = scalarString(arg.items[0]);
    else if (arg?.kind === 'scalar') name = scalarString(arg)?.split('.')[0];
    if (name !== undefined && this.ctx.resources.has(name)) return { kind: 'ref', id: name };
    return { kind: 'unknown' };
  }

  private forBranches(arg: Node | undefined, when: Guard[] | undefined, each: (branch: Node | undefined, when: Guard[] | undefined) => void): void {
    if (arg?.kind !== 'seq' || arg.items.length < 3) {
      each(undefined, when);
      return;
    }
    const condition = scalarString(arg.items[0]);
    if (condition === undefined) {
      each(arg.items[1], when);
      each(arg.items[2], when);
      return;
    }
    const yes = joinWhen(when, [{ condition, holds: true }]);
    const no = joinWhen(when, [{ condition, holds: false }]);
    // A contradicting guard (nested If on the same condition) can never apply.
    if (yes !== null) each(arg.items[1], yes);
    if (no !== null) each(arg.items[2], no);
  }

  private ifBranches(arg: Node | undefined, when: Guard[] | undefined, resolve: (branch: Node | undefined, when: Guard[] | undefined) => RAlt[]): RAlt[] {
    if (arg?.kind !== 'seq' || arg.items.length < 3) return [withWhen({ kind: 'unknown' }, when)];
    const out: RAlt[] = [];
    this.forBranches(arg, when, (branch, w) => {
      for (const alt of resolve(branch, w)) if (alt.kind !== 'novalue' || out.length < MAX_ALTS) out.push(alt);
    });
    const kept = out.filter((a) => a.kind !== 'novalue');
    // Only NoValue branches: the property is absent under every condition.
    return kept.length ? kept.slice(0, MAX_ALTS) : [withWhen({ kind: 'novalue' }, when)];
  }

  private sub(arg: Node | undefined, when: Guard[] | undefined, depth: number): RAlt[] {
    let template: string | undefined;
    let vars: Node | undefined;
    if (arg?.kind === 'scalar') template = scalarString(arg);
    else if (arg?.kind === 'seq') {
      template = scalarString(arg.items[0]);
      vars = arg.items[1];
    }
    if (template === undefined) return [withWhen({ kind: 'unknown' }, when)];
    const lookup = (name: string): RAlt => {
      const local = getValue(vars, name);
      if (local) {
        const alts = this.value(local, undefined, depth + 1);
        return alts.length === 1 && !alts[0].when ? alts[0] : { kind: 'unknown' };
      }
      const [head, attr] = name.split(/\.(.*)/s);
      if (attr !== undefined) return this.ctx.resources.has(head) ? { kind: 'ref', id: head } : { kind: 'unknown' };
      return this.ref(name);
    };
    // `${Res}` or `${Res.Attr}` alone: a reference to the resource.
    const whole = /^\$\{([^!}][^}]*)\}$/.exec(template);
    if (whole) {
      const alt = lookup(whole[1].trim());
      if (alt.kind === 'ref' || alt.kind === 'known') return [withWhen(alt, when)];
      return [withWhen({ kind: 'unknown' }, when)];
    }
    let unresolved = false;
    const text = template.replace(/\$\{([^}]*)\}/g, (match, name: string) => {
      if (name.startsWith('!')) return '${' + name.slice(1) + '}';
      const alt = lookup(name.trim());
      if (alt.kind === 'known') return String(alt.v);
      unresolved = true;
      return match;
    });
    return [withWhen(unresolved ? { kind: 'unknown' } : { kind: 'known', v: text }, when)];
  }

  private join(arg: Node | undefined, when: Guard[] | undefined, depth: number): RAlt {
    if (arg?.kind !== 'seq' || arg.items.length < 2) return { kind: 'unknown' };
    const delim = scalarString(arg.items[0]);
    if (delim === undefined) return { kind: 'unknown' };
    const parts: string[] = [];
    for (const item of this.list(arg.items[1], undefined, depth + 1)) {
      if (item.alts.length !== 1) return { kind: 'unknown' };
      const alt = item.alts[0];
      if (alt.kind !== 'known' || alt.when) return { kind: 'unknown' };
      parts.push(String(alt.v));
    }
    return { kind: 'known', v: parts.join(delim) };
  }

  private select(arg: Node | undefined, when: Guard[] | undefined, depth: number): RAlt[] {
    if (arg?.kind !== 'seq' || arg.items.length < 2) return [withWhen({ kind: 'unknown' }, when)];
    const index = this.value(arg.items[0], undefined, depth + 1);
    const n = index.length === 1 && index[0].kind === 'known' ? Number(index[0].v) : NaN;
    if (!Number.isInteger(n) || n < 0) return [withWhen({ kind: 'unknown' }, when)];
    const items = this.list(arg.items[1], when, depth + 1);
    // Guarded items could shift positions: only index a list whose items are all unconditional.
    if (items.some((i) => i.alts.some((a) => a.when !== when))) return [withWhen({ kind: 'unknown' }, when)];
    const picked = items[n];
    return picked ? picked.alts : [withWhen({ kind: 'unknown' }, when)];
  }

  private findInMap(arg: Node | undefined, when: Guard[] | undefined, depth: number, resolve: (found: Node, when: Guard[] | undefined) => RAlt[]): RAlt[] {
    if (arg?.kind !== 'seq' || arg.items.length < 3) return [withWhen({ kind: 'unknown' }, when)];
    const keys = arg.items.slice(0, 3).map((item) => this.value(item, when, depth + 1));
    const out: RAlt[] = [];
    for (const a of keys[0])
      for (const b of keys[1])
        for (const c of keys[2]) {
          if (out.length >= MAX_ALTS) break;
          const w = joinWhen(joinWhen(a.when, b.when) ?? undefined, c.when);
          if (w === null || joinWhen(a.when, b.when) === null) continue;
          if (a.kind !== 'known' || b.kind !== 'known' || c.kind !== 'known') {
            out.push(withWhen({ kind: 'unknown' }, w));
            continue;
          }
          const found = getValue(getValue(getValue(this.ctx.mappings, String(a.v)), String(b.v)), String(c.v));
          if (found) out.push(...resolve(found, w));
          else out.push(withWhen({ kind: 'unknown' }, w));
        }
    return out.length ? out : [withWhen({ kind: 'unknown' }, when)];
  }
}
