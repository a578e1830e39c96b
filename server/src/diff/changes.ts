// The change tables beside the exposures: CloudFormation through @aws-cdk/cloudformation-diff (as `cdk diff` shows them), Terraform by resource.
import type * as CfnDiff from '@aws-cdk/cloudformation-diff';
import type { RuleJson } from '@aws-cdk/cloudformation-diff/lib/network/security-group-rule';
import { canonicalJson } from './references';
import { ResourceRecord, ResourceSet } from './resources';
import { ResourceChange, SecurityGroupRuleChange, UnitChanges } from './types';
import { valueChanges } from './value-changes';
import { terraformSecurityGroupChanges } from './terraform-rules';

export type ChangeTables = Pick<UnitChanges, 'resources' | 'securityGroups' | 'other'>;

/** Loaded on first use (it reads AWS's resource spec); a bundle without it still diffs, by resource content. */
const CFN_DIFF_MODULE = ['@aws-cdk', 'cloudformation-diff'].join('/');
let cfnDiffModule: typeof CfnDiff | null | undefined;

export function loadCloudFormationDiff(): typeof CfnDiff | undefined {
  if (cfnDiffModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      cfnDiffModule = require(CFN_DIFF_MODULE) as typeof CfnDiff;
    } catch {
      cfnDiffModule = null;
    }
  }
  return cfnDiffModule ?? undefined;
}

/**
 * CloudFormation (and CDK stack) changes. `before` already carries the renames (so fullDiff sees a
 * renamed resource as itself); renames are listed on their own.
 */
export function cloudFormationChanges(before: ResourceSet, after: ResourceSet, renames: ReadonlyMap<string, string>): ChangeTables {
  const cfn = loadCloudFormationDiff();
  if (!cfn) return contentChanges(before, after, renames);
  const diff = cfn.fullDiff(before.template ?? {}, after.template ?? {});
  const resources: ResourceChange[] = renamedChanges(after, renames);
  const renamedTo = new Set(renames.values());
  diff.resources.forEachDifference((id, change) => {
    if (!change.isDifferent) return;
    const type = change.newResourceType ?? change.oldResourceType ?? '';
    if (change.isAddition) return void resources.push({ change: 'added', id, type });
    if (change.isRemoval) return void resources.push({ change: 'removed', id, type });
    const properties = [...Object.keys(change.propertyUpdates), ...Object.keys(change.otherChanges).filter((key) => key !== 'Type')];
    // A renamed CDK construct carries a new aws:cdk:path: not a change of what is deployed.
    if (renamedTo.has(id) && properties.every((key) => key === 'Metadata')) return;
    const details = valueChanges(change.oldValue?.Properties, change.newValue?.Properties);
    for (const key of Object.keys(change.otherChanges)) {
      if (key !== 'Metadata' && key !== 'Type') details.push(...valueChanges((change.oldValue as Record<string, unknown> | undefined)?.[key], (change.newValue as Record<string, unknown> | undefined)?.[key], key));
    }
    const impact = change.changeImpact === 'WILL_REPLACE' ? 'replace' : change.changeImpact === 'MAY_REPLACE' ? 'may replace' : undefined;
    resources.push({ change: 'modified', id, type, properties, details, ...(impact ? { impact } : {}) });
  });
  const groups = diff.securityGroupChanges.toJson();
  const securityGroups = [
    ...(groups.ingressRuleAdditions ?? []).map((rule) => sgChange('added', 'ingress', rule)),
    ...(groups.ingressRuleRemovals ?? []).map((rule) => sgChange('removed', 'ingress', rule)),
    ...(groups.egressRuleAdditions ?? []).map((rule) => sgChange('added', 'egress', rule)),
    ...(groups.egressRuleRemovals ?? []).map((rule) => sgChange('removed', 'egress', rule)),
  ];
  const other: string[] = [];
  diff.parameters.forEachDifference((id, change) => {
    if (!change.isDifferent) return;
    if (change.isAddition) other.push(`new parameter ${id}`);
    else if (change.isRemoval) other.push(`removed parameter ${id}`);
    else other.push(`parameter ${id}: ${valueChanges(change.oldValue, change.newValue).join(', ')}`);
  });
  diff.outputs.forEachDifference((id, change) => {
    if (change.isDifferent) other.push(change.isAddition ? `new output ${id}` : change.isRemoval ? `removed output ${id}` : `output ${id} changed`);
  });
  diff.conditions.forEachDifference((id, change) => {
    if (!change.isDifferent) return;
    other.push(change.isAddition ? `new condition ${id}` : change.isRemoval ? `removed condition ${id}` : `condition ${id} changed`);
  });
  return { resources: sortChanges(resources), securityGroups, other };
}

