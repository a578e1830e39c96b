// The five invariants a preferred fix must keep (issue 10), judged on two topologies of the same template: before and after.
import { Entity, SecurityGroup, SgRule, Subnet } from '../../server/src/model/types';
import { knownValues } from '../../server/src/topology/guards';
import { BackendView, Topology } from '../../server/src/topology/topology';
import { databasePorts } from '../../rules/shared/exposed-ports';
import { hasOutbound, referringBackends, zonesOf } from '../../rules/shared/placement';
import { RuleCase, coversPort, ruleCases } from '../../rules/shared/sg-rule-cases';
import { isWorldCidr } from '../../server/src/topology/guards';
import { TemplateState } from './state';

/** A resource that sends or receives traffic, with the groups that decide what it may. */
interface Node {
  entity: Entity;
  groups: SecurityGroup[];
  view?: BackendView;
}

const ADMIN = [22, 3389];

function nodesOf(topology: Topology): Node[] {
  const model = topology.model;
  const out: Node[] = [];
  const groupsOf = (props: { alts: { value?: string }[] }[]) =>
    props.flatMap((p) => p.alts.map((a) => topology.entity(a.value))).filter((e): e is SecurityGroup => e?.kind === 'security-group');
  for (const entity of [...model.workloads, ...model.databases, ...model.loadBalancers, ...model.instanceConnectEndpoints, ...model.eksClusters]) {
    const view = topology.backendOf(entity.id);
    // A launch template or an attached ENI is judged through the workload that uses it.
    if (view && view.entity !== entity) continue;
    out.push({ entity, groups: view ? view.groups : [...new Set(groupsOf(entity.securityGroups))], view });
  }
  return out;
}

function rulesOfGroups(topology: Topology, groups: SecurityGroup[], direction: 'ingress' | 'egress'): SgRule[] {
  const ids = new Set(groups.map((g) => g.id));
  return topology.model.sgRules.filter((r) => r.direction === direction && r.group.alts.some((a) => a.value !== undefined && ids.has(a.value)));
}

interface Probe {
  protocol: string;
  port: number;
}

/** Ports worth asking about: every port a rule names, the databases', the targets', and the admin and web ports. */
function probesOf(topologies: Topology[]): Probe[] {
  const seen = new Map<string, Probe>();
  const add = (protocol: string, port: number) => seen.set(`${protocol}/${port}`, { protocol, port });
  for (const port of [...ADMIN, 80, 443]) add('tcp', port);
  for (const topology of topologies) {
    for (const rule of topology.model.sgRules) {
      for (const c of ruleCases(rule)) {
        const protocols = c.protocol === 'all' ? ['tcp', 'udp'] : [c.protocol];
        for (const protocol of protocols) {
          if (c.from === undefined || c.to === undefined) add(protocol, 0);
          else {
            add(protocol, Math.max(c.from, 0));
            add(protocol, Math.max(c.to, 0));
          }
        }
      }
    }
    for (const db of topology.model.databases) for (const port of databasePorts(db)) add('tcp', port);
    for (const tg of topology.model.targetGroups) for (const port of knownValues(tg.port)) add('tcp', Number(port));
  }
  return [...seen.values()];
}

function covers(c: RuleCase, probe: Probe): boolean {
  return coversPort(c, probe.protocol, probe.port);
}

/** How the destination's groups admit the source on a probe: through a rule naming a group or CIDR, or only through the world. */
function admits(topology: Topology, src: Node, dst: Node, probe: Probe): 'specific' | 'world' | undefined {
  let world = false;
  const srcGroups = new Set(src.groups.map((g) => g.id));
  for (const rule of rulesOfGroups(topology, dst.groups, 'ingress')) {
    for (const c of ruleCases(rule)) {
      if (!covers(c, probe)) continue;
      if (rule.peer.kind === 'group' && srcGroups.has(c.peer)) return 'specific';
      if (rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6') {
        if (isWorldCidr(c.peer)) world = true;
        else return 'specific';
      }
    }
  }
  return world ? 'world' : undefined;
}

