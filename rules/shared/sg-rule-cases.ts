// Security group rules as concrete cases (protocol, ports, peer, guard): one per combination of Fn::If branches.
import { Guard, SgRule } from '../../server/src/model/types';
import { combineAll, isInternetCidr } from '../../server/src/topology/guards';

/** One way a rule can come out: normalised protocol ('all', 'tcp', 'udp', 'icmp', ... or a number). */
export interface RuleCase {
  protocol: string;
  /** Undefined: all ports (protocol -1, or -1 / no port given). */
  from?: number;
  to?: number;
  peer: string;
  when: Guard[] | undefined;
}

const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function normaliseProtocol(value: unknown): string {
  const text = String(value).toLowerCase();
  return PROTOCOL_NAMES[text] ?? text;
}

interface Choice<T> {
  value: T | undefined;
  when: Guard[] | undefined;
}

/** Alternatives of an optional property; an absent property is one unconditional "absent" choice. */
function choices<T>(prop: { alts: { value: T | undefined; when?: Guard[] }[] } | undefined): (Choice<T> & { known: boolean })[] {
  if (!prop) return [{ value: undefined, when: undefined, known: true }];
  return prop.alts.map((alt) => ({ value: alt.value, when: alt.when, known: alt.value !== undefined }));
}

/**
 * Every known combination of the rule's protocol, ports and peer, with the guard under which it holds.
 * Unknown values (parameters without default, imports) yield no case, so they never cause a finding.
 */
export function ruleCases(rule: SgRule): RuleCase[] {
  const out: RuleCase[] = [];
  const protocols = rule.protocol ? choices(rule.protocol) : [];
  for (const protocol of protocols) {
    if (!protocol.known || protocol.value === undefined) continue;
    for (const from of choices(rule.fromPort)) {
      if (!from.known) continue;
      for (const to of choices(rule.toPort)) {
        if (!to.known) continue;
        for (const peer of rule.peer.value.alts) {
          if (peer.value === undefined) continue;
          const when = combineAll(protocol.when, from.when, to.when, peer.when);
          if (when === null) continue;
          const proto = normaliseProtocol(protocol.value);
          const allPorts = proto === 'all' || from.value === undefined || to.value === undefined || Number(from.value) === -1 || Number(to.value) === -1;
          out.push(allPorts ? { protocol: proto, peer: peer.value, when } : { protocol: proto, from: Number(from.value), to: Number(to.value), peer: peer.value, when });
        }
      }
    }
  }
  // Unconditional first, so messages need no guard when one exists.
  return out.sort((a, b) => (a.when?.length ?? 0) - (b.when?.length ?? 0));
}

/** Open to the internet: any /0, or a broad public range (CIDR peers only; see topology/cidr.ts). */
export function isWorldCase(rule: SgRule, c: RuleCase): boolean {
  return (rule.peer.kind === 'cidr' || rule.peer.kind === 'cidr6') && isInternetCidr(c.peer);
}

/** The case admits `port` over `protocol` (all protocols count). */
export function coversPort(c: RuleCase, protocol: string, port: number): boolean {
  if (c.protocol !== 'all' && c.protocol !== protocol) return false;
  if (c.from === undefined || c.to === undefined) return true;
  return c.from <= port && port <= c.to;
}

/** All protocols, or all ports 0-65535 of one. */
export function isAllTraffic(c: RuleCase): boolean {
  return c.protocol === 'all' || ((c.from === undefined || c.from <= 0) && (c.to === undefined || c.to >= 65535));
}

/** Only 80 and/or 443 over TCP: what an internet-facing load balancer is meant to admit. */
export function isWebOnly(c: RuleCase): boolean {
  if (c.protocol !== 'tcp' || c.from === undefined || c.to === undefined || c.from > c.to) return false;
  for (let port = c.from; port <= c.to; port++) if (port !== 80 && port !== 443) return false;
  return true;
}

/** "tcp 22", "tcp 8000-8100", "udp (all ports)", "all traffic". */
export function describeTraffic(c: RuleCase): string {
  if (c.protocol === 'all') return 'all traffic';
  if (c.from === undefined || c.to === undefined || (c.from <= 0 && c.to >= 65535)) return `${c.protocol} (all ports)`;
  return c.from === c.to ? `${c.protocol} ${c.from}` : `${c.protocol} ${c.from}-${c.to}`;
}