function sgChange(change: 'added' | 'removed', direction: 'ingress' | 'egress', rule: RuleJson): SecurityGroupRuleChange {
  const group = logicalIdOf(rule.groupId);
  const protocol = rule.ipProtocol === '-1' ? 'all traffic' : rule.ipProtocol.toLowerCase();
  const ports = rule.ipProtocol === '-1' || rule.fromPort === undefined || rule.fromPort === -1 ? 'all ports' : rule.fromPort === rule.toPort || rule.toPort === undefined ? String(rule.fromPort) : `${rule.fromPort}-${rule.toPort}`;
  const peer = !rule.peer ? 'anywhere' : rule.peer.kind === 'cidr-ip' ? rule.peer.ip : rule.peer.kind === 'security-group' ? `group ${logicalIdOf(rule.peer.securityGroupId)}` : `prefix list ${logicalIdOf(rule.peer.prefixListId)}`;
  const what = protocol === 'all traffic' ? 'all traffic' : `${protocol} ${ports}`;
  const text = `${change === 'added' ? 'new' : 'removed'} ${direction} on ${group}: ${what} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`;
  return { change, direction, group, protocol, ports, peer, text };
}

/** "${AppSg.GroupId}" -> "AppSg"; anything else as written. */
function logicalIdOf(expression: string): string {
  const match = /^\$\{([^.}]+)(?:\.[^}]*)?\}$/.exec(expression);
  return match ? match[1] : expression;
}

/** Terraform modules (and CloudFormation when the diff library is missing): added, removed, modified and renamed resources by content, and Terraform's security group rules. */
export function contentChanges(before: ResourceSet, after: ResourceSet, renames: ReadonlyMap<string, string>): ChangeTables {
  const resources: ResourceChange[] = renamedChanges(after, renames);
  for (const record of after.resources.values()) {
    const old = before.resources.get(record.id);
    if (!old) {
      resources.push({ change: 'added', id: record.id, type: record.type });
      continue;
    }
    const oldBody = comparable(before, old);
    const newBody = comparable(after, record);
    if (canonicalJson(oldBody) === canonicalJson(newBody)) continue;
    const properties = changedKeys(oldBody, newBody);
    resources.push({ change: 'modified', id: record.id, type: record.type, properties, details: valueChanges(oldBody, newBody) });
  }
  for (const record of before.resources.values()) {
    if (!after.resources.has(record.id)) resources.push({ change: 'removed', id: record.id, type: record.type });
  }
  const securityGroups = after.dialect === 'terraform' ? terraformSecurityGroupChanges(before, after) : [];
  return { resources: sortChanges(resources), securityGroups, other: [] };
}

/** What is deployed: CloudFormation Properties (and resource attributes), the Terraform body without "//" comments. */
function comparable(set: ResourceSet, record: ResourceRecord): Record<string, unknown> {
  const body = record.body && typeof record.body === 'object' && !Array.isArray(record.body) ? { ...(record.body as Record<string, unknown>) } : {};
  delete body[set.dialect === 'cloudformation' ? 'Metadata' : '//'];
  if (set.dialect === 'cloudformation') {
    const { Properties, ...rest } = body;
    return { ...((Properties as Record<string, unknown>) ?? {}), ...rest };
  }
  return body;
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

function renamedChanges(after: ResourceSet, renames: ReadonlyMap<string, string>): ResourceChange[] {
  return [...renames].map(([from, to]) => ({ change: 'renamed' as const, id: to, previousId: from, type: after.resources.get(to)?.type ?? '' }));
}

const ORDER = { removed: 0, added: 1, modified: 2, renamed: 3 };

function sortChanges(changes: ResourceChange[]): ResourceChange[] {
  return changes.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.id.localeCompare(b.id));
}

/** One line per resource change, as `cdk diff` marks them: [+] added, [-] removed, [~] modified, [>] renamed. */
export function describeResourceChange(change: ResourceChange): string {
  const type = change.type ? `${change.type} ` : '';
  switch (change.change) {
    case 'added':
      return `[+] ${type}${change.id}`;
    case 'removed':
      return `[-] ${type}${change.id}`;
    case 'renamed':
      return `[>] ${type}${change.previousId} renamed to ${change.id}`;
    default:
      return `[~] ${type}${change.id}${change.impact ? ` (${change.impact})` : ''}: ${(change.details?.length ? change.details : change.properties ?? []).join('; ')}`;
  }
}