function sends(topology: Topology, src: Node, dst: Node, probe: Probe): boolean {
  if (!src.groups.length) return true;
  const dstGroups = new Set(dst.groups.map((g) => g.id));
  if (src.groups.some((g) => topology.unrestrictedEgress(g) === 'default')) return true;
  return rulesOfGroups(topology, src.groups, 'egress').some((rule) =>
    ruleCases(rule).some((c) => covers(c, probe) && (rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6' || (rule.peer.kind === 'group' && dstGroups.has(c.peer)))),
  );
}

/** Flows through a world-open rule that the template means: ALB to its targets, users to their database, endpoint to servers on admin ports. */
function intendedThroughWorld(topology: Topology, src: Node, dst: Node, probe: Probe): boolean {
  const s = src.entity;
  const d = dst.entity;
  if (s.kind === 'load-balancer' && dst.view?.behind.includes(s)) return true;
  if (d.kind === 'database') {
    if (s.kind !== 'workload' || probe.protocol !== 'tcp' || !databasePorts(d).includes(probe.port)) return false;
    const users = referringBackends(topology, d.id);
    // Where the template does not say who uses the database, every backend of its VPC may.
    if (users.length) return users.some((u) => u.entity === s);
    return topology.vpcOf(s) === topology.vpcOf(d);
  }
  return s.kind === 'instance-connect-endpoint' && d.kind === 'workload' && probe.protocol === 'tcp' && ADMIN.includes(probe.port);
}

/** Intended flows of the template ("src>dst tcp/8080") and, per backend, outbound internet. */
export function intendedFlows(topology: Topology, probes: Probe[]): Set<string> {
  const out = new Set<string>();
  const nodes = nodesOf(topology);
  for (const dst of nodes) {
    if (!dst.groups.length) continue;
    for (const src of nodes) {
      if (src === dst) continue;
      for (const probe of probes) {
        const how = admits(topology, src, dst, probe);
        if (!how || !sends(topology, src, dst, probe)) continue;
        if (how === 'world' && !intendedThroughWorld(topology, src, dst, probe)) continue;
        out.add(`${src.entity.id}>${dst.entity.id} ${probe.protocol}/${probe.port}`);
      }
    }
  }
  for (const view of topology.backends) {
    if (view.entity.kind !== 'workload' || !view.subnets.length) continue;
    if (view.subnets.every((s) => hasOutbound(topology, view, s))) out.add(`${view.entity.id}>internet outbound`);
  }
  return out;
}

/** The flows of `keys` still allowed in `topology` (through any rule, the world's included). */
export function allowedFlows(topology: Topology, keys: Set<string>, probes: Probe[]): Set<string> {
  const nodes = new Map(nodesOf(topology).map((n) => [n.entity.id, n]));
  const byProbe = new Map(probes.map((p) => [`${p.protocol}/${p.port}`, p]));
  const out = new Set<string>();
  for (const key of keys) {
    const outbound = /^(.*)>internet outbound$/.exec(key);
    if (outbound) {
      const view = topology.backendOf(outbound[1]);
      if (view && view.subnets.length && view.subnets.every((s) => hasOutbound(topology, view, s))) out.add(key);
      continue;
    }
    const m = /^(.*)>(.*) (\S+)$/.exec(key)!;
    const src = nodes.get(m[1]);
    const dst = nodes.get(m[2]);
    const probe = byProbe.get(m[3]);
    if (src && dst && probe && admits(topology, src, dst, probe) && sends(topology, src, dst, probe)) out.add(key);
  }
  return out;
}

/** Every (group, direction, protocol, port, peer) a group allows, for groups of the template; world CIDRs covered by "*". */
function grants(topology: Topology, probes: Probe[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of topology.model.sgRules) {
    for (const groupAlt of rule.group.alts) {
      if (groupAlt.value === undefined) continue;
      for (const c of ruleCases(rule)) {
        for (const probe of probes) {
          if (!covers(c, probe)) continue;
          const key = `${groupAlt.value} ${rule.direction}`;
          const set = out.get(key) ?? new Set<string>();
          set.add(`${probe.protocol}/${probe.port} ${rule.peer.kind}:${c.peer}`);
          out.set(key, set);
        }
      }
    }
  }
  return out;
}

/** Zone counts that must hold: DB subnet groups and load balancers (at least 2, when they had 2), Auto Scaling groups (as many as before). */
function zoneCounts(topology: Topology): Map<string, { kind: 'db' | 'lb' | 'asg'; zones: number }> {
  const out = new Map<string, { kind: 'db' | 'lb' | 'asg'; zones: number }>();
  const ids = (props: { alts: { value?: string }[] }[]) => props.flatMap((p) => p.alts.map((a) => a.value)).filter((v): v is string => v !== undefined);
  for (const db of topology.model.databases) if (db.subnets.length) out.set(db.id, { kind: 'db', zones: zonesOf(topology, ids(db.subnets)).size });
  for (const lb of topology.model.loadBalancers) if (lb.subnets.length) out.set(lb.id, { kind: 'lb', zones: zonesOf(topology, ids(lb.subnets)).size });
  for (const w of topology.model.workloads) {
    if (w.workloadKind === 'auto-scaling-group' && w.subnets.length) out.set(w.id, { kind: 'asg', zones: zonesOf(topology, ids(w.subnets)).size });
  }
  return out;
}

export interface Violation {
  invariant: 'connectivity' | 'widened' | 'zones' | 'new-finding' | 'unparsable' | 'idempotence' | 'cfn-lint';
  detail: string;
}

/** Compare a template before and after fixes: everything but cfn-lint and idempotence (which need the fix loop). */
export function compare(before: TemplateState, after: TemplateState): Violation[] {
  const out: Violation[] = [];
  if (before.topology && !after.topology) return [{ invariant: 'unparsable', detail: 'the fixed template no longer parses into a model' }];
  // A finding is new when its rule reports the resource more often than before (messages name neighbours, which fixes move).
  const old = new Map<string, number>();
  for (const f of before.findings) old.set(`${f.ruleId}|${f.resource}`, (old.get(`${f.ruleId}|${f.resource}`) ?? 0) + 1);
  for (const finding of after.findings) {
    const key = `${finding.ruleId}|${finding.resource}`;
    const left = old.get(key) ?? 0;
    if (left > 0) old.set(key, left - 1);
    else out.push({ invariant: 'new-finding', detail: `${finding.ruleId} on ${finding.resource}: ${finding.message}` });
  }
  if (!before.topology || !after.topology) return out;
  const probes = probesOf([before.topology, after.topology]);
  const intended = intendedFlows(before.topology, probes);
  const kept = allowedFlows(after.topology, intended, probes);
  for (const flow of intended) if (!kept.has(flow)) out.push({ invariant: 'connectivity', detail: `lost ${flow}` });
  const oldGrants = grants(before.topology, probes);
  const oldGroups = new Set(before.topology.model.securityGroups.map((g) => g.id));
  for (const [key, set] of grants(after.topology, probes)) {
    const [group, direction] = key.split(' ');
    // A group the fix creates (the Instance Connect Endpoint's) widens nothing that existed.
    if (!oldGroups.has(group)) continue;
    const was = oldGrants.get(key) ?? new Set<string>();
    for (const grant of set) {
      if (was.has(grant)) continue;
      const [traffic] = grant.split(' ');
      // Anything a world rule allowed before covers any narrower source.
      if (was.has(`${traffic} cidr:0.0.0.0/0`) || was.has(`${traffic} cidr6:::/0`)) continue;
      out.push({ invariant: 'widened', detail: `${group} ${direction} now allows ${grant}` });
    }
  }
  const zonesAfter = zoneCounts(after.topology);
  for (const [id, was] of zoneCounts(before.topology)) {
    const now = zonesAfter.get(id);
    if (!now) continue;
    const need = was.kind === 'asg' ? was.zones : Math.min(2, was.zones);
    if (now.zones < need) out.push({ invariant: 'zones', detail: `${id} (${was.kind}) now spans ${now.zones} zone(s), had ${was.zones}` });
  }
  return out;
}

export type { Subnet };
