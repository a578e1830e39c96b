// Turns resolved values into model Props (string, reference, boolean, number, lists) with their locations.
import { Node, PairNode, getPair } from '../../source/tree';
import { Alt, Guard, Prop } from '../../model/types';
import { asRef } from '../shared/props';
import { FileReader } from '../shared/reader';
import { RAlt, Resolver, joinWhen } from './resolve';

type Convert<T> = (alt: RAlt) => Alt<T>;

export { asBool, asNumber, asRef, asString, toBool, toNumber } from '../shared/props';

/** Reads properties of one map with the resolver, producing Props located in one file. */
export class PropReader extends FileReader<RAlt> {
  constructor(
    readonly resolver: Resolver,
    file: string,
  ) {
    super(file);
  }

  /** The property of a pair; undefined when AWS::NoValue in every branch. */
  pairProp<T>(pair: PairNode, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const alts = this.resolver.value(pair.value, when).filter((a) => a.kind !== 'novalue');
    if (!alts.length) return undefined;
    return { alts: this.convertAll(alts, convert), loc: this.loc(pair), valueLoc: this.loc(pair.value) };
  }

  /** A Prop for a value node (list items: loc = valueLoc = the item). */
  nodeProp<T>(node: Node, convert: Convert<T>, when?: Guard[]): Prop<T> | undefined {
    const alts = this.resolver.value(node, when).filter((a) => a.kind !== 'novalue');
    if (!alts.length) return undefined;
    return { alts: this.convertAll(alts, convert), loc: this.loc(node), valueLoc: this.loc(node) };
  }

  /** The items of a list property, one Prop per item. */
  list<T>(map: Node | undefined, key: string, convert: Convert<T>, when?: Guard[]): Prop<T>[] {
    const pair = getPair(map, key);
    if (!pair) return [];
    return this.resolver.list(pair.value, when).map((item) => ({ alts: this.convertAll(item.alts, convert), loc: this.loc(item.node), valueLoc: this.loc(item.node) }));
  }

  /**
   * Converts resolved alternatives. A reference written as a plain string that is a logical ID of the
   * template (`SecurityGroups: [AppSg]`, `"SubnetId": "mySubnet"`) is taken as that resource, marked
   * plainName: a common slip for `!Ref`, and what peers read it as; findings that rest on it are possible.
   */
  private convertAll<T>(alts: RAlt[], convert: Convert<T>): Alt<T>[] {
    const out = alts.map(convert);
    if ((convert as unknown) !== asRef) return out;
    for (const alt of out as Alt<string>[]) {
      if (alt.value === undefined && alt.literal !== undefined && this.resolver.isResource(alt.literal)) {
        alt.value = alt.literal;
        alt.plainName = true;
      }
    }
    return out;
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

export { firstValue, guardProp, refTargets } from '../shared/props';
