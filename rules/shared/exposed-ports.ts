// Which world-open rule cases belong to the specific rules (admin ports, database ports), so the general one can leave them.
import { Database, Entity } from '../../server/src/model/types';
import { knownValues } from '../../server/src/topology/guards';
import { Topology } from '../../server/src/topology/topology';
import { RuleCase, coversPort } from './sg-rule-cases';
import { backendsUsing, ruleEnabled } from './sg-findings';

export const ADMIN_PORT_RULE = 'world-open-admin-port';
export const PUBLIC_DATABASE_RULE = 'public-database';

/** SSH and RDP, with the protocols they run over. */
export const ADMIN_PORTS: { protocol: string; port: number; name: string }[] = [
  { protocol: 'tcp', port: 22, name: 'SSH' },
  { protocol: 'tcp', port: 3389, name: 'RDP' },
  { protocol: 'udp', port: 3389, name: 'RDP' },
];

/** The admin ports a case admits (empty when none). */
export function adminPortsOf(c: RuleCase): typeof ADMIN_PORTS {
  return ADMIN_PORTS.filter((admin) => coversPort(c, admin.protocol, admin.port));
}

/**
 * Members of a group that run code someone could log in to: instances, auto scaling groups and their launch
 * templates, ECS services (tasks), EKS node groups and ENIs. Not load balancers (no SSH or RDP), not databases
 * (public-database judges those), not Lambda functions (they accept no inbound connections), not endpoints.
 */
export function adminTargets(topology: Topology, groupId: string): Entity[] {
  return topology.groupMembers(groupId).filter((m) => m.kind === 'workload' && m.workloadKind !== 'lambda-function');
}

/**
 * Whether world-open-admin-port judges a group: it has members that run code, or no members at all (nothing
 * in the template stops something being attached to it later). A group used only by load balancers,
 * databases or functions opens no admin port.
 */
export function adminRuleJudges(topology: Topology, groupId: string): boolean {
  return adminTargets(topology, groupId).length > 0 || topology.groupMembers(groupId).length === 0;
}

/** Default ports by engine name (prefix match) and by store kind, for when no Port is written. */
const ENGINE_PORTS: [RegExp, number[]][] = [
  [/^(aurora-mysql|aurora$|mysql|mariadb)/i, [3306]],
  [/^(aurora-postgresql|postgres)/i, [5432]],
  [/^sqlserver/i, [1433]],
  [/^oracle/i, [1521]],
  [/^db2/i, [50000]],
  [/^redis|^valkey/i, [6379]],
  [/^memcached/i, [11211]],
];

const KIND_PORTS: Record<Database['databaseKind'], number[]> = {
  'rds-instance': [3306, 5432, 1433, 1521],
  'rds-cluster': [3306, 5432],
  redshift: [5439],
  dms: [],
  opensearch: [443, 9200],
  elasticache: [6379, 11211],
  docdb: [27017],
  neptune: [8182],
};

/** Ports a database listens on: its Port, else its engine's default, else its kind's usual ports. */
export function databasePorts(db: Database): number[] {
  const ports = new Set<number>(knownValues(db.port).map(Number).filter((n) => Number.isFinite(n)));
  if (!ports.size) {
    for (const engine of knownValues(db.engine)) {
      for (const [pattern, list] of ENGINE_PORTS) if (pattern.test(String(engine))) list.forEach((p) => ports.add(p));
    }
  }
  if (!ports.size) KIND_PORTS[db.databaseKind].forEach((p) => ports.add(p));
  // OpenSearch serves HTTPS on 443 whatever else is configured.
  if (db.databaseKind === 'opensearch') ports.add(443);
  return [...ports].sort((a, b) => a - b);
}

/** A database a world-open case reaches: on `port` when the case covers one of its ports. */
export interface DatabaseExposure {
  db: Database;
  /** Undefined when the group serves databases alone and the case misses the ports read from the template. */
  port?: number;
}

/**
 * Databases a world-open case on a group exposes: those whose ports the case admits over TCP, with the first
 * port hit; else, when the group serves databases alone and one of them has no Port written, all of them.
 * Without a written Port the listening port is a guess: a cluster restored from a snapshot keeps the
 * snapshot's, and Aurora's default has differed by engine mode and over time; the world reaches nothing
 * but those databases through such a group.
 */
export function databasesExposedBy(topology: Topology, groupId: string, c: RuleCase): DatabaseExposure[] {
  // ICMP reaches no service.
  if (c.protocol === 'icmp' || c.protocol === 'icmpv6') return [];
  const out: DatabaseExposure[] = [];
  const dbs: Database[] = [];
  for (const view of backendsUsing(topology, groupId)) {
    if (view.entity.kind !== 'database') continue;
    dbs.push(view.entity);
    const port = databasePorts(view.entity).find((p) => coversPort(c, 'tcp', p));
    if (port !== undefined) out.push({ db: view.entity, port });
  }
  if (out.length || !dbs.length || dbs.every((db) => portWritten(topology, db))) return out;
  // Lambda functions accept no inbound connections: they do not make a group more than the databases'.
  const members = topology.groupMembers(groupId).filter((m) => !(m.kind === 'workload' && m.workloadKind === 'lambda-function'));
  if (!members.every((m) => m.kind === 'database' && topology.role(m) === 'backend')) return [];
  return dbs.map((db) => ({ db }));
}

/** The database's port is written in the template (an RDS instance in a cluster listens on the cluster's). */
export function portWritten(topology: Topology, db: Database): boolean {
  if (knownValues(db.port).length) return true;
  const cluster = topology.entity(knownValues(db.cluster)[0]);
  return cluster?.kind === 'database' && knownValues(cluster.port).length > 0;
}

/**
 * A world-open case that world-open-admin-port or public-database reports in full (when they are on), so the
 * general rule can leave it. Only a case that opens nothing else is left: a group open on all ports exposes
 * the application ports as well as SSH, and a database port on a group that also serves a server exposes
 * the server; both rules report those.
 */
export function ownedBySpecificRule(topology: Topology, groupId: string, c: RuleCase): boolean {
  if (ruleEnabled(topology, ADMIN_PORT_RULE) && adminRuleJudges(topology, groupId) && onlyPorts(c, (protocol, port) => ADMIN_PORTS.some((a) => a.protocol === protocol && a.port === port))) return true;
  if (!ruleEnabled(topology, PUBLIC_DATABASE_RULE)) return false;
  const exposed = databasesExposedBy(topology, groupId, c);
  if (!exposed.length) return false;
  const servesOnlyDatabases = backendsUsing(topology, groupId).every((view) => view.entity.kind === 'database' || (view.entity.kind === 'workload' && view.entity.workloadKind === 'lambda-function'));
  if (!servesOnlyDatabases) return false;
  const ports = new Set(exposed.flatMap((e) => databasePorts(e.db)));
  return exposed.some((e) => e.port === undefined) || onlyPorts(c, (protocol, port) => protocol === 'tcp' && ports.has(port));
}

/** Every port the case admits passes the test (ranges wider than 64 ports never do). */
function onlyPorts(c: RuleCase, test: (protocol: string, port: number) => boolean): boolean {
  if (c.protocol === 'all' || c.from === undefined || c.to === undefined || c.to - c.from > 64 || c.from > c.to) return false;
  for (let port = c.from; port <= c.to; port++) if (!test(c.protocol, port)) return false;
  return true;
}
