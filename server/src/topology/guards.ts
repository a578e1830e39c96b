// Fn::If guards: combining them, naming them in messages, and picking the alternatives that matter.
import { Alt, Guard, Prop } from '../model/types';

// Combining lives in the model (adapters use it too); re-exported for the topology's callers.
export { combineAll, combineWhen } from '../model/guards';

/** " when condition UsePublic is true" (and ", and condition X is false" ...), or "" when unconditional. */
export function describeWhen(when: Guard[] | undefined): string {
  if (!when?.length) return '';
  return ' when ' + when.map((g) => `condition ${g.condition} is ${g.holds ? 'true' : 'false'}`).join(' and ');
}

/** A stable key for a guard list (for de-duplication). */
export function whenKey(when: Guard[] | undefined): string {
  if (!when?.length) return '';
  return when
    .map((g) => `${g.condition}=${g.holds}`)
    .sort()
    .join('&');
}

/** The guard that holds exactly when a single guard does not; undefined for compound guards. */
export function negateWhen(when: Guard[] | undefined): Guard[] | undefined {
  if (when?.length !== 1) return undefined;
  return [{ condition: when[0].condition, holds: !when[0].holds }];
}

/** Alternatives whose (known) value satisfies the test; unknown values never match. */
export function altsWhere<T>(prop: Prop<T> | undefined, test: (value: T) => boolean): Alt<T>[] {
  if (!prop) return [];
  return prop.alts.filter((alt) => alt.value !== undefined && test(alt.value));
}

/** The first alternative that matches, preferring an unconditional one (so the message needs no guard). */
export function firstAltWhere<T>(prop: Prop<T> | undefined, test: (value: T) => boolean): Alt<T> | undefined {
  const matches = altsWhere(prop, test);
  return matches.find((alt) => !alt.when?.length) ?? matches[0];
}

/** Known values of a property (references resolved to entity ids). */
export function knownValues<T>(prop: Prop<T> | undefined): T[] {
  if (!prop) return [];
  const out: T[] = [];
  for (const alt of prop.alts) if (alt.value !== undefined) out.push(alt.value);
  return out;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True' || value === 'TRUE';
}

// CIDR predicates live in cidr.ts (parsed as addresses); re-exported for the guards' callers.
export { isInternetCidr, isWorldCidr } from './cidr';
