// CloudFormation FixWriter: renders model-level fixes as text edits in the template's YAML or JSON.
import { Node, PairNode, SourceFile, getPair } from '../../source/tree';
import { EntityBase, FixWriter, JsonValue, Loc, Prop, TextEdit } from '../../model/types';
import { TemplateContext, intrinsicName } from './resolve';
import { EditContext, appendItem, appendPairLines, insertPairs, removeEntry, replacePairValue, replacePairWith, replaceValue } from './writer/edits';
import { fileStyle } from './writer/style';
import { detectEol, detectJsonIndent, detectYamlIndent, locate } from './writer/text';

/** `{a: {b: value}}` for path [a, b]. */
function nest(path: string[], value: JsonValue): JsonValue {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out;
}

/** A map we can insert into: a plain map, not an intrinsic like `{Fn::If: ...}`. */
function isPlainMap(node: Node): boolean {
  return node.kind === 'map' && intrinsicName(node) === undefined;
}

export class CloudFormationWriter implements FixWriter {
  private readonly issued = new Set<string>();
  /** Next numeric suffix to try per id base (freshId). */
  private readonly nextSuffix = new Map<string, number>();
  private context: EditContext | undefined;

  constructor(
    readonly file: SourceFile,
    readonly template: TemplateContext,
  ) {}

  private get ctx(): EditContext {
    if (!this.context) {
      const resourcesPair = getPair(this.file.root, 'Resources');
      const yamlUnit = detectYamlIndent(this.file, resourcesPair?.value, resourcesPair);
      const jsonUnit = detectJsonIndent(this.file.text);
      // Fixes follow the file's own habits, so the edited text reads as if its author wrote it.
      this.context = { file: this.file, eol: detectEol(this.file.text), yamlUnit, jsonUnit, style: fileStyle(this.file, yamlUnit, jsonUnit) };
    }
    return this.context;
  }

  /** The resource pair of an entity (inline entities like `Lb.listeners[0]` belong to `Lb`). */
  private resourcePair(entity: EntityBase): PairNode | undefined {
    const resources = getPair(this.file.root, 'Resources')?.value;
    return getPair(resources, entity.id) ?? getPair(resources, entity.id.split('.')[0]);
  }

  setValue(prop: Prop<unknown>, value: JsonValue): TextEdit[] {
    if (prop.loc.file !== this.file.path) return [];
    const found = prop.loc.span.start !== prop.valueLoc.span.start ? locate(this.file.root, prop.loc.span) : undefined;
    if (found?.kind === 'pair') return replacePairValue(this.ctx, found.pair, value, found.container.flow && this.file.format === 'yaml');
    return replaceValue(this.ctx, prop.valueLoc.span, value);
  }

  setProperty(entity: EntityBase, path: string[], value: JsonValue): TextEdit[] {
    const resource = this.resourcePair(entity);
    if (!resource || !path.length || resource.value.kind !== 'map') return [];
    const properties = getPair(resource.value, 'Properties');
    if (!properties) return insertPairs(this.ctx, resource.value, resource, [['Properties', nest(path, value)]]);
    let owner = properties;
    for (let i = 0; i < path.length; i++) {
      const node = owner.value;
      const rest = nest(path.slice(i + 1), value);
      if (!isPlainMap(node)) {
        // A null value gets the pairs; an intrinsic or scalar in the way is replaced.
        if (node.kind === 'scalar' && node.value === null) return insertPairs(this.ctx, node, owner, [[path[i], rest]]);
        return replacePairValue(this.ctx, owner, nest(path.slice(i), value), false);
      }
      const pair = getPair(node, path[i]);
      if (!pair) return insertPairs(this.ctx, node, owner, [[path[i], rest]]);
      if (i === path.length - 1) return replacePairValue(this.ctx, pair, value, node.kind === 'map' && node.flow && this.file.format === 'yaml');
      owner = pair;
    }
    return [];
  }

