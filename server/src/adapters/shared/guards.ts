// Guard lists (the conditions an alternative holds under), combined the same way by every adapter.
import { Guard } from '../../model/types';

/** Both guard lists at once; null when they contradict (the same condition both true and false). */
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
