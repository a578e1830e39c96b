// Workload entities (things that run code) built and filled alike by both adapters.
import { EntityBase, Prop, Workload, WorkloadKind } from '../../model/types';

export function newWorkload(base: EntityBase, workloadKind: WorkloadKind): Workload {
  return { ...base, kind: 'workload', workloadKind, subnets: [], securityGroups: [], targetGroups: [], loadBalancers: [] };
}

export function pushProp<T>(list: Prop<T>[], prop: Prop<T> | undefined): void {
  if (prop) list.push(prop);
}

/** The first public-IP setting found (the primary interface decides). */
export function setPublicIp(w: Workload, prop: Prop<boolean> | undefined): void {
  if (prop && !w.publicIp) w.publicIp = prop;
}

/** Known container ports a service's load balancer entries name, each once. */
export function addPort(w: Workload, prop: Prop<number> | undefined): void {
  for (const alt of prop?.alts ?? []) {
    if (alt.value === undefined) continue;
    w.ports ??= [];
    if (!w.ports.includes(alt.value)) w.ports.push(alt.value);
  }
}
