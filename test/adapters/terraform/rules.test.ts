// Every rule on Terraform JSON: exact findings on rules/<id>/fixtures/bad.tf.json, none on good.tf.json, and
// each fix applied to the text re-parses and re-lints without the finding and without new ones.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTerraformFiles } from '../../../server/src/engine/lint-terraform';
import { Finding } from '../../../server/src/engine/types';
import { Fix } from '../../../server/src/model/types';
import { ExpectedFinding, Linted, applyEdits, assertFindings, assertFixResolvesWith, describe, fixturePath } from '../../helpers/rule-harness';

function lintTf(path: string, text = readFileSync(path, 'utf8')): Linted {
  return { path, text, findings: lintTerraformFiles([{ path, text }]).findings };
}

/** Applies the fix, checks the text is still JSON, re-lints: the finding is gone and nothing new appeared. */
function assertFixResolves(linted: Linted, finding: Finding, fix: Fix): void {
  assertFixResolvesWith(linted, finding, fix, (path, fixed) => {
    assert.doesNotThrow(() => JSON.parse(fixed), `fix "${fix.title}" breaks the JSON:\n${fixed}`);
    const after = lintTf(path, fixed);
    assert.deepEqual(after.findings.filter((f) => f.ruleId === 'parse-error').map((f) => describe(after, f)), [], `fix "${fix.title}" made the module unreadable`);
    return after;
  });
}

