// public-database: a database with a public endpoint (PubliclyAccessible, DMS default, OpenSearch without VPC) or its port open to the world.
import { Rule, RuleFinding } from '../../server/src/engine/types';
import { Database, SgRule } from '../../server/src/model/types';
import { combineWhen, isTrue } from '../../server/src/topology/guards';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { PUBLIC_DATABASE_RULE, databasesExposedBy } from '../shared/exposed-ports';
import { RuleGroup, groupsOfRule, isRuleSuppressed, listNames, removeRuleFix, ruleFindingBase, rulesOf } from '../shared/sg-findings';
import { describeTraffic, isWorldCase, ruleCases, RuleCase } from '../shared/sg-rule-cases';
import { mskPublicAccess } from './public-access';
import { restrictFixes } from './restrict';

export const rule: Rule = {
  meta: {
    id: PUBLIC_DATABASE_RULE,
    defaultSeverity: 'error',
    description: 'A database is publicly accessible (RDS, Aurora, Redshift, DMS, OpenSearch) or its port is open to the world: databases are never public.',
    fixable: true,
    docs: 'rules/public-database/public-database.md',
  },
  check(topology: Topology): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const backend of topology.backends) {
      if (backend.entity.kind !== 'database') continue;
      findings.push(...publicFlag(topology, backend, backend.entity));
      const endpoint = publicEndpoint(topology, backend.entity) ?? mskPublicAccess(topology, backend.entity);
      if (endpoint) findings.push(endpoint);
    }
    for (const sgRule of rulesOf(topology.model, 'ingress')) {
      if (isRuleSuppressed(sgRule, PUBLIC_DATABASE_RULE)) continue;
      for (const group of groupsOfRule(topology, sgRule)) {
        const finding = openPort(topology, sgRule, group);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

const KIND_NAMES: Record<Database['databaseKind'], string> = {
  'rds-instance': 'RDS instance',
  'rds-cluster': 'RDS cluster',
  redshift: 'Redshift cluster',
  dms: 'DMS replication instance',
  opensearch: 'OpenSearch domain',
  elasticache: 'ElastiCache cluster',
  docdb: 'DocumentDB cluster',
  neptune: 'Neptune cluster',
  msk: 'MSK cluster',
  'redshift-serverless': 'Redshift Serverless workgroup',
};

/** " in PublicA (0.0.0.0/0 -> Igw)" when the database sits in a public subnet: the path that makes it reachable. */
function placement(backend: BackendView): { label: string; path: RuleFinding['path'] } {
  const view = backend.subnets.find((s) => s.cls === 'public' && !s.when?.length) ?? backend.subnets.find((s) => s.cls === 'public');
  if (view) return { label: ` in ${view.label}: reachable from the internet`, path: view.path };
  if (backend.inDefaultVpc) return { label: ' in the default VPC (all subnets public): reachable from the internet', path: [] };
  return { label: ': it gets a public endpoint', path: [] };
}

function publicFlag(topology: Topology, backend: BackendView, db: Database): RuleFinding[] {
  const model = topology.model;
  const key = native(model, 'PubliclyAccessible', 'publicly_accessible');
  const where = placement(backend);
  const kind = KIND_NAMES[db.databaseKind];
  if (!db.publiclyAccessible) {
    const reason = defaultReason(backend, db, model.dialect);
    if (!reason) return [];
    return [{
      resource: db.id,
      loc: db.loc,
      message: `${kind} ${db.id} is publicly accessible (${key} is not set, and ${reason})${where.label}`,
      path: [...where.path, { loc: db.loc, message: `${db.id} has no ${key}` }],
      fixes: [{ title: `Set ${key}: false on ${db.id}`, edits: model.writer.setProperty(db, [key], false), preferred: true }],
      ...(db.constructPath ? { constructPath: db.constructPath } : {}),
    }];
  }
  const prop = db.publiclyAccessible;
  const alt = guardedAlts(prop, isTrue)[0];
  if (!alt) return [];
  return [{
    resource: db.id,
    loc: prop.loc,
    message: `${kind} ${db.id} is publicly accessible (${key}: true)${where.label}`,
    path: [...where.path, { loc: prop.loc, message: `${db.id} asks for a public endpoint` }],
    when: alt.when,
    fixes: [{ title: `Set ${key}: false on ${db.id}`, edits: model.writer.setValue(prop, false), preferred: true }],
    ...(db.constructPath ? { constructPath: db.constructPath } : {}),
  }];
}

/**
 * Why an absent PubliclyAccessible means public, or undefined. CloudFormation and the APIs default it to
 * true for DMS, and for an RDS instance in the default VPC (no subnet group, no cluster); the Terraform
 * provider sends false, so Terraform is judged only on what is written.
 */
function defaultReason(backend: BackendView, db: Database, dialect: string): string | undefined {
  if (dialect !== 'cloudformation') return undefined;
  if (db.databaseKind === 'dms') return 'DMS defaults to true';
  if (db.databaseKind === 'rds-instance' && !db.cluster && !db.subnetGroup && !db.subnets.length && backend.inDefaultVpc) {
    return 'an instance without DBSubnetGroupName defaults to true';
  }
  return undefined;
}

function publicEndpoint(topology: Topology, db: Database): RuleFinding | undefined {
  if (db.databaseKind !== 'opensearch' || !db.publicEndpoint) return undefined;
  const key = native(topology.model, 'VPCOptions', 'vpc_options');
  return {
    resource: db.id,
    loc: db.loc,
    message: `${KIND_NAMES[db.databaseKind]} ${db.id} has no ${key}: its endpoint is public on the internet, outside the VPC`,
    path: [{ loc: db.loc, message: `${db.id} has no ${key}` }],
    // Placing a domain in a VPC needs subnets and a group chosen by its owner (and replaces the domain): no automatic fix.
    fixes: [],
    ...(db.constructPath ? { constructPath: db.constructPath } : {}),
  };
}

/** The database is or may be public: PubliclyAccessible true, unknown or true by default, or a placement that is public or not known. */
function mayBePublic(topology: Topology, db: Database): boolean {
  const view = topology.backendOf(db.id);
  if (!view || view.inDefaultVpc || !view.subnets.length) return true;
  if (view.subnets.some((subnet) => subnet.cls === 'public' || subnet.cls === 'unknown')) return true;
  if (db.publicEndpoint || db.publicAccessType?.alts.some((alt) => alt.value === undefined || alt.value.toUpperCase() === 'SERVICE_PROVIDED_EIPS')) return true;
  if (!db.publiclyAccessible) return defaultReason(view, db, topology.model.dialect) !== undefined;
  return db.publiclyAccessible.alts.some((alt) => alt.value === undefined || isTrue(alt.value));
}

function openPort(topology: Topology, sgRule: SgRule, group: RuleGroup): RuleFinding | undefined {
  for (const c of ruleCases(sgRule)) {
    if (!isWorldCase(sgRule, c)) continue;
    const exposed = databasesExposedBy(topology, group.id, c);
    if (!exposed.length) continue;
    const when = combineWhen(c.when, group.when);
    if (when === null) continue;
    const traffic = describeTraffic(c);
    const names = listNames(exposed.map((e) => e.db.id));
    const portList = [...new Set(exposed.flatMap((e) => (e.port === undefined ? [] : [e.port])))];
    const ports = `port${portList.length > 1 ? 's' : ''} ${portList.join(', ')}`;
    const plural = exposed.length > 1;
    // Not publicly accessible and in private subnets: the world rule is reached only from inside the VPC (and what is peered with it).
    const reachable = exposed.some((e) => mayBePublic(topology, e.db));
    const open = reachable ? 'open to the internet' : `open to anything that reaches the VPC (${names} ${plural ? 'are' : 'is'} not publicly accessible and ${plural ? 'sit' : 'sits'} in private subnets, so not to the internet today)`;
    const what = portList.length
      ? `the database ${ports} of ${names} is ${open}`
      : `it serves only the database${plural ? 's' : ''} ${names}, which ${plural ? 'are' : 'is'} ${open} (no Port is written: the engine's default or a snapshot's port may be in ${traffic})`;
    return {
      ...ruleFindingBase(sgRule, group),
      message: `${group.id} admits ${traffic} from ${c.peer}: ${what}`,
      lowered: !reachable,
      path: [
        { loc: sgRule.peer.value.loc, message: `${group.id} admits ${traffic} from ${c.peer}` },
        ...exposed.map((e) => ({ loc: e.db.loc, message: e.port === undefined ? `${e.db.id} uses ${group.id}` : `${e.db.id} listens on ${e.port} and uses ${group.id}` })),
      ],
      when,
      notes: c.note ? [c.note] : undefined,
      fixes: restrictFixes(topology, sgRule, group, c, exposed.map((e) => e.db)),
    };
  }
  return undefined;
}
