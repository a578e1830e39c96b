// Test helpers over a built model, for every adapter: read a location's text, look up an entity, list a property's alternatives.
import { Alt, Entity, Loc, Model, Prop } from '../../server/src/model/types';

/** The text a location covers: in `texts` itself, or looked up by the location's file. */
export function textAt(texts: Map<string, string> | string, loc: Loc | undefined): string | undefined {
  if (!loc) return undefined;
  const text = typeof texts === 'string' ? texts : texts.get(loc.file);
  return text?.slice(loc.span.start, loc.span.end);
}

/** The entity `id`, failing when there is none of that kind. */
export function entity<K extends Entity['kind']>(model: Model, id: string, kind: K): Extract<Entity, { kind: K }> {
  const found = model.byId.get(id);
  if (!found || found.kind !== kind) throw new Error(`no ${kind} ${id} (found ${found?.kind})`);
  return found as Extract<Entity, { kind: K }>;
}

/** Alternatives without locations or the notes for messages (tested with the messages), for deepEqual. */
export function alts<T>(prop: Prop<T> | undefined): Alt<T>[] | undefined {
  return prop?.alts.map(({ note: _note, ...alt }) => alt as Alt<T>);
}