  remove(loc: Loc): TextEdit[] {
    if (loc.file !== this.file.path) return [];
    const found = locate(this.file.root, loc.span);
    if (!found) return [];
    const removeOwner = (owner: Node): TextEdit[] => this.remove({ file: loc.file, span: owner.span });
    return removeEntry(this.ctx, found, removeOwner);
  }

  appendToList(entity: EntityBase, path: string[], item: JsonValue): TextEdit[] {
    const resource = this.resourcePair(entity);
    if (!resource || !path.length) return [];
    let node: Node | undefined = getPair(resource.value, 'Properties')?.value;
    let pair: PairNode | undefined;
    for (const key of path) {
      pair = node && isPlainMap(node) ? getPair(node, key) : undefined;
      node = pair?.value;
      if (!pair) break;
    }
    if (!pair || !node || (node.kind === 'scalar' && node.value === null)) return this.setProperty(entity, path, [item]);
    if (node.kind === 'seq') return appendItem(this.ctx, node, item);
    // A list chosen by an intrinsic (Fn::If, a list parameter): no safe place to add the item.
    return [];
  }

  addResources(near: EntityBase, resources: Record<string, JsonValue>): TextEdit[] {
    if (near.loc.file !== this.file.path) return [];
    const resourcesPair = getPair(this.file.root, 'Resources');
    if (!resourcesPair) return [];
    const map = resourcesPair.value;
    const entries = Object.entries(resources);
    for (const [id] of entries) this.issued.add(id);
    return appendPairLines(this.ctx, map, resourcesPair, entries, this.file.format === 'yaml' && usesBlankLines(this.file.text, map));
  }

  replaceProperty(prop: Prop<unknown>, entries: [string, JsonValue][]): TextEdit[] {
    if (prop.loc.file !== this.file.path) return [];
    const found = locate(this.file.root, prop.loc.span);
    if (found?.kind !== 'pair') return [];
    return replacePairWith(this.ctx, found.pair, found.container, entries);
  }

  ref(id: string, attr?: string): JsonValue {
    return attr ? { 'Fn::GetAtt': [id, attr] } : { Ref: id };
  }

  freshId(base: string, _type: string): string {
    const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
    let id = clean;
    // Resume numbering where the last id for this base stopped (one fix per resource would count up from 2 each time).
    let n = this.nextSuffix.get(clean) ?? 2;
    while (this.template.resources.has(id) || this.template.parameters.has(id) || this.issued.has(id)) id = clean + n++;
    this.nextSuffix.set(clean, n);
    this.issued.add(id);
    return id;
  }
}

/** Whether the template separates its resources with blank lines (new ones follow suit). */
function usesBlankLines(text: string, resources: Node): boolean {
  if (resources.kind !== 'map' || resources.pairs.length < 2) return false;
  const last = resources.pairs[resources.pairs.length - 1];
  const previous = resources.pairs[resources.pairs.length - 2];
  return /\n[ \t]*\r?\n/.test(text.slice(previous.span.end, last.key.span.start));
}

/**
 * Combines the edits of several writer calls for one fix: sorted, duplicates dropped, inserts at the
 * same offset joined, and an edit overlapping an earlier one dropped (so the fix always applies).
 */
export function combineEdits(...lists: TextEdit[][]): TextEdit[] {
  // Same file first: the first localeCompare of a process loads ICU (tens of ms of a CLI run).
  const all = lists.flat().sort((a, b) => (a.file === b.file ? 0 : a.file.localeCompare(b.file)) || a.span.start - b.span.start || a.span.end - b.span.end);
  const out: TextEdit[] = [];
  for (const e of all) {
    const prev = out[out.length - 1];
    if (prev && prev.file === e.file) {
      if (prev.span.start === e.span.start && prev.span.end === e.span.end && prev.newText === e.newText) continue;
      if (prev.span.start === prev.span.end && e.span.start === e.span.end && prev.span.start === e.span.start) {
        out[out.length - 1] = { ...prev, newText: prev.newText + e.newText };
        continue;
      }
      if (e.span.start < prev.span.end) continue;
    }
    out.push(e);
  }
  return out;
}
