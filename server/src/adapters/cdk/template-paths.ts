// Where an offset falls in a stack template: the resource and the property path under Properties.
import { Node, SourceFile, getValue } from '../../source/tree';

export type PathSegment = string | number;

/** Keys and indices from the resource's Properties map down to the deepest node containing `offset`. */
export function propertyPathAt(file: SourceFile, resourceId: string, offset: number): PathSegment[] | undefined {
  const properties = getValue(getValue(getValue(file.root, 'Resources'), resourceId), 'Properties');
  if (!properties || !contains(properties, offset)) return undefined;
  const path: PathSegment[] = [];
  let node: Node = properties;
  for (;;) {
    let next: Node | undefined;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (pair.span.start <= offset && offset < Math.max(pair.span.end, pair.span.start + 1)) {
          path.push(String(pair.key.value));
          next = pair.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (!next) return path;
    node = next;
  }
}

/** The node at a property path under a resource's Properties. */
export function nodeAtPath(file: SourceFile, resourceId: string, path: PathSegment[]): Node | undefined {
  let node = getValue(getValue(getValue(file.root, 'Resources'), resourceId), 'Properties');
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.kind === 'seq' ? node.items[segment] : undefined;
    else node = getValue(node, segment);
  }
  return node;
}

/** The CloudFormation property names on a path (list indices dropped). */
export function propertyNames(path: PathSegment[] | undefined): string[] {
  return (path ?? []).filter((segment): segment is string => typeof segment === 'string');
}

function contains(node: Node, offset: number): boolean {
  return node.span.start <= offset && offset < Math.max(node.span.end, node.span.start + 1);
}

/** The logical ID of the resource whose block contains `offset`. */
export function resourceAt(file: SourceFile, offset: number): string | undefined {
  const resources = getValue(file.root, 'Resources');
  if (!resources || resources.kind !== 'map') return undefined;
  const pair = resources.pairs.find((p) => p.span.start <= offset && offset < p.span.end);
  return pair ? String(pair.key.value) : undefined;
}

/** The property path at `offset` in whichever resource holds it (a finding may point into a related resource). */
export function propertyPathAnywhere(file: SourceFile, offset: number): { resourceId: string; path: PathSegment[] } | undefined {
  const resourceId = resourceAt(file, offset);
  const path = resourceId ? propertyPathAt(file, resourceId, offset) : undefined;
  return resourceId && path ? { resourceId, path } : undefined;
}