const EXPECTED: Record<string, ExpectedFinding[]> = {
  'alb-http-listener': [
    {"ruleId":"alb-http-listener","resource":"aws_lb_listener.http","range":{"startLine":179,"startCol":9,"endLine":184,"endCol":10},"message":"aws_lb_listener.http on internet-facing ALB aws_lb.web serves plain HTTP on port 80 without redirecting to HTTPS","fixes":["Redirect aws_lb_listener.http to HTTPS on port 443"]},
  ],
  'alb-without-waf': [
    {"ruleId":"alb-without-waf","resource":"aws_lb.web","range":{"startLine":143,"startCol":7,"endLine":143,"endCol":12},"message":"Internet-facing ALB aws_lb.web has no WAF web ACL (no aws_wafv2_web_acl_association refers to it)","fixes":["Add a WAF web ACL (AWS managed common rule set) to aws_lb.web (blocks the requests the rule set matches, e.g. bodies over 8 KB)"]},
  ],
  'backend-in-public-subnet': [
    {"ruleId":"backend-in-public-subnet","resource":"aws_instance.admin","range":{"startLine":212,"startCol":9,"endLine":212,"endCol":49},"message":"aws_instance.admin is placed in public subnet aws_subnet.public_a (0.0.0.0/0 -> aws_internet_gateway.igw)","fixes":["Place aws_instance.admin in private subnet aws_subnet.private_a"]},
  ],
  'backend-open-to-internet': [
    {"ruleId":"backend-open-to-internet","resource":"aws_security_group.app","range":{"startLine":134,"startCol":15,"endLine":134,"endCol":26},"message":"aws_security_group.app admits tcp 8080 from 0.0.0.0/0","fixes":["Remove the world-open rule from aws_security_group.app"]},
  ],
  'backend-without-nat-egress': [
    {"ruleId":"backend-without-nat-egress","resource":"aws_instance.worker","range":{"startLine":223,"startCol":9,"endLine":223,"endCol":45},"message":"aws_instance.worker is in aws_subnet.jobs (no default route)","fixes":["Route 0.0.0.0/0 from aws_route_table.jobs to aws_nat_gateway.nat"]},
  ],
  'default-vpc-placement': [
    {"ruleId":"default-vpc-placement","resource":"aws_security_group.loose","range":{"startLine":141,"startCol":7,"endLine":141,"endCol":14},"message":"Security group aws_security_group.loose names no VPC","fixes":["Create aws_security_group.loose in aws_vpc.main"]},
    {"ruleId":"default-vpc-placement","resource":"aws_instance.loose","range":{"startLine":212,"startCol":7,"endLine":212,"endCol":14},"message":"aws_instance.loose names no subnet","fixes":["Place aws_instance.loose in private subnet aws_subnet.private_a (its security groups are not in aws_vpc.main)"]},
  ],
  'eip-on-backend': [
    {"ruleId":"eip-on-backend","resource":"aws_eip.worker","range":{"startLine":85,"startCol":9,"endLine":85,"endCol":48},"message":"aws_eip.worker gives backend aws_instance.worker in aws_subnet.private_a (0.0.0.0/0 -> aws_nat_gateway.nat) a public address","fixes":["Remove the Elastic IP association with aws_instance.worker"]},
    {"ruleId":"eip-on-backend","resource":"aws_eip_association.api","range":{"startLine":234,"startCol":7,"endLine":237,"endCol":8},"message":"aws_eip.api gives backend aws_instance.api in aws_subnet.private_b (0.0.0.0/0 -> aws_nat_gateway.nat) a public address","fixes":["Remove the Elastic IP association with aws_instance.api"]},
  ],
  'eks-public-endpoint': [
    {"ruleId":"eks-public-endpoint","resource":"aws_eks_cluster.main","range":{"startLine":209,"startCol":7,"endLine":209,"endCol":13},"message":"EKS cluster aws_eks_cluster.main has a public Kubernetes API endpoint (endpoint_public_access is not set and defaults to true, open to 0.0.0.0/0 by default)","fixes":["Make the API endpoint of aws_eks_cluster.main private"]},
  ],
  'igw-not-attached': [
    {"ruleId":"igw-not-attached","resource":"aws_internet_gateway.igw","range":{"startLine":18,"startCol":7,"endLine":18,"endCol":12},"message":"Internet gateway aws_internet_gateway.igw is not attached to any VPC","fixes":["Attach aws_internet_gateway.igw to aws_vpc.main"]},
  ],
  'internet-facing-lb-in-private-subnet': [
    {"ruleId":"internet-facing-lb-in-private-subnet","resource":"aws_lb.web","range":{"startLine":147,"startCol":11,"endLine":147,"endCol":39},"message":"Internet-facing load balancer aws_lb.web is in aws_subnet.private_a (0.0.0.0/0 -> aws_nat_gateway.nat), which has no route to an internet gateway","fixes":["Place aws_lb.web in public subnet aws_subnet.public_a","Make aws_lb.web internal (replaces it; it no longer accepts traffic from the internet)"]},
    {"ruleId":"internet-facing-lb-in-private-subnet","resource":"aws_lb.web","range":{"startLine":148,"startCol":11,"endLine":148,"endCol":39},"message":"Internet-facing load balancer aws_lb.web is in aws_subnet.private_b (0.0.0.0/0 -> aws_nat_gateway.nat), which has no route to an internet gateway","fixes":["Place aws_lb.web in public subnet aws_subnet.public_b","Make aws_lb.web internal (replaces it; it no longer accepts traffic from the internet)"]},
  ],
  'nat-gateway-placement': [
    {"ruleId":"nat-gateway-placement","resource":"aws_nat_gateway.nat","range":{"startLine":86,"startCol":9,"endLine":86,"endCol":50},"message":"Public NAT gateway aws_nat_gateway.nat is in aws_subnet.private_a (0.0.0.0/0 -> aws_nat_gateway.nat), which has no route to an internet gateway","fixes":["Move aws_nat_gateway.nat to public subnet aws_subnet.public_a"]},
    {"ruleId":"nat-gateway-placement","resource":"aws_nat_gateway.spare","range":{"startLine":89,"startCol":7,"endLine":89,"endCol":14},"message":"Public NAT gateway aws_nat_gateway.spare has no Elastic IP allocation","fixes":["Allocate an Elastic IP for aws_nat_gateway.spare"]},
  ],
  'public-database': [
    {"ruleId":"public-database","resource":"aws_db_instance.db","range":{"startLine":225,"startCol":9,"endLine":225,"endCol":36},"message":"RDS instance aws_db_instance.db is publicly accessible (publicly_accessible","fixes":["Set publicly_accessible: false on aws_db_instance.db"]},
  ],
  'public-ip-on-backend': [
    {"ruleId":"public-ip-on-backend","resource":"aws_instance.admin","range":{"startLine":216,"startCol":9,"endLine":216,"endCol":44},"message":"aws_instance.admin gets a public IP in aws_subnet.public_a (0.0.0.0/0 -> aws_internet_gateway.igw)","fixes":["Do not assign a public IP to aws_instance.admin and place it in private subnet aws_subnet.private_a"]},
    {"ruleId":"public-ip-on-backend","resource":"aws_ecs_service.api","range":{"startLine":231,"startCol":11,"endLine":231,"endCol":35},"message":"aws_ecs_service.api gets a public IP in aws_subnet.public_b (0.0.0.0/0 -> aws_internet_gateway.igw)","fixes":["Do not assign a public IP to aws_ecs_service.api and place it in private subnet aws_subnet.private_a"]},
  ],
  'public-subnet-auto-ip': [
    {"ruleId":"public-subnet-auto-ip","resource":"aws_subnet.public_c","range":{"startLine":43,"startCol":9,"endLine":43,"endCol":40},"message":"aws_subnet.public_c (0.0.0.0/0 -> aws_internet_gateway.igw) gives every instance launched in it a public IP and could host backends","fixes":["Do not map public IPs on launch in aws_subnet.public_c"]},
  ],
  'world-open-admin-port': [
    {"ruleId":"world-open-admin-port","resource":"aws_security_group.app","range":{"startLine":134,"startCol":15,"endLine":134,"endCol":26},"message":"aws_security_group.app admits SSH (tcp 22) from 0.0.0.0/0","fixes":["Add an EC2 Instance Connect Endpoint in aws_subnet.private_a and admit aws_security_group.app from its group instead of 0.0.0.0/0","Remove the world-open rule from aws_security_group.app (no way in for admins is left)"]},
  ],
  'instance-connect-endpoint-missing-access': [
    {"ruleId":"instance-connect-endpoint-missing-access","resource":"aws_security_group.app","range":{"startLine":118,"startCol":9,"endLine":128,"endCol":10},"message":"aws_security_group.app admits no SSH (tcp 22) or RDP (tcp 3389) from EC2 Instance Connect Endpoint aws_ec2_instance_connect_endpoint.admin (group aws_security_group.eice)","fixes":["Admit SSH to aws_security_group.app from the Instance Connect Endpoint's group aws_security_group.eice (opens tcp 22 on aws_security_group.app)"]},
    {"ruleId":"instance-connect-endpoint-missing-access","resource":"aws_security_group.eice","range":{"startLine":144,"startCol":9,"endLine":153,"endCol":10},"message":"aws_security_group.eice, the group of EC2 Instance Connect Endpoint aws_ec2_instance_connect_endpoint.admin, allows no egress on SSH (tcp 22) or RDP (tcp 3389)","fixes":["Allow aws_security_group.eice SSH egress to the VPC (adds tcp 22 egress to aws_security_group.eice)"]},
  ],
  'unrestricted-egress': [
    {"ruleId":"unrestricted-egress","resource":"aws_security_group.app","range":{"startLine":136,"startCol":15,"endLine":136,"endCol":26},"message":"aws_security_group.app allows all traffic to 0.0.0.0/0","fixes":["Limit aws_security_group.app's egress to tcp 443"]},
  ],
};

