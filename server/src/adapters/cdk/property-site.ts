// Narrows a construct's source site to the property or method call behind a template property.
import { Span } from '../../source/tree';
import { ConstructInfo } from './assembly';
import { AppSources } from './app-sources';
import { SourceSite, firstLine, siteOfTrace } from './locate';
import { CallSpan, callAt, findProperty } from './scan-text';

/** CloudFormation properties that a CDK L2 sets from `vpcSubnets`. */
export const SUBNET_PROPERTIES = new Set(['SubnetId', 'SubnetIds', 'Subnets', 'VPCZoneIdentifier', 'DBSubnetGroupName', 'SubnetMappings']);

/** The CDK (L2 props) name of a CloudFormation property: mostly lowerCamelCase, a few renamed. */
export function cdkPropertyName(cfnProperty: string): string {
  if (SUBNET_PROPERTIES.has(cfnProperty)) return 'vpcSubnets';
  if (cfnProperty === 'Scheme') return 'internetFacing';
  if (cfnProperty === 'SecurityGroups' || cfnProperty === 'GroupSet' || cfnProperty === 'SecurityGroupIds' || cfnProperty === 'VpcSecurityGroups') return 'securityGroup';
  return cfnProperty.charAt(0).toLowerCase() + cfnProperty.slice(1);
}

export interface IngressRuleFacts {
  cidr?: string;
  fromPort?: number;
}

export interface PropertySite {
  span: Span;
  /** An `addIngressRule(...)`-like call, for ingress rules. */
  ingressCall?: CallSpan;
}

/**
 * The source span for template property `cfnProps` (names from Properties down, e.g.
 * [NetworkInterfaces, AssociatePublicIpAddress]) of the construct at `site`; undefined keeps the construct line.
 */
export function propertySite(site: SourceSite, cfnProps: string[], construct: ConstructInfo | undefined, sources: AppSources, rule?: IngressRuleFacts): PropertySite | undefined {
  if (!site.call || !cfnProps.length) return undefined;
  if (cfnProps[0] === 'SecurityGroupIngress' || cfnProps[0] === 'SecurityGroupEgress') {
    const ingressCall = ingressCallFor(site, cfnProps[0] === 'SecurityGroupIngress', rule);
    if (ingressCall) return { span: firstLine(site.file, ingressCall.start, ingressCall.end), ingressCall };
    // aws-cdk-lib records where the rule list was last assigned (the first add*Rule call).
    const assigned = construct?.propertyAssignments.find((assignment) => assignment.property === cfnProps[0]);
    const traced = assigned && siteOfTrace(assigned.trace, sources);
    if (traced && traced.file.path === site.file.path) return { span: traced.span, ingressCall: traced.call };
    return undefined;
  }
  // Deepest first: [NetworkInterfaces, AssociatePublicIpAddress] is written `associatePublicIpAddress:`.
  for (let i = cfnProps.length - 1; i >= 0; i--) {
    const found = findProperty(site.file.text, site.call, cdkPropertyName(cfnProps[i]));
    if (found) return { span: found.span };
  }
  return undefined;
}

const RULE_METHODS = ['addIngressRule', 'connections.allowFrom', 'connections.allowFromAnyIpv4', 'connections.allowDefaultPortFromAnyIpv4', 'addEgressRule', 'connections.allowTo', 'connections.allowToAnyIpv4'];

/** The variable a construct call is assigned to (`const sg = new ...`, `this.sg = new ...`). */
export function assignedName(text: string, callStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', callStart - 1) + 1;
  const before = text.slice(Math.max(0, lineStart - 200), callStart);
  const match = /(?:(?:const|let|var)\s+|this\.)([\w$]+)\s*(?::[^=;]+)?=\s*$/.exec(before);
  return match?.[1];
}

/** The rule-adding call on the group's variable that matches the rule's peer and port. */
function ingressCallFor(site: SourceSite, ingress: boolean, rule: IngressRuleFacts | undefined): CallSpan | undefined {
  const name = assignedName(site.file.text, site.call!.start);
  if (!name) return undefined;
  const methods = RULE_METHODS.filter((method) => ingress === !/Egress|allowTo/.test(method)).map((m) => m.replace('.', '\\s*\\.\\s*'));
  const pattern = new RegExp(`(?<![\\w$])(?:this\\s*\\.\\s*)?${name}\\s*\\.\\s*(?:${methods.join('|')})\\s*\\(`, 'g');
  const calls: CallSpan[] = [];
  for (let match = pattern.exec(site.file.text); match; match = pattern.exec(site.file.text)) {
    const call = callAt(site.file.text, match.index);
    if (call) calls.push(call);
  }
  const score = (call: CallSpan): number => {
    const args = site.file.text.slice(call.start, call.end);
    let points = 0;
    if (rule?.cidr && peerMatches(args, rule.cidr)) points += 2;
    if (rule?.fromPort !== undefined && portNameMatches(args, rule.fromPort)) points += 1;
    return points;
  };
  return calls.map((call) => ({ call, points: score(call) })).sort((a, b) => b.points - a.points)[0]?.call;
}

function peerMatches(args: string, cidr: string): boolean {
  if (cidr === '0.0.0.0/0') return /Peer\s*\.\s*anyIpv4\s*\(|['"]0\.0\.0\.0\/0['"]|AnyIpv4\s*\(/.test(args);
  if (cidr === '::/0') return /Peer\s*\.\s*anyIpv6\s*\(|['"]::\/0['"]/.test(args);
  return args.includes(cidr);
}

function portNameMatches(args: string, port: number): boolean {
  if (new RegExp(`Port\\.(?:tcp|udp)\\(\\s*${port}\\s*\\)`).test(args)) return true;
  const named: Record<string, number> = { SSH: 22, RDP: 3389, HTTP: 80, HTTPS: 443, MYSQL_AURORA: 3306, POSTGRES: 5432 };
  return Object.entries(named).some(([name, value]) => value === port && new RegExp(`Port\\.${name}\\b`).test(args));
}
