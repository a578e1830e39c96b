// public-database for MSK: ConnectivityInfo.PublicAccess.Type SERVICE_PROVIDED_EIPS gives every broker a public address.
import { RuleFinding } from '../../server/src/engine/types';
import { Database } from '../../server/src/model/types';
import { guardedAlts, native } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';

const PUBLIC_TYPE = 'SERVICE_PROVIDED_EIPS';

/** MSK public access is on; the fix turns it off (DISABLED), the preferred fix for a data store. */
export function mskPublicAccess(topology: Topology, db: Database): RuleFinding | undefined {
  const prop = db.publicAccessType;
  if (db.databaseKind !== 'msk' || !prop) return undefined;
  const open = guardedAlts(prop, (value) => value.toUpperCase() === PUBLIC_TYPE)[0];
  if (!open) return undefined;
  const model = topology.model;
  const key = native(model, 'ConnectivityInfo.PublicAccess.Type', 'connectivity_info.public_access.type');
  return {
    resource: db.id,
    loc: prop.loc,
    message: `MSK cluster ${db.id} has public access (${key}: ${PUBLIC_TYPE}): every broker gets a public IP address and Kafka is reachable from the internet`,
    path: [{ loc: prop.loc, message: `${db.id} asks for public broker addresses` }],
    when: open.when,
    // Under Fn::If the whole choice is replaced: DISABLED in every branch is never wider than before.
    fixes: [{ title: `Set ${key}: DISABLED on ${db.id}`, edits: model.writer.setValue(prop, 'DISABLED'), preferred: true }],
    ...(db.constructPath ? { constructPath: db.constructPath } : {}),
  };
}
