// Quick fixes written in the CDK app's source for the common one-property constructs.
import { basename } from 'node:path';
import { Fix } from '../../model/types';
import { SourceSite } from './locate';
import { PropertySite, SUBNET_PROPERTIES } from './property-site';
import { findProperty } from './scan-text';

/** CloudFormation properties that flip to false to stop an exposure, and their CDK prop names. */
const FLAGS: Record<string, string> = {
  AssociatePublicIpAddress: 'associatePublicIpAddress',
  PubliclyAccessible: 'publiclyAccessible',
  MapPublicIpOnLaunch: 'mapPublicIpOnLaunch',
};

/**
 * Fixes for a finding whose template properties are `relevant` (undefined: not known, offer all).
 * Edits target the source file; spans are offsets into its text.
 */
export function sourceFixes(site: SourceSite, relevant: Set<string> | undefined, property: PropertySite | undefined, resource: string): Fix[] {
  const fixes: Fix[] = [];
  const call = site.call;
  const file = site.file;
  const name = basename(file.path);
  const wants = (cfn: string): boolean => !relevant || relevant.has(cfn);
  if (call) {
    for (const [cfn, key] of Object.entries(FLAGS)) {
      if (!wants(cfn)) continue;
      const found = findProperty(file.text, call, key);
      if (found && found.value === 'true') {
        fixes.push({ title: `Set ${key}: false in ${name}`, edits: [{ file: file.path, span: { start: found.valueStart, end: found.span.end }, newText: 'false' }] });
      }
    }
    // A public IP or public database is also cured by moving it into private subnets.
    const subnetRelated = !relevant || [...relevant].some((p) => SUBNET_PROPERTIES.has(p) || p in FLAGS);
    const subnets = subnetRelated ? findProperty(file.text, call, 'vpcSubnets') : undefined;
    const publicType = subnets && /SubnetType\s*\.\s*(PUBLIC)\b/.exec(file.text.slice(subnets.valueStart, subnets.span.end));
    if (subnets && publicType) {
      const start = subnets.valueStart + publicType.index + publicType[0].length - 'PUBLIC'.length;
      fixes.push({
        title: `Move ${resource} to PRIVATE_WITH_EGRESS subnets in ${name}`,
        edits: [{ file: file.path, span: { start, end: start + 'PUBLIC'.length }, newText: 'PRIVATE_WITH_EGRESS' }],
      });
    }
  }
  const ingress = property?.ingressCall;
  if (ingress && /anyIpv[46]|AnyIpv[46]|['"](?:0\.0\.0\.0|::)\/0['"]/.test(file.text.slice(ingress.start, ingress.end))) {
    const span = statementLines(file.text, ingress.start, ingress.end);
    if (span) fixes.push({ title: `Remove the world-open rule in ${name} (admin access goes through an EC2 Instance Connect Endpoint)`, edits: [{ file: file.path, span, newText: '' }] });
  }
  if (fixes.length) fixes[0].preferred = true;
  return fixes;
}

/** The whole lines of a statement that stands alone (only blanks before, `;` and a comment after). */
function statementLines(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const receiver = /[\w$.\s]*$/.exec(text.slice(lineStart, start));
  if (!receiver || receiver.index !== 0) return undefined;
  const rest = /^\s*;?[ \t]*(?:\/\/[^\n]*)?(?:\r?\n|$)/.exec(text.slice(end));
  if (!rest) return undefined;
  return { start: lineStart, end: end + rest[0].length };
}
