// Hand-built models for topology tests: small factories with fake locations, no adapter involved.
import { Alt, EntityBase, FixWriter, Guard, Loc, Model, Prop, emptyModel, Entity } from '../../server/src/model/types';

let offset = 0;
export function loc(): Loc {
  offset += 10;
  return { file: 't.yaml', span: { start: offset, end: offset + 5 } };
}

export function prop<T>(value: T | undefined, when?: Guard[]): Prop<T> {
  const alt: Alt<T> = { value };
  if (when) alt.when = when;
  return { alts: [alt], loc: loc(), valueLoc: loc() };
}

export function ifProp<T>(condition: string, whenTrue: T, whenFalse: T): Prop<T> {
  return {
    alts: [
      { value: whenTrue, when: [{ condition, holds: true }] },
      { value: whenFalse, when: [{ condition, holds: false }] },
    ],
    loc: loc(),
    valueLoc: loc(),
  };
}

export function base(id: string, type: string): EntityBase {
  return { id, type, loc: loc(), blockLoc: loc(), suppressions: [] };
}

const nullWriter: FixWriter = {
  setValue: () => [],
  setProperty: () => [],
  remove: () => [],
  appendToList: () => [],
  addResources: () => [],
  ref: (id) => ({ Ref: id }),
  freshId: (b) => b,
};

/** A model from a list of entities, filed under their kinds. */
export function model(entities: Entity[]): Model {
  const m = emptyModel('cloudformation', [], nullWriter);
  for (const e of entities) {
    m.byId.set(e.id, e);
    m.resourceIds.add(e.id);
    switch (e.kind) {
      case 'vpc': m.vpcs.push(e); break;
      case 'internet-gateway': m.internetGateways.push(e); break;
      case 'subnet': m.subnets.push(e); break;
      case 'route-table': m.routeTables.push(e); break;
      case 'nat-gateway': m.natGateways.push(e); break;
      case 'eip': m.eips.push(e); break;
      case 'security-group': m.securityGroups.push(e); m.sgRules.push(...e.ingress, ...e.egress); break;
      case 'workload': m.workloads.push(e); break;
      case 'database': m.databases.push(e); break;
      case 'load-balancer': m.loadBalancers.push(e); break;
      case 'listener': m.listeners.push(e); break;
      case 'target-group': m.targetGroups.push(e); break;
      case 'eks-cluster': m.eksClusters.push(e); break;
      case 'instance-connect-endpoint': m.instanceConnectEndpoints.push(e); break;
      case 'waf-association': m.wafAssociations.push(e); break;
    }
  }
  return m;
}
