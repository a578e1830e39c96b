// The resources of one template or Terraform module as plain data with their source blocks: what the diff compares.
import { Node, SourceFile, Span, getValue, toPlain } from '../source/tree';

export type UnitDialect = 'cloudformation' | 'terraform';

export interface ResourceRecord {
  /** CloudFormation logical ID or Terraform address (type.name). */
  id: string;
  type: string;
  /** The resource as plain JSON (CFN: the whole resource with Type/Properties; Terraform: the body). */
  body: unknown;
  file: string;
  /** The whole block (key and value), for "which resource holds this location". */
  block: Span;
}

export interface ResourceSet {
  dialect: UnitDialect;
  resources: Map<string, ResourceRecord>;
  /** The whole CloudFormation template as plain JSON (what @aws-cdk/cloudformation-diff reads). */
  template?: Record<string, unknown>;
}

/** Resources of a parsed CloudFormation template; empty when the file did not parse. */
export function cloudFormationResources(file: SourceFile | undefined): ResourceSet {
  const set: ResourceSet = { dialect: 'cloudformation', resources: new Map() };
  if (!file?.root || file.root.kind !== 'map') return set;
  set.template = toPlain(file.root) as Record<string, unknown>;
  const resources = getValue(file.root, 'Resources');
  if (resources?.kind !== 'map') return set;
  for (const pair of resources.pairs) {
    const id = String(pair.key.value);
    const type = typeOf(pair.value);
    set.resources.set(id, { id, type, body: toPlain(pair.value), file: file.path, block: pair.span });
  }
  return set;
}

function typeOf(node: Node): string {
  const type = getValue(node, 'Type');
  return type?.kind === 'scalar' && typeof type.value === 'string' ? type.value : '';
}

/** Resources of a Terraform JSON module (every file together), in both shapes Terraform accepts: objects or arrays of objects. */
export function terraformResources(files: SourceFile[]): ResourceSet {
  const set: ResourceSet = { dialect: 'terraform', resources: new Map() };
  for (const file of files) {
    for (const byType of objectsOf(getValue(file.root, 'resource'))) {
      for (const typePair of byType.pairs) {
        const type = String(typePair.key.value);
        for (const byName of objectsOf(typePair.value)) {
          for (const namePair of byName.pairs) {
            const id = `${type}.${String(namePair.key.value)}`;
            set.resources.set(id, { id, type, body: toPlain(namePair.value), file: file.path, block: namePair.span });
          }
        }
      }
    }
  }
  return set;
}

/** A map, or the maps of a list (Terraform JSON allows either at every block level). */
function objectsOf(node: Node | undefined): Extract<Node, { kind: 'map' }>[] {
  if (!node) return [];
  if (node.kind === 'map') return [node];
  if (node.kind === 'seq') return node.items.filter((item): item is Extract<Node, { kind: 'map' }> => item.kind === 'map');
  return [];
}

/** Blocks by file, sorted by start, built once per set (blocks do not overlap). */
const blockIndex = new WeakMap<ResourceSet, Map<string, ResourceRecord[]>>();

/** The resource whose block holds an offset of `file`. */
export function resourceAt(set: ResourceSet, file: string, offset: number): ResourceRecord | undefined {
  let index = blockIndex.get(set);
  if (!index) {
    index = new Map();
    for (const record of set.resources.values()) index.set(record.file, [...(index.get(record.file) ?? []), record]);
    for (const list of index.values()) list.sort((a, b) => a.block.start - b.block.start);
    blockIndex.set(set, index);
  }
  const list = index.get(file) ?? [];
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const { start, end } = list[mid].block;
    if (offset < start) high = mid - 1;
    else if (offset >= end) low = mid + 1;
    else return list[mid];
  }
  return undefined;
}
