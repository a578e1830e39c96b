// Shared state of one adapter run: the model being filled, the resolver, and each resource's basics.
import { MapNode, Node, PairNode, SourceFile, getPair, getValue, scalarString } from '../../source/tree';
import { Entity, EntityBase, Loc, Model } from '../../model/types';
import { applyOurMetadata, applyPeerMetadata } from '../shared/metadata';
import { PropReader } from './props';
import { Resolver } from './resolve';

/** One resource of the template, as the entity builders see it. */
export interface Resource {
  id: string;
  type: string;
  pair: PairNode;
  /** The Properties map (undefined when absent or not a map). */
  props: Node | undefined;
  /** Locations, Condition and Metadata shared by the entities built from it. */
  base: EntityBase;
}

export class BuildContext {
  /** Resources by logical ID, in template order. */
  readonly byLogicalId = new Map<string, Resource>();
  readonly reader: PropReader;

  constructor(
    readonly file: SourceFile,
    readonly model: Model,
    readonly resolver: Resolver,
  ) {
    this.reader = new PropReader(resolver, file.path);
  }

  loc(node: { span: { start: number; end: number } }): Loc {
    return this.reader.loc(node);
  }

  add<E extends Entity>(entity: E, list: E[]): E {
    list.push(entity);
    this.model.byId.set(entity.id, entity);
    return entity;
  }

  problem(message: string, at: { span: { start: number; end: number } }, severity: 'error' | 'warning' = 'warning'): void {
    this.model.problems.push({ ruleId: 'parse-error', message, loc: this.loc(at), severity });
  }
}

/** EntityBase of a resource: locations, Condition, Metadata suppressions / intended edge / CDK path. */
export function entityBase(ctx: BuildContext, id: string, type: string, pair: PairNode): EntityBase {
  const node = pair.value;
  const base: EntityBase = { id, type, loc: ctx.loc(pair.key), blockLoc: ctx.loc(pair), suppressions: [] };
  const properties = getPair(node, 'Properties');
  if (properties && properties.value.kind === 'map') base.propertiesLoc = ctx.loc(properties);
  const condition = scalarString(getValue(node, 'Condition'));
  if (condition !== undefined) base.condition = condition;
  const metadata = getValue(node, 'Metadata');
  const cdkPath = scalarString(getValue(metadata, 'aws:cdk:path'));
  if (cdkPath !== undefined) base.constructPath = cdkPath;
  const ours = getValue(metadata, 'exposure-lint');
  if (ours?.kind === 'map') applyOurMetadata(ctx, base, ours);
  applyPeerMetadata(ctx, base, metadata);
  return base;
}

export function isMap(node: Node | undefined): node is MapNode {
  return node?.kind === 'map';
}