/** Rules whose own tests already own a bad.tf.json: the module-shaped fixture of this suite has its own name. */
const BAD_NAME: Record<string, string> = {
  'alb-http-listener': 'bad-module.tf.json',
  'alb-without-waf': 'bad-module.tf.json',
  'eks-public-endpoint': 'bad-module.tf.json',
  'instance-connect-endpoint-missing-access': 'bad-module.tf.json',
};

/** Rules whose fixes may break a working service: offered, but not preferred (--fix leaves them). */
// Rules whose fixes on the bad module are suggestions only: they would widen access (unrestricted egress narrows it,
// the endpoint's fixes open SSH) or block requests (a web ACL).
const MANUAL_FIX = new Set(['unrestricted-egress', 'alb-without-waf', 'instance-connect-endpoint-missing-access']);
// Rules that fix some findings of the bad module and leave others as suggestions (an instance whose groups are in another VPC).
const PARTIAL_FIX = new Set(['default-vpc-placement']);

function badPath(id: string): string {
  return fixturePath(id, BAD_NAME[id] ?? 'bad.tf.json');
}

for (const [id, expected] of Object.entries(EXPECTED)) {
  test(`${id}: ${BAD_NAME[id] ?? 'bad.tf.json'} gives exactly these findings (Terraform addresses, exact ranges)`, () => {
    assertFindings(lintTf(badPath(id)), id, expected);
  });

  test(`${id}: good.tf.json has no findings at all`, () => {
    const linted = lintTf(fixturePath(id, 'good.tf.json'));
    assert.deepEqual(linted.findings.map((f) => describe(linted, f)), []);
  });

  test(`${id}: every fix applied to the bad module re-parses and re-lints clean of its finding`, () => {
    const linted = lintTf(badPath(id));
    const findings = linted.findings.filter((f) => f.ruleId === id);
    if (MANUAL_FIX.has(id)) assert.ok(findings.every((f) => f.fixes.length && !f.fixes.some((fix) => fix.preferred)), 'offered, never applied by --fix');
    else assert.ok(findings.some((f) => f.fixes.some((fix) => fix.preferred)), 'a preferred fix is offered');
    for (const finding of findings) for (const fix of finding.fixes) assertFixResolves(linted, finding, fix);
  });
}

