// Security group rule predicates: open to the world, and unrestricted (all protocols or all ports).
import { SgRule } from '../model/types';
import { altsWhere, isInternetCidr } from './guards';

/** A rule whose peer is 0.0.0.0/0 or ::/0 (in some Fn::If branch). */
export function isWorldRule(rule: SgRule): boolean {
  if (rule.peer.kind !== 'cidr' && rule.peer.kind !== 'cidr6') return false;
  return altsWhere(rule.peer.value, isInternetCidr).length > 0;
}

/** All protocols (-1 / all), or all ports 0-65535 of a protocol. */
export function isUnrestrictedEgress(rule: SgRule): boolean {
  if (altsWhere(rule.protocol, (p) => String(p) === '-1' || String(p).toLowerCase() === 'all').length) return true;
  const from = altsWhere(rule.fromPort, (p) => Number(p) === 0 || Number(p) === -1).length > 0;
  const to = altsWhere(rule.toPort, (p) => Number(p) === 65535 || Number(p) === -1).length > 0;
  return from && to;
}
