// alb-without-waf: an internet-facing application load balancer with no WAF web ACL associated.
import { PathStep, Rule, RuleFinding } from '../../server/src/engine/types';
import { Fix, Guard, JsonValue, LoadBalancer, Model, WafAssociation } from '../../server/src/model/types';
import { combineAll, negateWhen } from '../../server/src/topology/guards';
import { quoteSource } from '../../server/src/topology/rule-kit';
import { Topology } from '../../server/src/topology/topology';
import { lazyFix } from '../shared/lazy-fix';

export const rule: Rule = {
  meta: {
    id: 'alb-without-waf',
    defaultSeverity: 'warning',
    description: 'An internet-facing application load balancer has no WAF web ACL: requests reach the backends unfiltered.',
    fixable: true,
    docs: 'rules/alb-without-waf/alb-without-waf.md',
  },
  check(topology: Topology): RuleFinding[] {
    const model = topology.model;
    // An association whose target cannot be read (an import, a parameter) might protect any ALB: what the template
    // leaves unprotected is still said, as a possible finding naming that association.
    const unreadable = model.wafAssociations.find((a) => a.resource.alts.some((alt) => alt.value === undefined && alt.literal === undefined));
    const unknown = unreadable ? `${unreadable.id} names its load balancer through ${quoteSource(model, unreadable.resource.valueLoc)}: if that is this ALB, it has a web ACL` : undefined;
    const findings: RuleFinding[] = [];
    for (const lb of model.loadBalancers) {
      if (lb.lbKind !== 'application') continue;
      const facing = internetFacingWhen(lb);
      if (facing === null) continue;
      const finding = check(model, lb, facing);
      if (finding) findings.push(unknown ? { ...finding, unknown } : finding);
    }
    return findings;
  },
};

/**
 * The guard under which a load balancer is internet-facing (absent scheme = internet-facing), or
 * null when never; an unknown scheme (parameter without default) is not assumed internet-facing.
 */
function internetFacingWhen(lb: LoadBalancer): Guard[] | undefined | null {
  if (!lb.scheme) return undefined;
  const alts = lb.scheme.alts.filter((alt) => alt.value === 'internet-facing');
  if (!alts.length) return null;
  return alts.find((alt) => !alt.when?.length) ? undefined : alts[0].when;
}

/** Guards under which an association protects the load balancer (its resource Condition included). */
function protections(model: Model, lb: LoadBalancer): { association: WafAssociation; when: Guard[] | undefined }[] {
  const out: { association: WafAssociation; when: Guard[] | undefined }[] = [];
  for (const association of model.wafAssociations) {
    const own: Guard[] | undefined = association.condition ? [{ condition: association.condition, holds: true }] : undefined;
    for (const alt of association.resource.alts) {
      if (alt.value !== lb.id) continue;
      const when = combineAll(own, alt.when);
      // The load balancer's own Condition holds wherever it exists: it is no limit on the protection.
      if (when !== null) out.push({ association, when: when?.filter((g) => !(g.condition === lb.condition && g.holds)) });
    }
  }
  return out;
}

function check(model: Model, lb: LoadBalancer, facing: Guard[] | undefined): RuleFinding | undefined {
  const found = protections(model, lb);
  if (found.some((p) => !p.when?.length)) return undefined;
  let unprotected: Guard[] | undefined;
  const path: PathStep[] = [{ loc: lb.loc, message: `${lb.id} is an internet-facing application load balancer` }];
  if (found.length) {
    // Protected only under a condition: the finding holds when it does not; compound guards are left alone.
    if (found.length > 1) return undefined;
    unprotected = negateWhen(found[0].when);
    if (!unprotected) return undefined;
    path.push({ loc: found[0].association.loc, message: `${found[0].association.id} associates a web ACL only` });
  } else {
    path.push({ loc: lb.loc, message: `no ${associationType(model)} refers to ${lb.id}` });
  }
  const when = combineAll(facing, unprotected);
  if (when === null) return undefined;
  const how = found.length ? `its web ACL association ${found[0].association.id} does not apply` : `no ${associationType(model)} refers to it`;
  return {
    resource: lb.id,
    loc: lb.loc,
    message: `Internet-facing ALB ${lb.id} has no WAF web ACL (${how}): requests reach the backends without filtering of common web exploits`,
    path,
    when,
    // A second association for a load balancer that already has one under a condition would clash with it.
    fixes: found.length ? [] : [model.dialect === 'terraform' ? addWebAclTerraform(model, lb) : addWebAcl(model, lb)],
    constructPath: lb.constructPath,
  };
}

