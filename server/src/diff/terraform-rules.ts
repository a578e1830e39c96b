// Security group rules of a Terraform module (inline ingress/egress, aws_security_group_rule, aws_vpc_security_group_*_rule) and their changes.
import { ResourceSet } from './resources';
import { SecurityGroupRuleChange } from './types';

type Direction = 'ingress' | 'egress';

interface Rule {
  direction: Direction;
  group: string;
  protocol: string;
  ports: string;
  peer: string;
}

/** Rules added and removed between two versions of a module (`before` already carries the renames). */
export function terraformSecurityGroupChanges(before: ResourceSet, after: ResourceSet): SecurityGroupRuleChange[] {
  const key = (rule: Rule) => [rule.direction, rule.group, rule.protocol, rule.ports, rule.peer].join('\u0000');
  const count = (rules: Rule[]) => {
    const map = new Map<string, { rule: Rule; n: number }>();
    for (const rule of rules) map.set(key(rule), { rule, n: (map.get(key(rule))?.n ?? 0) + 1 });
    return map;
  };
  const oldRules = count(securityGroupRules(before));
  const newRules = count(securityGroupRules(after));
  const changes: SecurityGroupRuleChange[] = [];
  for (const [k, { rule, n }] of newRules) for (let i = oldRules.get(k)?.n ?? 0; i < n; i++) changes.push(describe('added', rule));
  for (const [k, { rule, n }] of oldRules) for (let i = newRules.get(k)?.n ?? 0; i < n; i++) changes.push(describe('removed', rule));
  return changes;
}

function describe(change: 'added' | 'removed', rule: Rule): SecurityGroupRuleChange {
  const what = rule.protocol === 'all traffic' ? 'all traffic' : `${rule.protocol} ${rule.ports}`;
  const text = `${change === 'added' ? 'new' : 'removed'} ${rule.direction} on ${rule.group}: ${what} ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer}`;
  return { change, ...rule, text };
}

export function securityGroupRules(set: ResourceSet): Rule[] {
  const rules: Rule[] = [];
  for (const record of set.resources.values()) {
    const body = asObject(record.body);
    if (!body) continue;
    if (record.type === 'aws_security_group') {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const block of asList(body[direction])) {
          const item = asObject(block);
          if (item) rules.push(...expand(direction, record.id, item, peersOfInline(item, record.id)));
        }
      }
    } else if (record.type === 'aws_security_group_rule') {
      const direction = body.type === 'egress' ? 'egress' : 'ingress';
      const peers = peersOfInline(body, groupOf(body.security_group_id));
      if (body.source_security_group_id !== undefined) peers.push(`group ${groupOf(body.source_security_group_id)}`);
      rules.push(...expand(direction, groupOf(body.security_group_id), body, peers));
    } else if (record.type === 'aws_vpc_security_group_ingress_rule' || record.type === 'aws_vpc_security_group_egress_rule') {
      const direction = record.type.endsWith('ingress_rule') ? 'ingress' : 'egress';
      const peers = [
        ...(body.cidr_ipv4 !== undefined ? [String(body.cidr_ipv4)] : []),
        ...(body.cidr_ipv6 !== undefined ? [String(body.cidr_ipv6)] : []),
        ...(body.referenced_security_group_id !== undefined ? [`group ${groupOf(body.referenced_security_group_id)}`] : []),
        ...(body.prefix_list_id !== undefined ? [`prefix list ${String(body.prefix_list_id)}`] : []),
      ];
      rules.push(...expand(direction, groupOf(body.security_group_id), { ...body, protocol: body.ip_protocol }, peers));
    }
  }
  return rules;
}

function peersOfInline(item: Record<string, unknown>, self: string): string[] {
  return [
    ...asList(item.cidr_blocks).map(String),
    ...asList(item.ipv6_cidr_blocks).map(String),
    ...asList(item.security_groups).map((group) => `group ${groupOf(group)}`),
    ...asList(item.prefix_list_ids).map((id) => `prefix list ${String(id)}`),
    ...(item.self === true || item.self === 'true' ? [`group ${self}`] : []),
  ];
}

function expand(direction: Direction, group: string, item: Record<string, unknown>, peers: string[]): Rule[] {
  const raw = String(item.protocol ?? '-1').toLowerCase();
  const protocol = raw === '-1' || raw === 'all' ? 'all traffic' : raw;
  const from = item.from_port;
  const to = item.to_port ?? from;
  const ports = protocol === 'all traffic' || from === undefined ? 'all ports' : String(from) === String(to) ? String(from) : `${String(from)}-${String(to)}`;
  return (peers.length ? peers : ['anywhere']).map((peer) => ({ direction, group, protocol, ports, peer }));
}

/** "${aws_security_group.app.id}" -> "aws_security_group.app"; anything else as written. */
function groupOf(value: unknown): string {
  const text = String(value ?? '');
  const match = /^\$\{([a-z][a-z0-9_]*\.[\w-]+)\.id\}$/.exec(text);
  return match ? match[1] : text;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
