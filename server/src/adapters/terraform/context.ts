// Shared state of one Terraform adapter run: the module, the model being filled, and each resource's basics.
import { MapNode, Node, PairNode, SourceFile, getValue, scalarString } from '../../source/tree';
import { Entity, EntityBase, Loc, Model } from '../../model/types';
import { applyOurMetadata } from '../shared/metadata';
import { TfModule, TfResource } from './module';
import { Resolver } from './resolve';
import { TfReader } from './props';

/** One resource block, as the entity builders see it. */
export interface Resource {
  id: string;
  type: string;
  file: SourceFile;
  pair: PairNode;
  body: MapNode | undefined;
  base: EntityBase;
  /** Reads this resource's arguments (locations in its own file). */
  r: TfReader;
}

export class BuildContext {
  readonly byAddress = new Map<string, Resource>();
  private readonly readers = new Map<string, TfReader>();

  constructor(
    readonly module: TfModule,
    readonly model: Model,
    readonly resolver: Resolver,
    /** Spans shared by several list items (see TfReader). */
    readonly shared: Set<string>,
  ) {}

  /** One reader per file and module instance (a child module's files are read in each instance's scope). */
  reader(file: SourceFile, resolver: Resolver = this.resolver): TfReader {
    const key = `${resolver.module.prefix}\0${file.path}`;
    let reader = this.readers.get(key);
    if (!reader) this.readers.set(key, (reader = new TfReader(resolver, file.path, this.shared)));
    return reader;
  }

  add<E extends Entity>(entity: E, list: E[]): E {
    list.push(entity);
    this.model.byId.set(entity.id, entity);
    return entity;
  }

  problem(message: string, file: SourceFile, at: { span: { start: number; end: number } }, severity: 'error' | 'warning' = 'warning'): void {
    this.model.problems.push({ ruleId: 'parse-error', message, loc: locIn(file, at), severity });
  }

  resource(res: TfResource, resolver: Resolver = this.resolver): Resource {
    const forEach = getValue(res.body, 'for_each');
    const r = forEach ? new TfReader(resolver.scoped(forEach), res.file.path, this.shared) : this.reader(res.file, resolver);
    const out: Resource = { id: res.id, type: res.type, file: res.file, pair: res.pair, body: res.body, base: entityBase(r, res), r };
    this.byAddress.set(res.id, out);
    return out;
  }
}

export function locIn(file: SourceFile, node: { span: { start: number; end: number } }): Loc {
  return { file: file.path, span: { start: node.span.start, end: node.span.end } };
}

/**
 * EntityBase of a resource: the name key, the block, and what its `"//"` comment key says:
 * `{"exposure-lint": {"suppress": ..., "intended-edge": true}}` and cdktf's `{"metadata": {"path": ...}}`.
 */
export function entityBase(r: TfReader, res: TfResource): EntityBase {
  const base: EntityBase = { id: res.id, type: res.type, loc: r.loc(res.pair.key), blockLoc: r.loc(res.pair), suppressions: [] };
  if (res.body) base.propertiesLoc = r.loc(res.pair);
  for (const comment of commentsOf(res.body)) {
    const path = scalarString(getValue(getValue(comment, 'metadata'), 'path'));
    if (path !== undefined && base.constructPath === undefined) base.constructPath = path;
    const ours = getValue(comment, 'exposure-lint');
    if (ours?.kind === 'map') applyOurMetadata(r, base, ours);
  }
  return base;
}

/** The `"//"` values of a body that are objects (a plain string comment says nothing to us). */
function commentsOf(body: MapNode | undefined): Node[] {
  if (!body) return [];
  return body.pairs.filter((p) => p.key.value === '//' && p.value.kind === 'map').map((p) => p.value);
}
