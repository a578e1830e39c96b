// Databases and data stores in Terraform, plus EKS clusters, Instance Connect Endpoints and WAF associations.
import { Database, DatabaseKind, EksCluster, InstanceConnectEndpoint, Prop, WafAssociation } from '../../model/types';
import { BuildContext, Resource } from './context';
import { asBool, asNumber, asRef, asString, guardProp, refTargets } from './props';

interface DatabaseSpec {
  kind: DatabaseKind;
  subnetGroupKey?: string;
  groupKeys: string[];
  portKey?: string;
  engineKey?: string;
  publicKey?: string;
}

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
  const out: Prop<string>[] = [];
  for (const t of refTargets(group)) {
    const res = ctx.byAddress.get(t.id);
    if (!res) continue;
    for (const prop of res.r.list(res.body, 'subnet_ids', asRef)) {
      const guarded = guardProp(prop, t.when);
      if (guarded) out.push(guarded);
    }
  }
  // A group we cannot see (literal name, variable): subnets unknown, but not the default VPC.
  if (!out.length) out.push({ alts: group.alts.map((a) => ({ value: undefined, ...(a.when ? { when: a.when } : {}) })), loc: group.loc, valueLoc: group.valueLoc });
  return out;
}

export function buildDatabase(ctx: BuildContext, res: Resource): void {
  const spec = DATABASE_SPECS[res.type];
  if (!spec) return;
  const r = res.r;
  const db: Database = { ...res.base, kind: 'database', databaseKind: spec.kind, subnets: [], securityGroups: [] };
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
  const db: Database = { ...res.base, kind: 'database', databaseKind: 'opensearch', subnets: [], securityGroups: [] };
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
    for (const t of refTargets(clusterProp)) {
      const cluster = ctx.model.byId.get(t.id);
      if (cluster?.kind !== 'database') continue;
      if (!db.subnets.length) {
        if (cluster.subnetGroup && !db.subnetGroup) db.subnetGroup = cluster.subnetGroup;
        db.subnets.push(...cluster.subnets.map((p) => guardProp(p, t.when)).filter((p): p is Prop<string> => !!p));
      }
      if (!db.securityGroups.length) db.securityGroups.push(...cluster.securityGroups.map((p) => guardProp(p, t.when)).filter((p): p is Prop<string> => !!p));
      if (!db.port && cluster.port) db.port = cluster.port;
      if (!db.engine && cluster.engine) db.engine = cluster.engine;
    }
  }
}

export function buildEksCluster(ctx: BuildContext, res: Resource): void {
  const r = res.r;
  const cluster: EksCluster = { ...res.base, kind: 'eks-cluster', publicAccessCidrs: [], subnets: [], securityGroups: [] };
  for (const cfg of r.blocks(res.body, 'vpc_config')) {
    if (!cluster.vpcConfigLoc) cluster.vpcConfigLoc = r.loc(cfg.pair);
    const pub = r.prop(cfg.map, 'endpoint_public_access', asBool, cfg.when);
    if (pub && !cluster.endpointPublicAccess) cluster.endpointPublicAccess = pub;
    const priv = r.prop(cfg.map, 'endpoint_private_access', asBool, cfg.when);
    if (priv && !cluster.endpointPrivateAccess) cluster.endpointPrivateAccess = priv;
    cluster.publicAccessCidrs.push(...r.list(cfg.map, 'public_access_cidrs', asString, cfg.when));
    cluster.subnets.push(...r.list(cfg.map, 'subnet_ids', asRef, cfg.when));
    cluster.securityGroups.push(...r.list(cfg.map, 'security_group_ids', asRef, cfg.when));
  }
  ctx.add(cluster, ctx.model.eksClusters);
}

export function buildInstanceConnectEndpoint(ctx: BuildContext, res: Resource): void {
  const endpoint: InstanceConnectEndpoint = { ...res.base, kind: 'instance-connect-endpoint', securityGroups: [] };
  const subnet = res.r.prop(res.body, 'subnet_id', asRef);
  if (subnet) endpoint.subnet = subnet;
  endpoint.securityGroups.push(...res.r.list(res.body, 'security_group_ids', asRef));
  ctx.add(endpoint, ctx.model.instanceConnectEndpoints);
}

export function buildWafAssociation(ctx: BuildContext, res: Resource): void {
  const unknown = { alts: [{ value: undefined }], loc: res.base.loc, valueLoc: res.base.loc };
  const association: WafAssociation = {
    ...res.base,
    kind: 'waf-association',
    resource: res.r.prop(res.body, 'resource_arn', asRef) ?? unknown,
    webAcl: res.r.prop(res.body, 'web_acl_arn', asRef) ?? unknown,
  };
  ctx.add(association, ctx.model.wafAssociations);
}
