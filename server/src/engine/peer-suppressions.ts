// Suppressions written for other scanners (Checkov, tfsec, Trivy, KICS, cfn_nag), mapped to the rules that
// find the same exposure. The table is documented in docs/suppressions.md; an unmapped ID suppresses nothing.

/** Peer check ID (case-insensitive) -> our rules. */
export const PEER_RULES: Record<string, string[]> = {
  // Checkov
  CKV_AWS_24: ['world-open-admin-port'],
  CKV_AWS_25: ['world-open-admin-port'],
  CKV_AWS_260: ['backend-open-to-internet'],
  CKV_AWS_277: ['backend-open-to-internet', 'world-open-admin-port'],
  CKV_AWS_88: ['public-ip-on-backend'],
  CKV_AWS_17: ['public-database'],
  CKV_AWS_87: ['public-database'],
  CKV_AWS_89: ['public-database'],
  CKV_AWS_130: ['public-subnet-auto-ip'],
  CKV_AWS_38: ['eks-public-endpoint'],
  CKV_AWS_39: ['eks-public-endpoint'],
  CKV_AWS_2: ['alb-http-listener'],
  CKV2_AWS_20: ['alb-http-listener'],
  CKV2_AWS_28: ['alb-without-waf'],
  CKV_AWS_382: ['unrestricted-egress'],
  // tfsec (and the same checks under Trivy's AVD IDs)
  'aws-ec2-no-public-ingress-sgr': ['world-open-admin-port', 'backend-open-to-internet', 'public-database'],
  'AVD-AWS-0107': ['world-open-admin-port', 'backend-open-to-internet', 'public-database'],
  'aws-ec2-no-public-egress-sgr': ['unrestricted-egress'],
  'AVD-AWS-0104': ['unrestricted-egress'],
  'aws-ec2-no-public-ip-subnet': ['public-subnet-auto-ip'],
  'AVD-AWS-0164': ['public-subnet-auto-ip'],
  'aws-ec2-no-public-ip': ['public-ip-on-backend'],
  'AVD-AWS-0009': ['public-ip-on-backend'],
  'aws-rds-no-public-db-access': ['public-database'],
  'AVD-AWS-0082': ['public-database'],
  'aws-eks-no-public-cluster-access': ['eks-public-endpoint'],
  'AVD-AWS-0040': ['eks-public-endpoint'],
  'aws-eks-no-public-cluster-access-to-cidr': ['eks-public-endpoint'],
  'AVD-AWS-0041': ['eks-public-endpoint'],
  'aws-elb-http-not-used': ['alb-http-listener'],
  'AVD-AWS-0054': ['alb-http-listener'],
  // cfn_nag
  W2: ['backend-open-to-internet', 'world-open-admin-port'],
  W5: ['unrestricted-egress'],
  F1000: ['unrestricted-egress'],
};

const TABLE = new Map(Object.entries(PEER_RULES).map(([k, v]) => [k.toLowerCase(), v]));

/** Our rules for peer IDs (unknown IDs give nothing). */
export function rulesForPeerIds(ids: string[]): string[] {
  return [...new Set(ids.flatMap((id) => TABLE.get(id.trim().toLowerCase()) ?? []))];
}

/**
 * A peer directive in a comment line: `#checkov:skip=CKV_AWS_24:reason`, `#tfsec:ignore:aws-ec2-...`,
 * `#trivy:ignore:AVD-AWS-0107`, `# kics-scan ignore-line` / `ignore-block`. `rules` null: every rule.
 * `scope`: `resource` (Checkov: the comment's enclosing resource) or `next` (the next code line, or the
 * block that starts there).
 */
export function peerDirective(comment: string): { rules: string[] | null; scope: 'resource' | 'next' } | undefined {
  const checkov = /^(?:#|\/\/)\s*checkov:skip=([A-Za-z0-9_]+)/.exec(comment);
  if (checkov) return { rules: rulesForPeerIds([checkov[1]]), scope: 'resource' };
  const ignore = /^(?:#|\/\/)\s*(?:tfsec|trivy):ignore:([A-Za-z0-9_-]+)/.exec(comment);
  if (ignore) return { rules: rulesForPeerIds([ignore[1]]), scope: 'next' };
  if (/^(?:#|\/\/)\s*kics-scan\s+ignore-(?:line|block)\b/.test(comment)) return { rules: null, scope: 'next' };
  return undefined;
}
