// Small helpers the topology rules share: guarded alternatives, native names, subnet choices.
import { Alt, Entity, Guard, JsonValue, Loc, Model, Prop, Subnet } from '../model/types';
import { combineAll } from './guards';
import { SubnetClass, SubnetView, Topology } from './topology';

/** The CloudFormation or Terraform spelling of a property. */
export function native(model: Model, cloudformation: string, terraform: string): string {
  return model.dialect === 'terraform' ? terraform : cloudformation;
}

/** A reference to an entity for use in a fix: CFN {Ref}, Terraform "${type.name.id}". */
export function refTo(model: Model, id: string): JsonValue {
  return model.dialect === 'terraform' ? model.writer.ref(id, 'id') : model.writer.ref(id);
}

/** Alternatives of a property matching a test, each with its guard combined with `when` (contradictions dropped). */
export function guardedAlts<T>(prop: Prop<T> | undefined, test: (value: T) => boolean, when?: Guard[]): { alt: Alt<T>; when: Guard[] | undefined }[] {
  if (!prop) return [];
  const out: { alt: Alt<T>; when: Guard[] | undefined }[] = [];
  for (const alt of prop.alts) {
    if (alt.value === undefined || !test(alt.value)) continue;
    const combined = combineAll(alt.when, when);
    if (combined !== null) out.push({ alt, when: combined });
  }
  // Unconditional first, so messages need no guard when one exists.
  return out.sort((a, b) => (a.when?.length ?? 0) - (b.when?.length ?? 0));
}

const classCache = new WeakMap<Topology, Map<string, Subnet[]>>();

/** Subnets of a class in a VPC, in template order (every view of each subnet agrees); cached per topology. */
export function subnetsOfClass(topology: Topology, vpcId: string | undefined, cls: SubnetClass): Subnet[] {
  if (vpcId === undefined) return [];
  let cache = classCache.get(topology);
  if (!cache) classCache.set(topology, (cache = new Map()));
  const key = `${cls}|${vpcId}`;
  let list = cache.get(key);
  if (!list) {
    list = topology.subnetsInVpc(vpcId).filter((s) => {
      const views = topology.subnetViews(s.id);
      return views.length > 0 && views.every((v) => v.cls === cls);
    });
    cache.set(key, list);
  }
  return list;
}

/** The most exposed view of a set for a class test, unconditional first. */
export function firstView(views: SubnetView[], test: (view: SubnetView) => boolean): SubnetView | undefined {
  const matching = views.filter(test);
  return matching.find((v) => !v.when?.length) ?? matching[0];
}

/** Known entity ids a list of properties names. */
export function idsOf(props: Prop<string>[]): Set<string> {
  const out = new Set<string>();
  for (const prop of props) for (const alt of prop.alts) if (alt.value !== undefined) out.add(alt.value);
  return out;
}

export function entityLabel(entity: Entity): string {
  return entity.id;
}

/** At most this much of a value's source text is quoted in a message. */
const QUOTE_MAX = 80;

/** The source text of a value, quoted for a message: "`!ImportValue network-AppSg`". */
export function quoteSource(model: Model, loc: Loc): string {
  const file = model.files.find((f) => f.path === loc.file);
  if (file) (file.quoted ??= []).push(loc.span);
  // Whitespace collapsed before cutting, so an indented block quotes as much as a one-liner.
  let text = file ? file.text.slice(loc.span.start, Math.min(loc.span.end, loc.span.start + QUOTE_MAX * 8)).replace(/\s+/g, ' ').trim() : '';
  // A JSON string is quoted by its content ("${var.subnet_id}" reads as ${var.subnet_id}).
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) text = JSON.parse(text) as string;
  if (!text) return 'a value outside this template';
  return '`' + (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text) + '`';
}
