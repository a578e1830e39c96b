// Reads the blocks of a Terraform JSON module (all *.tf.json files of a folder together): resources,
// variables and locals, in both JSON shapes Terraform accepts (objects, or arrays of objects).
import { MapNode, Node, PairNode, SourceFile, getValue, scalarString } from '../../source/tree';
import type { Resolver } from './resolve';

/** One `resource "type" "name"` block. */
export interface TfResource {
  /** Terraform address: type.name. */
  id: string;
  type: string;
  name: string;
  file: SourceFile;
  /** The `"name": {...}` pair. */
  pair: PairNode;
  /** The resource body (undefined when it is not an object). */
  body: MapNode | undefined;
  /** The object holding the name pair (the `"type": {...}` value or an item of its array). */
  typeMap: MapNode;
}

export interface TfValueDecl {
  node: Node | undefined;
  file: SourceFile;
  pair: PairNode;
}

export interface TfModule {
  files: SourceFile[];
  /** By address, in file and text order. */
  resources: Map<string, TfResource>;
  /** Resource types that appear, for reference parsing (`aws_subnet.x` vs `var.x`). */
  resourceTypes: Set<string>;
  /** Variables: `node` is the default value (undefined when none). */
  variables: Map<string, TfValueDecl>;
  /** Values given by variable files (terraform.tfvars[.json], *.auto.tfvars[.json]); null: set, but not readable here. */
  assigned: Map<string, Node | null>;
  locals: Map<string, TfValueDecl>;
  /** The `resource` pair of each file (where new resources are added). */
  resourceBlocks: Map<string, PairNode>;
  problems: { message: string; file: SourceFile; node: { span: { start: number; end: number } } }[];
  /** `module "name" {...}` blocks, by name. */
  calls: Map<string, TfModuleCall>;
  /** `output "name" { value = ... }`: the value nodes, by name. */
  outputs: Map<string, TfValueDecl>;
  /** The address prefix of this module instance: '' for the root, `module.net.` for a child. */
  prefix: string;
  /** Resource types by global address, shared by every module instance of one run. */
  addressTypes: Map<string, string>;
  /** A child module: the arguments of the `module` block that calls it, read in the caller's scope. */
  inputs?: { body: MapNode; resolver: Resolver };
  /** What each module call became: a child read from disk, or the outputs of a known registry module. */
  children: Map<string, TfChild>;
}

export type TfChild = { resolver: Resolver } | { outputs: Map<string, string> };

/** One `module` block of a module. */
export interface TfModuleCall {
  name: string;
  file: SourceFile;
  pair: PairNode;
  body: MapNode;
  /** The `source` argument as written (undefined when it is not a plain string). */
  source: string | undefined;
}

/** Top-level keys of Terraform configuration: a JSON file with one of them is Terraform. */
export const TOP_LEVEL_KEYS = new Set(['resource', 'data', 'variable', 'locals', 'output', 'module', 'provider', 'terraform', 'moved', 'import', 'check', 'removed']);

export function isComment(pair: PairNode): boolean {
  return pair.key.value === '//';
}

/** The objects of a block position: an object, or each object of an array of objects. */
export function objectsOf(node: Node | undefined): MapNode[] {
  if (!node) return [];
  if (node.kind === 'map') return [node];
  if (node.kind === 'seq') return node.items.filter((item): item is MapNode => item.kind === 'map');
  return [];
}

/** The pairs of every object at a block position, comments skipped. */
function pairsOf(node: Node | undefined): { pair: PairNode; map: MapNode }[] {
  return objectsOf(node).flatMap((map) => map.pairs.filter((p) => !isComment(p)).map((pair) => ({ pair, map })));
}

/** A variable file Terraform loads by itself: terraform.tfvars[.json] or *.auto.tfvars[.json]. */
export const VARIABLE_FILE = /(^|[\\/])(terraform\.tfvars|[^\\/]*\.auto\.tfvars)(\.json)?$/i;

/**
 * Applies variable files in Terraform's order (terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars
 * files by name; later ones win).
 */
export function assignVariables(module: TfModule, varFiles: { path: string; text: string; root?: Node }[]): void {
  const rank = (path: string) => (/(^|[\\/])terraform\.tfvars(\.json)?$/i.test(path) ? 0 : 1);
  const name = (path: string) => path.split(/[\\/]/).pop() ?? path;
  const ordered = [...varFiles].sort((a, b) => rank(a.path) - rank(b.path) || name(a.path).localeCompare(name(b.path)));
  for (const file of ordered) {
    // JSON and HCL variable files both parse to an object of `name: value`.
    if (file.root?.kind !== 'map') continue;
    for (const pair of file.root.pairs) if (!isComment(pair)) module.assigned.set(String(pair.key.value), pair.value);
  }
}

export function readModule(files: SourceFile[]): TfModule {
  const module: TfModule = { files, resources: new Map(), resourceTypes: new Set(), variables: new Map(), assigned: new Map(), locals: new Map(), resourceBlocks: new Map(), problems: [], calls: new Map(), outputs: new Map(), prefix: '', addressTypes: new Map(), children: new Map() };
  for (const file of files) {
    if (file.root?.kind !== 'map') continue;
    for (const top of file.root.pairs) {
      const key = top.key.value;
      if (key === 'resource') {
        if (!module.resourceBlocks.has(file.path)) module.resourceBlocks.set(file.path, top);
        readResources(module, file, top.value);
      } else if (key === 'variable') {
        for (const { pair } of pairsOf(top.value)) {
          const body = objectsOf(pair.value)[0];
          module.variables.set(String(pair.key.value), { node: getValue(body, 'default'), file, pair });
        }
      } else if (key === 'locals') {
        for (const { pair } of pairsOf(top.value)) module.locals.set(String(pair.key.value), { node: pair.value, file, pair });
      } else if (key === 'module') {
        for (const { pair } of pairsOf(top.value)) {
          const body = objectsOf(pair.value)[0];
          const name = String(pair.key.value);
          if (!body) continue;
          if (module.calls.has(name)) {
            module.problems.push({ message: `Duplicate module call ${name}: Terraform rejects a module that declares it twice`, file, node: pair.key });
            continue;
          }
          module.calls.set(name, { name, file, pair, body, source: scalarString(getValue(body, 'source')) });
        }
      } else if (key === 'output') {
        for (const { pair } of pairsOf(top.value)) module.outputs.set(String(pair.key.value), { node: getValue(objectsOf(pair.value)[0], 'value'), file, pair });
      }
    }
  }
  return module;
}

function readResources(module: TfModule, file: SourceFile, node: Node): void {
  if (node.kind !== 'map' && node.kind !== 'seq') {
    module.problems.push({ message: 'resource must be an object (or an array of objects) keyed by resource type', file, node });
    return;
  }
  for (const { pair: typePair } of pairsOf(node)) {
    const type = String(typePair.key.value);
    module.resourceTypes.add(type);
    for (const { pair, map } of pairsOf(typePair.value)) {
      const name = String(pair.key.value);
      const id = `${type}.${name}`;
      if (module.resources.has(id)) {
        module.problems.push({ message: `Duplicate resource ${id}: Terraform rejects a module that declares it twice`, file, node: pair.key });
        continue;
      }
      // A body may itself be written as an array holding one object.
      const body = objectsOf(pair.value)[0];
      module.resources.set(id, { id, type, name, file, pair, body, typeMap: map });
    }
  }
}
