// Database entities and their placement (subnet groups, clusters, replicas), alike in both formats.
import { Database, DatabaseKind, EntityBase, Guard, Prop } from '../../model/types';
import { guardAll, refTargets, unknownValues } from './props';

/** Where a database type writes what the model needs (its format's property or argument names). */
export interface DatabaseSpec {
  kind: DatabaseKind;
  subnetGroupKey?: string;
  groupKeys: string[];
  portKey?: string;
  engineKey?: string;
  /** Which key holds the public flag (absent for stores that have none). */
  publicKey?: string;
}

export function newDatabase(base: EntityBase, databaseKind: DatabaseKind): Database {
  return { ...base, kind: 'database', databaseKind, subnets: [], securityGroups: [] };
}

/**
 * Subnets of the subnet group resource a database names, the reference's guards carried over; `subnetsOf` reads
 * a group resource's subnets (undefined: no such resource). A group we cannot see (a literal name, a parameter
 * or variable) leaves the subnets unknown, but the database is not in the default VPC.
 */
export function subnetsOfGroup(group: Prop<string>, subnetsOf: (id: string) => Prop<string>[] | undefined): Prop<string>[] {
  const out: Prop<string>[] = [];
  for (const t of refTargets(group)) out.push(...guardAll(subnetsOf(t.id) ?? [], t.when));
  if (!out.length) out.push(unknownValues(group));
  return out;
}

/**
 * A database placed by another (an Aurora cluster, a replica's source), under the reference's guards: its
 * subnets when `subnets`, its groups when `groups` and none are written, its port and engine when unwritten.
 */
export function inheritPlacement(db: Database, from: Database, when: Guard[] | undefined, take: { subnets: boolean; groups: boolean }): void {
  if (take.subnets) {
    if (from.subnetGroup && !db.subnetGroup) db.subnetGroup = from.subnetGroup;
    db.subnets.push(...guardAll(from.subnets, when));
  }
  if (take.groups && !db.securityGroups.length) db.securityGroups.push(...guardAll(from.securityGroups, when));
  if (!db.port && from.port) db.port = from.port;
  if (!db.engine && from.engine) db.engine = from.engine;
}