function associationType(model: Model): string {
  return model.dialect === 'terraform' ? 'aws_wafv2_web_acl_association' : 'AWS::WAFv2::WebACLAssociation';
}

function visibility(metricName: string): JsonValue {
  return { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metricName };
}

/** A regional web ACL (default allow, AWS's common rule set) and its association with the load balancer. */
function addWebAcl(model: Model, lb: LoadBalancer): Fix {
  const writer = model.writer;
  const aclId = writer.freshId(`${lb.id}WebAcl`, 'AWS::WAFv2::WebACL');
  const associationId = writer.freshId(`${lb.id}WebAclAssociation`, 'AWS::WAFv2::WebACLAssociation');
  // New resources follow the load balancer's own Condition, so they never refer to a resource that is not created.
  const condition: Record<string, JsonValue> = lb.condition ? { Condition: lb.condition } : {};
  const acl: JsonValue = {
    Type: 'AWS::WAFv2::WebACL',
    ...condition,
    Properties: {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility(aclId),
      Rules: [
        {
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 0,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
          VisibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
      ],
    },
  };
  const association: JsonValue = {
    Type: 'AWS::WAFv2::WebACLAssociation',
    ...condition,
    Properties: { ResourceArn: writer.ref(lb.id), WebACLArn: writer.ref(aclId, 'Arn') },
  };
  // Rendering a whole web ACL is the costliest part of the rule: done only when the fix is read.
  return lazyFix(wafTitle(lb), () => writer.addResources(lb, { [aclId]: acl, [associationId]: association }));
}

/** The same web ACL and association as Terraform resources (`aws_wafv2_web_acl`, `aws_wafv2_web_acl_association`). */
function addWebAclTerraform(model: Model, lb: LoadBalancer): Fix {
  const writer = model.writer;
  const base = `${lb.id.split('.').pop()}_waf`;
  const aclKey = writer.freshId(base, 'aws_wafv2_web_acl');
  const associationKey = writer.freshId(base, 'aws_wafv2_web_acl_association');
  const name = aclKey.split('.').pop() ?? base;
  const visibilityTf = (metric: string): JsonValue => ({ cloudwatch_metrics_enabled: true, metric_name: metric, sampled_requests_enabled: true });
  const acl: JsonValue = {
    name: name.replace(/_/g, '-'),
    scope: 'REGIONAL',
    default_action: { allow: {} },
    visibility_config: visibilityTf(name),
    rule: [
      {
        name: 'AWSManagedRulesCommonRuleSet',
        priority: 0,
        override_action: { none: {} },
        statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } },
        visibility_config: visibilityTf('AWSManagedRulesCommonRuleSet'),
      },
    ],
  };
  const association: JsonValue = { resource_arn: writer.ref(lb.id, 'arn'), web_acl_arn: writer.ref(aclKey, 'arn') };
  return lazyFix(wafTitle(lb), () => writer.addResources(lb, { [aclKey]: acl, [associationKey]: association }));
}

/**
 * The web ACL blocks what AWS's common rule set matches (request bodies over 8 KB among them): requests that worked
 * may be refused, so the fix is a suggestion the user applies knowingly, never applied by --fix.
 */
function wafTitle(lb: LoadBalancer): string {
  return `Add a WAF web ACL (AWS managed common rule set) to ${lb.id} (blocks the requests the rule set matches, e.g. bodies over 8 KB)`;
}
