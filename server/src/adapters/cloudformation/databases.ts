// Databases and data stores: RDS, Redshift, DMS, OpenSearch, ElastiCache, DocumentDB, Neptune.
import { Database, Guard, Prop } from '../../model/types';
import { Node } from '../../source/tree';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString } from './props';
import { DatabaseSpec, inheritPlacement, newDatabase, subnetsOfGroup as subnetsOfGroupWith } from '../shared/databases';
import { eachTarget } from '../shared/links';
import { unknownValues } from '../shared/props';
import { under } from './workloads';

export const DATABASE_SPECS: Record<string, DatabaseSpec> = {
  'AWS::RDS::DBInstance': { kind: 'rds-instance', publicKey: 'PubliclyAccessible', subnetGroupKey: 'DBSubnetGroupName', groupKeys: ['VPCSecurityGroups'], portKey: 'Port', engineKey: 'Engine' },
  'AWS::RDS::DBCluster': { kind: 'rds-cluster', publicKey: 'PubliclyAccessible', subnetGroupKey: 'DBSubnetGroupName', groupKeys: ['VpcSecurityGroupIds'], portKey: 'Port', engineKey: 'Engine' },
  'AWS::Redshift::Cluster': { kind: 'redshift', publicKey: 'PubliclyAccessible', subnetGroupKey: 'ClusterSubnetGroupName', groupKeys: ['VpcSecurityGroupIds'], portKey: 'Port' },
  'AWS::DMS::ReplicationInstance': { kind: 'dms', publicKey: 'PubliclyAccessible', subnetGroupKey: 'ReplicationSubnetGroupIdentifier', groupKeys: ['VpcSecurityGroupIds'], engineKey: 'EngineVersion' },
  'AWS::ElastiCache::CacheCluster': { kind: 'elasticache', subnetGroupKey: 'CacheSubnetGroupName', groupKeys: ['VpcSecurityGroupIds'], portKey: 'Port', engineKey: 'Engine' },
  'AWS::ElastiCache::ReplicationGroup': { kind: 'elasticache', subnetGroupKey: 'CacheSubnetGroupName', groupKeys: ['SecurityGroupIds'], portKey: 'Port', engineKey: 'Engine' },
  'AWS::DocDB::DBCluster': { kind: 'docdb', subnetGroupKey: 'DBSubnetGroupName', groupKeys: ['VpcSecurityGroupIds'], portKey: 'Port' },
  'AWS::Neptune::DBCluster': { kind: 'neptune', subnetGroupKey: 'DBSubnetGroupName', groupKeys: ['VpcSecurityGroupIds'], portKey: 'Port' },
};

/** Subnets of a subnet group resource the database refers to (guards of the reference carried over). */
function subnetsOfGroup(ctx: BuildContext, group: Prop<string>): Prop<string>[] {
  return subnetsOfGroupWith(group, (id) => {
    const res = ctx.byLogicalId.get(id);
    return res && ctx.reader.list(res.props, 'SubnetIds', asRef);
  });
}

function readInto(ctx: BuildContext, db: Database, spec: DatabaseSpec, map: Node | undefined, when?: Guard[]): void {
  const r = ctx.reader;
  if (spec.publicKey && !db.publiclyAccessible) {
    const pub = r.prop(map, spec.publicKey, asBool, when);
    if (pub) db.publiclyAccessible = pub;
  }
  if (spec.subnetGroupKey && !db.subnetGroup) {
    const group = r.prop(map, spec.subnetGroupKey, asRef, when);
    if (group) {
      db.subnetGroup = group;
      db.subnets.push(...subnetsOfGroup(ctx, group));
    }
  }
  for (const key of spec.groupKeys) db.securityGroups.push(...r.list(map, key, asRef, when));
  if (spec.portKey && !db.port) {
    const port = r.prop(map, spec.portKey, asNumber, when);
    if (port) db.port = port;
  }
  if (spec.engineKey && !db.engine) {
    const engine = r.prop(map, spec.engineKey, asString, when);
    if (engine) db.engine = engine;
  }
}

export function buildDatabase(ctx: BuildContext, res: Resource): void {
  const spec = Object.hasOwn(DATABASE_SPECS, res.type) ? DATABASE_SPECS[res.type] : undefined;
  if (!spec) return;
  const db = newDatabase(res.base, spec.kind);
  readInto(ctx, db, spec, res.props);
  ctx.add(db, ctx.model.databases);
}

export function buildSearchDomain(ctx: BuildContext, res: Resource): void {
  const r = ctx.reader;
  const db = newDatabase(res.base, 'opensearch');
  const options = under(ctx, res.props, ['VPCOptions']);
  for (const o of options) {
    db.subnets.push(...r.list(o.map, 'SubnetIds', asRef, o.when));
    db.securityGroups.push(...r.list(o.map, 'SecurityGroupIds', asRef, o.when));
  }
  if (!options.length) db.publicEndpoint = true;
  const engine = r.prop(res.props, 'EngineVersion', asString) ?? r.prop(res.props, 'ElasticsearchVersion', asString);
  if (engine) db.engine = engine;
  ctx.add(db, ctx.model.databases);
}

/** Alternatives of a reference that name no database of the template (an import, a parameter, a literal name). */
function unresolvedDatabase(ctx: BuildContext, prop: Prop<string>): Prop<string> | undefined {
  const alts = prop.alts.filter((a) => a.value === undefined || ctx.model.byId.get(a.value)?.kind !== 'database');
  return alts.length ? unknownValues({ ...prop, alts }) : undefined;
}

/**
 * An RDS instance in an Aurora/multi-AZ cluster takes its network placement from the cluster, and a read
 * replica (SourceDBInstanceIdentifier) its subnets from its source. A cluster or source from elsewhere leaves the
 * subnets unknown: not the default VPC.
 */
export function inheritFromClusters(ctx: BuildContext): void {
  for (const db of ctx.model.databases) {
    if (db.databaseKind !== 'rds-instance') continue;
    const res = ctx.byLogicalId.get(db.id);
    const clusterProp = ctx.reader.prop(res?.props, 'DBClusterIdentifier', asRef);
    if (clusterProp) db.cluster = clusterProp;
    const sourceProp = ctx.reader.prop(res?.props, 'SourceDBInstanceIdentifier', asRef);
    const placedBy = clusterProp ?? sourceProp;
    const inherit = !db.subnets.length;
    const unknown = placedBy && inherit ? unresolvedDatabase(ctx, placedBy) : undefined;
    if (unknown) db.subnets.push(unknown);
    // A replica does not take its source's groups (AWS gives it the VPC's default group); a cluster member does.
    eachTarget(ctx.model, placedBy, 'database', (cluster, when) => inheritPlacement(db, cluster, when, { subnets: inherit, groups: placedBy === clusterProp }));
  }
}

/** Subnet group types: read only to resolve the subnets of the databases that name them. */
export const SUBNET_GROUP_TYPES = new Set([
  'AWS::RDS::DBSubnetGroup',
  'AWS::Redshift::ClusterSubnetGroup',
  'AWS::DMS::ReplicationSubnetGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::DocDB::DBSubnetGroup',
  'AWS::Neptune::DBSubnetGroup',
]);
