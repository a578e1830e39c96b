// Which world-open rule cases belong to the specific rules (admin ports, database ports), so the general one can leave them.
import { Database } from '../../server/src/model/types';
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

/** Databases using a group whose ports the case admits over TCP, with the first port hit. */
export function databasesExposedBy(topology: Topology, groupId: string, c: RuleCase): { db: Database; port: number }[] {
  const out: { db: Database; port: number }[] = [];
  for (const view of backendsUsing(topology, groupId)) {
    if (view.entity.kind !== 'database') continue;
    const port = databasePorts(view.entity).find((p) => coversPort(c, 'tcp', p));
    if (port !== undefined) out.push({ db: view.entity, port });
  }
  return out;
}

/** A world-open case that world-open-admin-port or public-database reports (when they are on). */
export function ownedBySpecificRule(topology: Topology, groupId: string, c: RuleCase): boolean {
  if (ruleEnabled(topology, ADMIN_PORT_RULE) && adminPortsOf(c).length) return true;
  return ruleEnabled(topology, PUBLIC_DATABASE_RULE) && databasesExposedBy(topology, groupId, c).length > 0;
}
