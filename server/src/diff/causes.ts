// Relates an introduced or resolved exposure to the changed resources on its path, worded for a reviewer.
import { Finding } from '../engine/types';
import { ChangeTables } from './changes';
import { idPattern } from './match';
import { resourceAt, ResourceSet } from './resources';
import { ChangeCause, ResourceChange } from './types';

const RULE_RESOURCE_TYPES = new Set(['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);
/** A group's own rule lists (CloudFormation, Terraform): their change is already worded by the security group table. */
const RULE_LISTS = new Set(['SecurityGroupIngress', 'SecurityGroupEgress', 'ingress', 'egress']);

/**
 * The resources an exposure involves, in the new version's names: its own resource, every resource
 * whose block holds the finding or a step of its path, and every resource its message names.
 */
export function involvedResources(finding: Finding, resources: ResourceSet, renames: ReadonlyMap<string, string> = new Map()): Set<string> {
  const ids = new Set<string>();
  if (finding.resource) ids.add(finding.resource);
  for (const loc of [finding.loc, ...finding.path.map((step) => step.loc)]) {
    const record = resourceAt(resources, loc.file, loc.span.start);
    if (record) ids.add(record.id);
  }
  const pattern = idPattern(resources);
  if (pattern) for (const text of [finding.message, ...finding.path.map((step) => step.message)]) for (const match of text.match(pattern) ?? []) ids.add(match);
  return new Set([...ids].map((id) => renames.get(id) ?? id));
}

/** Changes on the exposure's path, each followed by what it does: "new ingress on AppSg: tcp 8080 from 0.0.0.0/0 — <the exposure>". */
export function causesFor(finding: Finding, state: 'introduced' | 'resolved', involved: Set<string>, tables: ChangeTables): ChangeCause[] {
  const consequence = state === 'introduced' ? finding.message : `resolved: ${finding.message}`;
  const causes: ChangeCause[] = [];
  const groupsWithRuleChanges = new Set<string>();
  for (const sg of tables.securityGroups) {
    if (!involved.has(sg.group)) continue;
    groupsWithRuleChanges.add(sg.group);
    causes.push({ resource: sg.group, change: sg.text, text: `${sg.text} — ${consequence}` });
  }
  for (const change of tables.resources) {
    if (!involved.has(change.id) && !(change.previousId && involved.has(change.previousId))) continue;
    if (change.change === 'renamed') continue;
    if (groupsWithRuleChanges.size && RULE_RESOURCE_TYPES.has(change.type)) continue;
    if (groupsWithRuleChanges.has(change.id) && change.properties?.every((p) => RULE_LISTS.has(p))) continue;
    causes.push({ resource: change.id, change: describeCause(change), text: `${describeCause(change)} — ${consequence}` });
  }
  if (!causes.length) {
    // Nothing on the path changed: a parameter default or a condition decided it.
    const conditions = (finding.when ?? []).map((guard) => guard.condition);
    const related = tables.other.filter((line) => line.startsWith('parameter ') || line.startsWith('new parameter') || conditions.some((c) => line.includes(` ${c}`)));
    for (const line of related) causes.push({ resource: '', change: line, text: `${line} — ${consequence}` });
  }
  return causes;
}

function describeCause(change: ResourceChange): string {
  if (change.change === 'added') return `new ${change.type} ${change.id}`;
  if (change.change === 'removed') return `removed ${change.type} ${change.id}`;
  const what = change.details?.length ? change.details.join('; ') : (change.properties ?? []).join(', ');
  return `changed ${change.id}: ${what}`;
}
