// Turns resolved Terraform values into model Props (references, strings, booleans, numbers, lists, blocks).
import { MapNode, Node, PairNode, getPair, getValue } from '../../source/tree';
import { Alt, Guard, Prop } from '../../model/types';
import { FileReader } from '../shared/reader';
import { Resolver, TAlt } from './resolve';
import { isComment } from './module';

type Convert<T> = (alt: TAlt) => Alt<T>;

export { asBool, asNumber, asRef, asString } from '../shared/props';

/** A nested block (an object, or an item of an array of objects) with the guard it applies under. */
export interface Block {
  map: MapNode;
  /** The object itself (its location). */
  item: Node;
  pair: PairNode;
  /** Position among the blocks of this name, in text order. */
  index: number;
  when?: Guard[];
  /** Written as `dynamic "name" { content {...} }`: values from the iterator are unknown. */
  dynamic?: boolean;
}

/** Reads the arguments of one file's resource bodies with the resolver. */
export class TfReader extends FileReader<TAlt> {
  constructor(
    readonly resolver: Resolver,
    file: string,
    /** Spans whose value is one expression standing for several list items (writers must not split them). */
    private readonly shared: Set<string>,
  ) {
    super(file);
  }

  /** The argument of a pair; undefined when null in every alternative. */
  pairProp<T>(pair: PairNode, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const alts = this.resolver.value(pair.value, when).filter((a) => a.kind !== 'novalue');
    if (!alts.length) return undefined;
    return { alts: alts.map((a) => convert(a.kind === 'tuple' ? { kind: 'unknown', ...(a.when ? { when: a.when } : {}) } : a)), loc: this.loc(pair), valueLoc: this.loc(pair.value) };
  }

  /** The items of a list argument, one Prop per item. */
  list<T>(map: Node | undefined, key: string, convert: Convert<T>, when?: Guard[]): Prop<T>[] {
    const pair = getPair(map, key);
    if (!pair) return [];
    return this.resolver.list(pair.value, when).map((item) => {
      if (item.shared) this.shared.add(`${this.file}:${item.node.span.start}:${item.node.span.end}`);
      return { alts: item.alts.map(convert), loc: this.loc(item.node), valueLoc: this.loc(item.node) };
    });
  }

  /** The first argument found among `keys` (an empty string, how attribute-as-blocks lists write "unset", is skipped). */
  first<T>(map: Node | undefined, keys: string[], convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    for (const key of keys) {
      if (isBlank(getValue(map, key))) continue;
      const prop = this.prop(map, key, convert, when);
      if (prop) return prop;
    }
    return undefined;
  }

  /** Nested blocks named `key`: an object, an array of objects, and `dynamic` blocks' content. */
  blocks(map: Node | undefined, key: string, when?: Guard[]): Block[] {
    const out: Block[] = [];
    const pair = getPair(map, key);
    if (pair) {
      const items = pair.value.kind === 'seq' ? pair.value.items : [pair.value];
      for (const item of items) {
        if (item.kind !== 'map') continue;
        out.push({ map: item, item, pair, index: out.length, ...(when?.length ? { when } : {}) });
      }
    }
    const dynamic = getValue(getValue(map, 'dynamic'), key);
    for (const spec of dynamic?.kind === 'seq' ? dynamic.items : dynamic ? [dynamic] : []) {
      const content = getPair(spec, 'content');
      if (content?.value.kind !== 'map') continue;
      out.push({ map: content.value, item: content.value, pair: content, index: out.length, dynamic: true, ...(when?.length ? { when } : {}) });
    }
    return out;
  }

  /** Blocks reached by descending a path of block names. */
  under(map: Node | undefined, path: string[], when?: Guard[]): Block[] {
    let current: { map: Node; when?: Guard[] }[] = map ? [{ map, when }] : [];
    let blocks: Block[] = [];
    for (const key of path) {
      blocks = current.flatMap((c) => this.blocks(c.map, key, c.when));
      current = blocks;
    }
    return blocks;
  }
}

/** An argument written as "" (unset, in the attribute-as-blocks style of route and rule lists). */
export function isBlank(node: Node | undefined): boolean {
  return node?.kind === 'scalar' && node.value === '';
}

export { firstValue, guardProp, refTargets } from '../shared/props';

/** The arguments of a body, comments skipped (for "is anything written" checks). */
export function argumentPairs(map: MapNode | undefined): PairNode[] {
  return map ? map.pairs.filter((p) => !isComment(p)) : [];
}
