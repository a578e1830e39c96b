// Databases and data stores in Terraform, plus EKS clusters, Instance Connect Endpoints and WAF associations.
import { Prop } from '../../model/types';
import { getValue, scalarString } from '../../source/tree';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString } from './props';
import { DatabaseSpec, inheritPlacement, newDatabase, subnetsOfGroup as subnetsOfGroupWith } from '../shared/databases';
import { addEksVpcConfig, newEksCluster, newInstanceConnectEndpoint, newWafAssociation } from '../shared/endpoints';
import { eachTarget } from '../shared/links';

export const DATABASE_SPECS: Record<string, DatabaseSpec> = {
  aws_db_instance: { kind: 'rds-instance', publicKey: 'publicly_accessible', subnetGroupKey: 'db_subnet_group_name', groupKeys: ['vpc_security_group_ids'], portKey: 'port', engineKey: 'engine' },
  aws_rds_cluster_instance: { kind: 'rds-instance', publicKey: 'publicly_accessible', subnetGroupKey: 'db_subnet_group_name', groupKeys: [], engineKey: 'engine' },
  aws_rds_cluster: { kind: 'rds-cluster', publicKey: 'publicly_accessible', subnetGroupKey: 'db_subnet_group_name', groupKeys: ['vpc_security_group_ids'], portKey: 'port', engineKey: 'engine' },
  aws_redshift_cluster: { kind: 'redshift', publicKey: 'publicly_accessible', subnetGroupKey: 'cluster_subnet_group_name', groupKeys: ['vpc_security_group_ids'], portKey: 'port' },
  aws_dms_replication_instance: { kind: 'dms', publicKey: 'publicly_accessible', subnetGroupKey: 'replication_subnet_group_id', groupKeys: ['vpc_security_group_ids'], engineKey: 'engine_version' },
  aws_elasticache_cluster: { kind: 'elasticache', subnetGroupKey: 'subnet_group_name', groupKeys: ['security_group_ids'], portKey: 'port', engineKey: 'engine' },
  aws_elasticache_replication_group: { kind: 'elasticache', subnetGroupKey: 'subnet_group_name', groupKeys: ['security_group_ids'], portKey: 'port', engineKey: 'engine' },
  aws_docdb_cluster: { kind: 'docdb', subnetGroupKey: 'db_subnet_group_name', groupKeys: ['vpc_security_group_ids'], portKey: 'port' },
  aws_neptune_cluster: { kind: 'neptune', subnetGroupKey: 'neptune_subnet_group_name', groupKeys: ['vpc_security_group_ids'], portKey: 'port' },
};

/** Subnets of the subnet group resource a database names (guards of the reference carried over). */
function subnetsOfGroup(ctx: BuildContext, group: Prop<string>): Prop<string>[] {
  return subnetsOfGroupWith(group, (id) => {
    const res = ctx.byAddress.get(id);
    return res && res.r.list(res.body, 'subnet_ids', asRef);
  });
}

export function buildDatabase(ctx: BuildContext, res: Resource): void {
  const spec = Object.hasOwn(DATABASE_SPECS, res.type) ? DATABASE_SPECS[res.type] : undefined;
  if (!spec) return;
  const r = res.r;
  const db = newDatabase(res.base, spec.kind);
  const pub = spec.publicKey ? r.prop(res.body, spec.publicKey, asBool) : undefined;
  if (pub) db.publiclyAccessible = pub;
  const group = spec.subnetGroupKey ? r.prop(res.body, spec.subnetGroupKey, asRef) : undefined;
  if (group) {
    db.subnetGroup = group;
    db.subnets.push(...subnetsOfGroup(ctx, group));
  }
  for (const key of spec.groupKeys) db.securityGroups.push(...r.list(res.body, key, asRef));
  const port = spec.portKey ? r.prop(res.body, spec.portKey, asNumber) : undefined;
  if (port) db.port = port;
  const engine = spec.engineKey ? r.prop(res.body, spec.engineKey, asString) : undefined;
  if (engine) db.engine = engine;
  ctx.add(db, ctx.model.databases);
}

export function buildSearchDomain(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const db = newDatabase(res.base, 'opensearch');
  const options = r.blocks(res.body, 'vpc_options');
  for (const o of options) {
    db.subnets.push(...r.list(o.map, 'subnet_ids', asRef, o.when));
    db.securityGroups.push(...r.list(o.map, 'security_group_ids', asRef, o.when));
  }
  if (!options.length) db.publicEndpoint = true;
  const engine = r.first(res.body, ['engine_version', 'elasticsearch_version'], asString);
  if (engine) db.engine = engine;
  ctx.add(db, ctx.model.databases);
}

/** aws_rds_cluster_instance takes its network placement from its cluster. */
export function inheritFromClusters(ctx: BuildContext): void {
  for (const db of ctx.model.databases) {
    if (db.databaseKind !== 'rds-instance') continue;
    const res = ctx.byAddress.get(db.id);
    const clusterProp = res?.r.prop(res.body, 'cluster_identifier', asRef);
    eachTarget(ctx.model, clusterProp, 'database', (cluster, when) => inheritPlacement(db, cluster, when, { subnets: !db.subnets.length, groups: true }));
  }
}

export function buildEksCluster(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const cluster = newEksCluster(res.base);
  for (const cfg of r.blocks(res.body, 'vpc_config')) {
    if (!cluster.vpcConfigLoc) cluster.vpcConfigLoc = r.loc(cfg.pair);
    addEksVpcConfig(cluster, {
      publicAccess: r.prop(cfg.map, 'endpoint_public_access', asBool, cfg.when),
      privateAccess: r.prop(cfg.map, 'endpoint_private_access', asBool, cfg.when),
      publicAccessCidrs: r.list(cfg.map, 'public_access_cidrs', asString, cfg.when),
      subnets: r.list(cfg.map, 'subnet_ids', asRef, cfg.when),
      securityGroups: r.list(cfg.map, 'security_group_ids', asRef, cfg.when),
    });
  }
  ctx.add(cluster, ctx.model.eksClusters);
}

export function buildInstanceConnectEndpoint(ctx: BuildContext, res: Resource): void {
  const endpoint = newInstanceConnectEndpoint(res.base, res.r.prop(res.body, 'subnet_id', asRef), res.r.list(res.body, 'security_group_ids', asRef));
  ctx.add(endpoint, ctx.model.instanceConnectEndpoints);
}

export function buildWafAssociation(ctx: BuildContext, res: Resource): void {
  // `resource_arn = aws_lb.typo.arn` names a resource the module does not declare: Terraform rejects the
  // reference, so the association protects nothing here (rather than maybe any load balancer).
  const target = scalarString(getValue(res.body, 'resource_arn'));
  const named = target !== undefined ? /^\$\{\s*(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.arn\s*\}$/.exec(target) : null;
  if (named && !res.r.resolver.module.resources.has(`${named[1]}.${named[2]}`)) return;
  const association = newWafAssociation(res.base, res.r.prop(res.body, 'resource_arn', asRef), res.r.first(res.body, ['web_acl_arn', 'web_acl_id'], asRef));
  ctx.add(association, ctx.model.wafAssociations);
}