test('the preferred fixes together (what --fix applies) leave each bad module clean of its rule', () => {
  for (const id of Object.keys(EXPECTED).filter((id) => !MANUAL_FIX.has(id))) {
    let linted = lintTf(badPath(id));
    // One preferred fix at a time, re-linting in between, as the CLI's fix loop does.
    for (let round = 0; round < 8; round++) {
      const next = linted.findings.find((f) => f.ruleId === id && f.fixes.some((fix) => fix.preferred && fix.edits.length));
      if (!next) break;
      const fix = next.fixes.find((f) => f.preferred)!;
      linted = lintTf(linted.path, applyEdits(linted.text, fix.edits));
    }
    const left = linted.findings.filter((f) => f.ruleId === id && (!PARTIAL_FIX.has(id) || f.fixes.some((fix) => fix.preferred)));
    assert.deepEqual(left.map((f) => describe(linted, f)), [], `${id} after its preferred fixes:\n${linted.text}`);
  }
});

/** The bad modules rewritten in other styles people (and tools) write JSON in. */
const STYLES: Record<string, (text: string) => string> = {
  'one line': (text) => JSON.stringify(JSON.parse(text)),
  tabs: (text) => JSON.stringify(JSON.parse(text), null, '\t') + '\n',
  CRLF: (text) => text.replace(/\n/g, '\r\n'),
};

test('fixes keep the file\'s style: one-line, tab-indented and CRLF modules stay so, and still re-lint clean', () => {
  for (const id of Object.keys(EXPECTED)) {
    for (const [style, rewrite] of Object.entries(STYLES)) {
      const path = badPath(id);
      const linted = lintTf(path, rewrite(readFileSync(path, 'utf8')));
      const findings = linted.findings.filter((f) => f.ruleId === id);
      assert.equal(findings.length, EXPECTED[id].length, `${id} (${style})`);
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          assertFixResolves(linted, finding, fix);
          const fixed = applyEdits(linted.text, fix.edits);
          if (style === 'one line') assert.ok(!fixed.includes('\n'), `${id}: "${fix.title}" broke the single line`);
          if (style === 'tabs') assert.ok(!/\n {2}/.test(fixed), `${id}: "${fix.title}" indented with spaces in a tab file`);
          if (style === 'CRLF') assert.ok(!/[^\r]\n/.test(fixed), `${id}: "${fix.title}" wrote a bare LF in a CRLF file`);
        }
      }
    }
  }
});
