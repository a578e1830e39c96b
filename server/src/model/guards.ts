// Combining guard lists (the Fn::If conditions a value holds under): one implementation for adapters and topology.
import { Guard } from './types';

/**
 * Both guard lists at once; null when they contradict (the same condition both true and false).
 * When one list is empty the other is returned as it is, not copied (adapters share guard arrays).
 */
export function joinWhen(a: Guard[] | undefined, b: Guard[] | undefined): Guard[] | undefined | null {
  if (!a?.length) return b?.length ? b : undefined;
  if (!b?.length) return a;
  const out = [...a];
  for (const guard of b) {
    const same = out.find((g) => g.condition === guard.condition);
    if (!same) out.push(guard);
    else if (same.holds !== guard.holds) return null;
  }
  return out;
}

/** joinWhen, but the result is always a fresh array, never one of the inputs. */
export function combineWhen(a: Guard[] | undefined, b: Guard[] | undefined): Guard[] | undefined | null {
  const both = joinWhen(a, b);
  return both && (both === a || both === b) ? [...both] : both;
}

/** Combines any number of guard lists (into a fresh array); null when they contradict. */
export function combineAll(...lists: (Guard[] | undefined)[]): Guard[] | undefined | null {
  let acc: Guard[] | undefined = undefined;
  for (const list of lists) {
    const next = combineWhen(acc, list);
    if (next === null) return null;
    acc = next;
  }
  return acc;
}
