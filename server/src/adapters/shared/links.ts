// Linking passes shared by the adapters: a resource that only adds to the entities a reference names.
import { Entity, Guard, Model, Prop } from '../../model/types';
import { guardProp, refTargets } from './props';

export type EntityOf<K extends Entity['kind']> = Extract<Entity, { kind: K }>;

/** Each entity of `kind` that `ref` names, with the guards under which the reference names it. */
export function eachTarget<K extends Entity['kind']>(model: Model, ref: Prop<string> | undefined, kind: K, visit: (entity: EntityOf<K>, when: Guard[] | undefined) => void): void {
  for (const t of refTargets(ref)) {
    const entity = model.byId.get(t.id);
    if (entity?.kind === kind) visit(entity as EntityOf<K>, t.when);
  }
}

/** `value` for each entity of `kind` that `ref` names, guarded by the reference (dropped where that contradicts it). */
export function linkGuarded<K extends Entity['kind'], T>(model: Model, ref: Prop<string> | undefined, kind: K, value: Prop<T>, add: (entity: EntityOf<K>, guarded: Prop<T>) => void): void {
  eachTarget(model, ref, kind, (entity, when) => {
    const guarded = guardProp(value, when);
    if (guarded) add(entity, guarded);
  });
}

/**
 * Adds `item` to a list of each entity of `kind` that `ref` names. Reached through a guarded reference, the
 * entity gets a copy (`withRef`) whose reference carries the guard, so the item applies only under it.
 */
export function addThroughRef<K extends Entity['kind'], I>(model: Model, ref: Prop<string>, kind: K, item: I, withRef: (guarded: Prop<string>) => I, listOf: (entity: EntityOf<K>) => I[]): void {
  eachTarget(model, ref, kind, (entity, when) => {
    if (!when?.length) listOf(entity).push(item);
    else {
      const guarded = guardProp(ref, when);
      if (guarded) listOf(entity).push(withRef(guarded));
    }
  });
}
