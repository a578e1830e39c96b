// What both adapters' property readers share: locations in one file, and a property read by its key.
import { Node, PairNode, getPair } from '../../source/tree';
import { Alt, Guard, Loc, Prop } from '../../model/types';

/** A reader of one file's values; `A` is its resolver's alternative, turned into model alternatives by a converter. */
export abstract class FileReader<A> {
  constructor(readonly file: string) {}

  loc(node: { span: { start: number; end: number } }): Loc {
    return { file: this.file, span: { start: node.span.start, end: node.span.end } };
  }

  /** A property of `map`; undefined when absent or unset in every alternative. */
  prop<T>(map: Node | undefined, key: string, convert: (alt: A) => Alt<T>, when?: Guard[]): Prop<T> | undefined {
    const pair = getPair(map, key);
    if (!pair) return undefined;
    return this.pairProp(pair, convert, when);
  }

  abstract pairProp<T>(pair: PairNode, convert: (alt: A) => Alt<T>, when?: Guard[]): Prop<T> | undefined;
}
