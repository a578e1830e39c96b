// Words the leaf-level differences between two plain JSON values ("Ingress[1].CidrIp 10.0.0.0/8 -> 0.0.0.0/0").
import { canonicalJson } from './references';

const MAX_DETAILS = 6;
const MAX_VALUE = 60;

/** Changed leaves under `base`, at most a handful (a reviewer reads them in one line each). */
export function valueChanges(before: unknown, after: unknown, base = ''): string[] {
  const out: string[] = [];
  walk(before, after, base, out);
  return out.length > MAX_DETAILS ? [...out.slice(0, MAX_DETAILS), `(${out.length - MAX_DETAILS} more)`] : out;
}

function walk(before: unknown, after: unknown, path: string, out: string[]): void {
  if (canonicalJson(before) === canonicalJson(after)) return;
  if (isObject(before) && isObject(after) && !isIntrinsic(before) && !isIntrinsic(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => walk(item, after[i], `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Lists that grew or shrank: name the items that appear on one side only.
    const oldItems = new Set(before.map(canonicalJson));
    const newItems = new Set(after.map(canonicalJson));
    for (const item of after) if (!oldItems.has(canonicalJson(item))) out.push(`${path} + ${show(item, path)}`);
    for (const item of before) if (!newItems.has(canonicalJson(item))) out.push(`${path} - ${show(item, path)}`);
    return;
  }
  if (before === undefined) out.push(`${path} set to ${show(after)}`);
  else if (after === undefined) out.push(`${path} removed (was ${show(before)})`);
  else out.push(`${path} ${show(before)} -> ${show(after)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** {Ref: X}, {Fn::GetAtt: ...}: shown whole, never descended into. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** A value in one short line; `path` (e.g. "SecurityGroupEgress") tells a rule's direction. Never cut inside a value: a hidden CIDR hides the exposure. */
export function show(value: unknown, path = ''): string {
  if (typeof value === 'string') return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
  if (isObject(value)) return securityGroupRule(value, /egress/i.test(path) ? 'to' : 'from') ?? compactObject(value);
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A CloudFormation or Terraform security group rule as the change tables word it: "tcp 8080 from 0.0.0.0/0". */
function securityGroupRule(rule: Record<string, unknown>, preposition: 'from' | 'to'): string | undefined {
  const protocolValue = rule.IpProtocol ?? rule.protocol;
  if (protocolValue === undefined || (rule.FromPort === undefined && rule.from_port === undefined && rule.IpProtocol === undefined)) return undefined;
  const protocol = String(protocolValue).toLowerCase();
  const from = rule.FromPort ?? rule.from_port;
  const to = rule.ToPort ?? rule.to_port;
  const all = protocol === '-1' || protocol === 'all';
  const ports = all || from === undefined || Number(from) === -1 ? 'all ports' : to === undefined || String(from) === String(to) ? String(from) : `${String(from)}-${String(to)}`;
  const peers = [rule.CidrIp, rule.CidrIpv6, rule.SourceSecurityGroupId, rule.DestinationSecurityGroupId, rule.SourcePrefixListId, rule.DestinationPrefixListId, rule.cidr_blocks, rule.ipv6_cidr_blocks, rule.security_groups, rule.prefix_list_ids]
    .flatMap((peer) => (peer === undefined ? [] : Array.isArray(peer) ? peer : [peer]))
    .map((peer) => (isObject(peer) ? compactObject(peer) : String(peer)));
  const what = all ? 'all traffic' : `${protocol} ${ports}`;
  return `${what} ${preposition} ${peers.length ? peers.join(', ') : 'anywhere'}`;
}

/** Compact JSON; a long object drops whole entries from its end ("… 3 more"), never part of one. */
function compactObject(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref') return `!Ref ${String(value.Ref)}`;
  const whole = JSON.stringify(value);
  if (whole.length <= MAX_VALUE || (keys.length === 1 && keys[0].startsWith('Fn::'))) return whole;
  const parts: string[] = [];
  let length = 2;
  for (const [i, key] of keys.entries()) {
    const entry = `${JSON.stringify(key)}:${isObject(value[key]) ? compactObject(value[key] as Record<string, unknown>) : JSON.stringify(value[key]) ?? 'null'}`;
    if (parts.length && length + entry.length > MAX_VALUE * 2) {
      parts.push(`… ${keys.length - i} more`);
      break;
    }
    parts.push(entry);
    length += entry.length + 1;
  }
  return `{${parts.join(',')}}`;
}
