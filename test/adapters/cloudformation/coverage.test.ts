// Coverage audit of the CloudFormation adapter: per construct group, the model, the topology and every exact finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../../server/src/engine/types';
import { buildTopology } from '../../../server/src/topology/build';
import { Topology } from '../../../server/src/topology/topology';
import { Model } from '../../../server/src/model/types';
import { ExpectedFinding, Linted, assertFindings, lintSource, projectRoot } from '../../helpers/rule-harness';
import { alts, entity, modelOf, textAt } from './helpers';

interface Loaded {
  text: string;
  model: Model;
  topology: Topology;
  linted: Linted;
}

const cache = new Map<string, Loaded>();

/** A fixture of test/adapters/cloudformation/fixtures/coverage: its model, topology and findings (built once). */
function load(name: string): Loaded {
  let found = cache.get(name);
  if (!found) {
    const path = resolve(projectRoot(), 'test', 'adapters', 'cloudformation', 'fixtures', 'coverage', name);
    const text = readFileSync(path, 'utf8');
    const { model } = modelOf(path, text);
    found = { text, model, topology: buildTopology(model, defaultConfig()), linted: lintSource(path, text) };
    cache.set(name, found);
  }
  return found;
}

/** "class label" of every view of a subnet, most exposed first. */
function classes(t: Topology, id: string): string[] {
  return t.subnetViews(id).map((v) => `${v.cls} ${v.label}`);
}

/** Every finding of the fixture, exactly (so a finding that should not exist fails the test). */
function assertAll(name: string, expected: ExpectedFinding[]): void {
  assertFindings(load(name).linted, undefined, expected);
}

/** No definite finding names this resource (a possible one, whose path leaves the file, may). */
function assertQuiet(name: string, resource: string): void {
  const { linted } = load(name);
  assert.deepEqual(linted.findings.filter((f) => f.resource === resource && f.certainty !== 'possible').map((f) => `${f.ruleId}: ${f.message}`), [], `${resource} has definite findings`);
}

// ---- VPCs, internet gateways, subnets, route tables, routes, associations ----

test('network: VPC, IGW and its attachment, an IGW nobody attaches', () => {
  const { model, topology } = load('network.yaml');
  assert.deepEqual(alts(entity(model, 'Vpc', 'vpc').cidr), [{ value: '10.0.0.0/16' }]);
  const igw = entity(model, 'Igw', 'internet-gateway');
  assert.deepEqual(igw.attachments.map((a) => [a.id, alts(a.vpc)]), [['IgwAttach', [{ value: 'Vpc' }]]]);
  assert.equal(topology.igwAttachedTo(igw, 'Vpc'), true);
  assert.equal(topology.igwAttachedTo(entity(model, 'LonelyIgw', 'internet-gateway'), 'Vpc'), false);
  assert.deepEqual(classes(topology, 'Lonely'), ['isolated Lonely (0.0.0.0/0 -> LonelyIgw, not attached)']);
});

test('network: a route table shared by two subnets makes both public', () => {
  const { model, topology } = load('network.yaml');
  const table = entity(model, 'PublicRt', 'route-table');
  assert.deepEqual(table.associations.map((a) => [a.id, alts(a.subnet)]), [
    ['AssocA', [{ value: 'PublicA' }]],
    ['AssocB', [{ value: 'PublicB' }]],
    ['EitherRtAssoc', [{ value: 'EitherRtSubnet', when: [{ condition: 'UseShared', holds: false }] }]],
  ]);
  assert.deepEqual(classes(topology, 'PublicA'), ['public PublicA (0.0.0.0/0 -> Igw)']);
  assert.deepEqual(classes(topology, 'PublicB'), ['public PublicB (0.0.0.0/0 -> Igw)']);
  assert.deepEqual(topology.routeTablesOf('PublicB').map((t) => t.id), ['PublicRt']);
});

test('network: ::/0 to an IGW is public; ::/0 to an egress-only IGW (GatewayId or EgressOnlyInternetGatewayId) is not', () => {
  const { model, topology } = load('network.yaml');
  assert.deepEqual(classes(topology, 'Ipv6Only'), ['public Ipv6Only (::/0 -> Igw)']);
  const eg = entity(model, 'EgRt', 'route-table');
  assert.deepEqual(
    eg.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]),
    [
      ['EgRoute', 'egress-only-internet-gateway', [{ value: 'Eigw' }], [{ value: '::/0' }]],
      ['EgRoute2', 'egress-only-internet-gateway', [{ value: 'Eigw' }], [{ value: '::/0' }]],
    ],
  );
  assert.deepEqual(classes(topology, 'Eigw6'), ['isolated Eigw6 (::/0 -> Eigw)']);
  // 0.0.0.0/0 to NAT beside ::/0 to the IGW: IPv6 reaches the subnet from the internet.
  assert.deepEqual(classes(topology, 'Dual'), ['public Dual (::/0 -> Igw)']);
});

test('network: default routes to a transit gateway, a NAT instance or an ENI are egress paths, not public', () => {
  const { model, topology, linted } = load('network.yaml');
  const kinds = (id: string) => entity(model, id, 'route-table').routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]);
  assert.deepEqual(kinds('TgwRt'), [
    ['TgwRoute', 'transit-gateway', [{ value: undefined, literal: 'tgw-0123' }], [{ value: '0.0.0.0/0' }]],
    ['PeerRoute', 'vpc-peering', [{ value: undefined, literal: 'pcx-0123' }], [{ value: '10.9.0.0/16' }]],
  ]);
  assert.deepEqual(kinds('NatInstanceRt'), [['ViaInstance', 'instance', [{ value: undefined, literal: 'i-0123456789abcdef0' }], [{ value: '0.0.0.0/0' }]]]);
  assert.deepEqual(kinds('EniRt'), [['ViaEni', 'network-interface', [{ value: undefined, literal: 'eni-0123' }], [{ value: '0.0.0.0/0' }]]]);
  assert.deepEqual(classes(topology, 'Tgw'), ['isolated Tgw (0.0.0.0/0 -> tgw-0123)']);
  assert.deepEqual(classes(topology, 'BehindNatInstance'), ['isolated BehindNatInstance (0.0.0.0/0 -> i-0123456789abcdef0)']);
  assert.deepEqual(classes(topology, 'BehindEni'), ['isolated BehindEni (0.0.0.0/0 -> eni-0123)']);
  // The backend behind the transit gateway has a default route: no "without NAT egress" finding.
  assert.equal(topology.subnetView('Tgw')?.defaultRoute?.id, 'TgwRoute');
  assert.deepEqual(linted.findings.filter((f) => f.resource === 'TgwInst'), []);
});

test('network: a subnet without association uses the main table, known only for a VPC made here', () => {
  const { topology } = load('network.yaml');
  // A VPC created by the template keeps a main table with the local route only (CloudFormation cannot add to it).
  assert.deepEqual(classes(topology, 'Loose'), ['isolated Loose (no route table)']);
  // A VPC from a parameter: its main table may route anywhere. Neither public nor private nor isolated.
  assert.deepEqual(classes(topology, 'Foreign'), ['unknown Foreign (main route table unknown)']);
  assert.deepEqual(topology.subnetView('Foreign')?.path.map((s) => s.message), ["Foreign uses its VPC's main route table, which the template does not declare"]);
  assertQuiet('network.yaml', 'ForeignInst');
});

test('network: an association with a route table from a parameter or an import makes the subnet unknown, not its main table', () => {
  const { model, topology } = load('network.yaml');
  assert.deepEqual(entity(model, 'ParamRtSubnet', 'subnet').externalRouteTables?.map((a) => [a.id, alts(a.table)]), [['ParamRtAssoc', [{ value: undefined }]]]);
  assert.deepEqual(entity(model, 'ImportRtSubnet', 'subnet').externalRouteTables?.map((a) => [a.id, alts(a.table)]), [['ImportRtAssoc', [{ value: undefined }]]]);
  assert.deepEqual(classes(topology, 'ParamRtSubnet'), ['unknown ParamRtSubnet (route table not in the template)']);
  assert.deepEqual(topology.subnetView('ImportRtSubnet')?.path.map((s) => s.message), ['ImportRtSubnet is associated with a route table the template does not declare']);
  // Fn::If between a declared table and a parameter: each branch its own class.
  assert.deepEqual(topology.subnetViews('EitherRtSubnet').map((v) => [v.cls, v.label, v.when]), [
    ['public', 'EitherRtSubnet (0.0.0.0/0 -> Igw)', [{ condition: 'UseShared', holds: false }]],
    ['unknown', 'EitherRtSubnet (route table not in the template)', [{ condition: 'UseShared', holds: true }]],
  ]);
  // No "without NAT egress", "NAT outside a public subnet" or "internet-facing LB in a private subnet" by guess.
  for (const id of ['ParamRtInst', 'ImportRtNat', 'ImportRtNlb']) assertQuiet('network.yaml', id);
});

test('network: an IGW attachment with a resource Condition makes its subnets public only under that condition', () => {
  const { model, topology } = load('conditional-attachment.yaml');
  assert.deepEqual(entity(model, 'Igw', 'internet-gateway').attachments.map((a) => [a.id, alts(a.vpc)]), [['IgwAttach', [{ value: 'Vpc', when: [{ condition: 'Attach', holds: true }] }]]]);
  assert.deepEqual(topology.subnetViews('PublicA').map((v) => [v.cls, v.label, v.when]), [
    ['public', 'PublicA (0.0.0.0/0 -> Igw)', [{ condition: 'Attach', holds: true }]],
    ['isolated', 'PublicA (0.0.0.0/0 -> Igw, not attached)', [{ condition: 'Attach', holds: false }]],
  ]);
  assertAll('conditional-attachment.yaml', [
    {ruleId: "backend-in-public-subnet", resource: "Host", range: {startLine: 96, startCol: 11, endLine: 96, endCol: 33}, text: "SubnetId: !Ref PublicA", message: "Host is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT when condition Attach is true", when: [{condition: "Attach", holds: true}]},
    {ruleId: "public-ip-on-backend", resource: "Host", range: {startLine: 97, startCol: 11, endLine: 97, endCol: 41}, text: "AssociatePublicIpAddress: true", message: "Host gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB when condition Attach is true", when: [{condition: "Attach", holds: true}]},
  ]);
});

test('network.yaml: every finding, exactly', () => {
  assertAll('network.yaml', [
    {ruleId: "igw-not-attached", resource: "LonelyIgw", range: {startLine: 213, startCol: 3, endLine: 213, endCol: 12}, text: "LonelyIgw", message: "Internet gateway LonelyIgw is not attached to any VPC: 1 route(s) to it lead nowhere; public subnets and NAT gateways get no internet path"},
    {ruleId: "public-ip-on-backend", resource: "ForeignInst", range: {startLine: 247, startCol: 11, endLine: 247, endCol: 41}, text: "AssociatePublicIpAddress: true", message: "ForeignInst asks for a public IP; possible: the routes of its subnet Foreign are not in this template: if that subnet is public, ForeignInst is reachable without the ALB", certainty: "possible"},
    {ruleId: "backend-without-nat-egress", resource: "LooseInst", range: {startLine: 252, startCol: 7, endLine: 252, endCol: 27}, text: "SubnetId: !Ref Loose", message: "LooseInst is in Loose (no route table): it has no 0.0.0.0/0 route, so it has no outbound path through NAT gateway Nat"},
  ]);
});

// ---- NAT gateways and Elastic IPs ----

test('NAT gateways: subnet, EIP allocation and ConnectivityType; EIPs attached inline and by EIPAssociation', () => {
  const { model, topology } = load('nat-eip.yaml');
  const nat = entity(model, 'Nat', 'nat-gateway');
  assert.deepEqual([alts(nat.subnet), alts(nat.allocation), nat.connectivity], [[{ value: 'PublicA' }], [{ value: 'NatEip' }], undefined]);
  assert.deepEqual(alts(entity(model, 'PrivNat', 'nat-gateway').connectivity), [{ value: 'private' }]);
  assert.equal(entity(model, 'NoEipNat', 'nat-gateway').allocation, undefined);
  assert.deepEqual(topology.edges.filter((e) => e.kind === 'nat-gateway').map((e) => e.id), ['Nat', 'PrivNat', 'MisplacedNat', 'NoEipNat']);
  assert.deepEqual(entity(model, 'HostEip', 'eip').attachedTo.map((a) => [a.id, alts(a.target)]), [['HostEip', [{ value: 'Host' }]]]);
  assert.deepEqual(entity(model, 'Eip2', 'eip').attachedTo.map((a) => [a.id, alts(a.target)]), [['Eip2Assoc', [{ value: 'Host2' }]]]);
  assert.deepEqual(entity(model, 'Eip3', 'eip').attachedTo.map((a) => [a.id, alts(a.target)]), [['Eip3Assoc', [{ value: 'Eni' }]]]);
  // A private NAT needs no EIP and no public subnet.
  assertQuiet('nat-eip.yaml', 'PrivNat');
});

test('nat-eip.yaml: every finding, exactly', () => {
  assertAll('nat-eip.yaml', [
    {ruleId: "nat-gateway-placement", resource: "MisplacedNat", range: {startLine: 92, startCol: 7, endLine: 92, endCol: 30}, text: "SubnetId: !Ref PrivateB", message: "Public NAT gateway MisplacedNat is in PrivateB (0.0.0.0/0 -> Nat), which has no route to an internet gateway: private subnets routed to it get no outbound internet"},
    {ruleId: "nat-gateway-placement", resource: "NoEipNat", range: {startLine: 96, startCol: 3, endLine: 96, endCol: 11}, text: "NoEipNat", message: "Public NAT gateway NoEipNat has no Elastic IP allocation: it cannot translate private subnets' traffic to a public address"},
    {ruleId: "eip-on-backend", resource: "HostEip", range: {startLine: 103, startCol: 7, endLine: 103, endCol: 28}, text: "InstanceId: !Ref Host", message: "HostEip gives backend Host in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB"},
    {ruleId: "eip-on-backend", resource: "Eip2Assoc", range: {startLine: 116, startCol: 3, endLine: 120, endCol: 29}, text: "Eip2Assoc:\n    Type: AWS::EC2::EIPAssociation\n    Properties:\n      AllocationId: !GetAtt Eip2.AllocationId\n      InstanceId: !Ref Host2", message: "Eip2 gives backend Host2 in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB"},
    {ruleId: "eip-on-backend", resource: "Eip3Assoc", range: {startLine: 127, startCol: 3, endLine: 131, endCol: 35}, text: "Eip3Assoc:\n    Type: AWS::EC2::EIPAssociation\n    Properties:\n      EIP: !Ref Eip3\n      NetworkInterfaceId: !Ref Eni", message: "Eip3 gives backend Eni in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB"},
  ]);
});

// ---- Security groups ----

test('security groups: inline and standalone rules with CIDR, IPv6, prefix-list and source-group peers', () => {
  const { model } = load('security-groups.yaml');
  const sg = entity(model, 'AppSg', 'security-group');
  const peer = (r: { id: string; peer: { kind: string; value: { alts: unknown } } }) => [r.id, r.peer.kind, r.peer.value.alts];
  assert.deepEqual(sg.ingress.map(peer), [
    // A parameter without default: unknown, never 0.0.0.0/0.
    ['AppSg.ingress[0]', 'cidr', [{ value: undefined }]],
    // Prefix lists are their own kind (never "world"), literal or unknown.
    ['AppSg.ingress[1]', 'prefix-list', [{ value: 'pl-0123' }]],
    ['AppSg.ingress[2]', 'prefix-list', [{ value: undefined }]],
    ['AppSg.ingress[3]', 'group', [{ value: 'AlbSg' }]],
    ['AppSg.ingress[4]', 'cidr6', [{ value: '::/0' }]],
    ['SwitchedPeer', 'cidr', [{ value: '0.0.0.0/0', when: [{ condition: 'OpenToAll', holds: true }] }]],
    // The other branch of the same rule: its source group is kept, under the opposite guard.
    ['SwitchedPeer.SourceSecurityGroupId', 'group', [{ value: 'AlbSg', when: [{ condition: 'OpenToAll', holds: false }] }]],
    ['SshFromParam', 'cidr', [{ value: '0.0.0.0/0' }]],
    ['FromAlb', 'group', [{ value: 'AlbSg' }]],
  ]);
  assert.deepEqual(sg.egress.map(peer), [
    ['AppSg.egress[0]', 'prefix-list', [{ value: 'pl-0456' }]],
    ['AllOut', 'cidr6', [{ value: '::/0' }]],
  ]);
  assert.equal(sg.defaultEgressAll, false);
  assert.equal(entity(model, 'AlbSg', 'security-group').defaultEgressAll, true);
  const fromAlb = sg.ingress.find((r) => r.id === 'FromAlb')!;
  assert.deepEqual([alts(fromAlb.protocol), alts(fromAlb.fromPort), alts(fromAlb.toPort), fromAlb.entity?.id], [[{ value: 'tcp' }], [{ value: 80 }], [{ value: 80 }], 'FromAlb']);
  // Both halves of the Fn::If rule stand at the same resource.
  const switched = model.sgRules.filter((r) => r.entity?.id === 'SwitchedPeer');
  assert.deepEqual(switched.map((r) => textAt(load('security-groups.yaml').text, r.peer.value.loc)), [
    'CidrIp: !If [OpenToAll, 0.0.0.0/0, !Ref "AWS::NoValue"]',
    'SourceSecurityGroupId: !If [OpenToAll, !Ref "AWS::NoValue", !GetAtt AlbSg.GroupId]',
  ]);
});

test('security-groups.yaml: every finding, exactly (no finding from an unknown CIDR or a prefix list)', () => {
  assertAll('security-groups.yaml', [
    {ruleId: "world-open-admin-port", resource: "AppSg", range: {startLine: 119, startCol: 11, endLine: 119, endCol: 25}, text: "CidrIpv6: ::/0", message: "AppSg admits RDP (tcp 3389) from ::/0: App can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
    {ruleId: "backend-open-to-internet", resource: "SwitchedPeer", range: {startLine: 142, startCol: 7, endLine: 142, endCol: 62}, text: "CidrIp: !If [OpenToAll, 0.0.0.0/0, !Ref \"AWS::NoValue\"]", message: "AppSg admits tcp 9000 from 0.0.0.0/0: App sits in private subnets with no public IP, so nothing reaches it from the internet today: admit only the groups that need it when condition OpenToAll is true", when: [{condition: "OpenToAll", holds: true}]},
    {ruleId: "world-open-admin-port", resource: "SshFromParam", range: {startLine: 151, startCol: 7, endLine: 151, endCol: 28}, text: "CidrIp: !Ref OpenCidr", message: "AppSg admits SSH (tcp 22) from 0.0.0.0/0: App can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
    {ruleId: "unrestricted-egress", resource: "AllOut", range: {startLine: 165, startCol: 7, endLine: 165, endCol: 21}, text: "CidrIpv6: ::/0", message: "AppSg allows all traffic to ::/0: App can connect anywhere on any port (the reverse-shell and exfiltration path)"},
  ]);
});

// ---- Instances, ENIs, launch templates and configurations, ASGs, ECS, Lambda ----

test('workloads: instance interfaces, launch templates through ASGs (MixedInstancesPolicy) and instances, ECS awsvpc, Lambda VpcConfig', () => {
  const { model, topology } = load('workloads.yaml');
  const inst = entity(model, 'Inst', 'workload');
  assert.deepEqual([inst.subnets.map(alts), inst.securityGroups.map(alts), alts(inst.publicIp)], [[[{ value: 'PublicA' }]], [[{ value: 'Sg' }]], [{ value: true }]]);
  const asg = topology.backendOf('Asg')!;
  assert.deepEqual([alts(entity(model, 'Asg', 'workload').launchTemplate), asg.launchTemplate?.id, asg.subnets.map((v) => `${v.subnet.id} ${v.cls}`), alts(asg.publicIp), asg.groups.map((g) => g.id)],
    [[{ value: 'Lt' }], 'Lt', ['PublicA public', 'PublicB public'], [{ value: true }], ['Sg']]);
  const fromTemplate = topology.backendOf('FromTemplate')!;
  assert.deepEqual([fromTemplate.launchTemplate?.id, fromTemplate.subnets.map((v) => `${v.subnet.id} ${v.cls}`), fromTemplate.groups.map((g) => g.id)], ['PrivateLt', ['PrivateA private'], ['Sg']]);
  const lc = topology.backendOf('ImportAsg')!;
  assert.deepEqual([lc.launchTemplate?.id, lc.launchTemplate?.workloadKind, alts(lc.publicIp)], ['Lc', 'launch-configuration', [{ value: true }]]);
  const svc = entity(model, 'Svc', 'workload');
  assert.deepEqual([svc.workloadKind, svc.subnets.map(alts), alts(svc.publicIp), svc.outsideVpc], ['ecs-service', [[{ value: 'PublicA' }]], [{ value: true }], undefined]);
  const fn = entity(model, 'Fn', 'workload');
  assert.deepEqual([fn.subnets.map(alts), fn.securityGroups.map(alts), fn.outsideVpc], [[[{ value: 'PublicA' }], [{ value: 'PrivateA' }]], [[{ value: 'Sg' }]], undefined]);
  assert.equal(entity(model, 'OutFn', 'workload').outsideVpc, true);
});

test('workloads: ImportValue and parameter subnets leave a backend unplaced; the public IP it asks for is a possible finding', () => {
  const { model, topology } = load('workloads.yaml');
  for (const id of ['ImportAsg', 'ParamAsg', 'SplitAsg', 'ImportInst']) {
    const view = topology.backendOf(id)!;
    assert.deepEqual(entity(model, id, 'workload').subnets.map(alts), [[{ value: undefined }]], id);
    assert.deepEqual([view.subnets, view.inDefaultVpc], [[], false], id);
    assert.ok(view.publicIp?.alts.every((a) => a.value === true), `${id} asks for a public IP`);
    const said = load('workloads.yaml').linted.findings.filter((f) => f.resource === id || f.message.startsWith(`${id} `));
    assert.deepEqual(said.map((f) => [f.ruleId, f.certainty, f.severity]), [['public-ip-on-backend', 'possible', 'warning']], id);
    assert.match(said[0].message, /; possible: its subnet comes from `[^`]+`: if that subnet is public, \w+ is reachable without the ALB$/);
  }
});

test('workloads.yaml: every finding, exactly', () => {
  assertAll('workloads.yaml', [
    {ruleId: "unrestricted-egress", resource: "Sg", range: {startLine: 89, startCol: 3, endLine: 89, endCol: 5}, text: "Sg", message: "Sg has no SecurityGroupEgress, so AWS's default allows all traffic to 0.0.0.0/0: Inst, Asg, ImportAsg, ParamAsg, SplitAsg, Svc, Fn and FromTemplate can connect anywhere on any port (the reverse-shell and exfiltration path)"},
    {ruleId: "backend-in-public-subnet", resource: "Inst", range: {startLine: 100, startCol: 11, endLine: 100, endCol: 33}, text: "SubnetId: !Ref PublicA", message: "Inst is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-ip-on-backend", resource: "Inst", range: {startLine: 101, startCol: 11, endLine: 101, endCol: 41}, text: "AssociatePublicIpAddress: true", message: "Inst gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB"},
    {ruleId: "public-ip-on-backend", resource: "Lt", range: {startLine: 110, startCol: 13, endLine: 110, endCol: 43}, text: "AssociatePublicIpAddress: true", message: "Asg gets a public IP (via Lt) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB"},
    {ruleId: "public-ip-on-backend", resource: "Lt", range: {startLine: 110, startCol: 13, endLine: 110, endCol: 43}, text: "AssociatePublicIpAddress: true", message: "ParamAsg asks for a public IP (via Lt); possible: its subnet comes from `!Ref Subnets`: if that subnet is public, ParamAsg is reachable without the ALB", certainty: "possible"},
    {ruleId: "public-ip-on-backend", resource: "Lt", range: {startLine: 110, startCol: 13, endLine: 110, endCol: 43}, text: "AssociatePublicIpAddress: true", message: "SplitAsg asks for a public IP (via Lt); possible: its subnet comes from `!Split [\",\", !ImportValue net-Subnets]`: if that subnet is public, SplitAsg is reachable without the ALB", certainty: "possible"},
    {ruleId: "backend-in-public-subnet", resource: "Asg", range: {startLine: 117, startCol: 27, endLine: 117, endCol: 39}, text: "!Ref PublicA", message: "Asg is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "backend-in-public-subnet", resource: "Asg", range: {startLine: 117, startCol: 41, endLine: 117, endCol: 53}, text: "!Ref PublicB", message: "Asg is placed in public subnet PublicB (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-ip-on-backend", resource: "Lc", range: {startLine: 136, startCol: 7, endLine: 136, endCol: 37}, text: "AssociatePublicIpAddress: true", message: "ImportAsg asks for a public IP (via Lc); possible: its subnet comes from `!ImportValue net-PublicSubnet`: if that subnet is public, ImportAsg is reachable without the ALB", certainty: "possible"},
    {ruleId: "public-ip-on-backend", resource: "Svc", range: {startLine: 164, startCol: 11, endLine: 164, endCol: 34}, text: "AssignPublicIp: ENABLED", message: "Svc gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB"},
    {ruleId: "backend-in-public-subnet", resource: "Svc", range: {startLine: 165, startCol: 21, endLine: 165, endCol: 33}, text: "!Ref PublicA", message: "Svc is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "backend-in-public-subnet", resource: "Fn", range: {startLine: 175, startCol: 21, endLine: 175, endCol: 33}, text: "!Ref PublicA", message: "Fn is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-ip-on-backend", resource: "ImportInst", range: {startLine: 204, startCol: 11, endLine: 204, endCol: 41}, text: "AssociatePublicIpAddress: true", message: "ImportInst asks for a public IP; possible: its subnet comes from `!ImportValue net-PublicA`: if that subnet is public, ImportInst is reachable without the ALB", certainty: "possible"},
  ]);
});

// ---- Load balancers, listeners, target groups, WAFv2 ----

test('load balancers: scheme, subnets (also from SubnetMappings with AllocationId), groups, listeners, target groups', () => {
  const { model, topology, text } = load('load-balancers.yaml');
  const alb = entity(model, 'Alb', 'load-balancer');
  assert.deepEqual([alb.lbKind, alts(alb.scheme), alb.subnets.map(alts), alb.securityGroups.map(alts), alb.listeners.map((l) => l.id)],
    ['application', [{ value: 'internet-facing' }], [[{ value: 'PublicA' }], [{ value: 'PublicB' }]], [[{ value: 'AlbSg' }]], ['Http', 'Https']]);
  assert.deepEqual(entity(model, 'Tg', 'target-group').loadBalancers, ['Alb']);
  assert.deepEqual(topology.backendOf('App')!.behind.map((lb) => lb.id), ['Alb']);
  const nlb = entity(model, 'Nlb', 'load-balancer');
  assert.deepEqual([nlb.lbKind, nlb.scheme, nlb.subnets.map(alts)], ['network', undefined, [[{ value: 'PublicA' }], [{ value: 'PrivateB' }]]]);
  assert.deepEqual(nlb.subnets.map((p) => textAt(text, p.loc)), ['SubnetId: !Ref PublicA', 'SubnetId: !Ref PrivateB']);
  // The NLB's Elastic IPs are attached to it (an edge), never to a backend.
  assert.deepEqual(entity(model, 'NlbEipA', 'eip').attachedTo.map((a) => [a.id, alts(a.target), textAt(text, a.loc)]), [['Nlb', [{ value: 'Nlb' }], 'AllocationId: !GetAtt NlbEipA.AllocationId']]);
  assert.equal(topology.role(nlb), 'edge');
  assert.deepEqual(load('load-balancers.yaml').linted.findings.filter((f) => f.ruleId === 'eip-on-backend'), []);
  const clb = entity(model, 'Clb', 'load-balancer');
  assert.deepEqual([clb.lbKind, clb.instances.map(alts), clb.listeners.map((l) => [l.id, alts(l.protocol), alts(l.port)])],
    ['classic', [[{ value: 'App2' }]], [['Clb.listeners[0]', [{ value: 'HTTP' }], [{ value: 80 }]]]]);
  assert.deepEqual(topology.backendOf('App2')!.behind.map((lb) => lb.id), ['Clb']);
  assert.equal(topology.role(entity(model, 'InternalAlb', 'load-balancer')), 'infra');
  assert.deepEqual(entity(model, 'SafeRedirect', 'listener').redirectsToHttps, true);
  const api = topology.backendOf('Api')!;
  assert.deepEqual([api.behind.map((lb) => lb.id), entity(model, 'Api', 'workload').ports, alts(api.publicIp)], [['SafeAlb'], [8080], [{ value: false }]]);
  const waf = entity(model, 'AclAssoc', 'waf-association');
  assert.deepEqual([alts(waf.resource), alts(waf.webAcl)], [[{ value: 'SafeAlb' }], [{ value: 'Acl' }]]);
  // A listener rule's forward and an ASG's TargetGroupARNs put backends behind the ALB too.
  assert.deepEqual(entity(model, 'RuleTg', 'target-group').loadBalancers, ['Alb']);
  assert.deepEqual(topology.backendOf('App3')!.behind.map((lb) => lb.id), ['Alb']);
  assert.deepEqual(entity(model, 'WebAsg', 'workload').targetGroups.map(alts), [[{ value: 'Tg' }]]);
  assert.deepEqual([topology.backendOf('WebAsg')!.behind.map((lb) => lb.id), topology.backendOf('WebLt')?.entity.id], [['Alb'], 'WebAsg']);
  // WAF, HTTPS redirect, private backends: the right way has no finding.
  for (const id of ['SafeAlb', 'SafeRedirect', 'SafeHttps', 'Api', 'InternalAlb', 'App3', 'WebAsg', 'WebLt']) assertQuiet('load-balancers.yaml', id);
});

test('load-balancers.yaml: every finding, exactly', () => {
  assertAll('load-balancers.yaml', [
    {ruleId: "alb-without-waf", resource: "Alb", range: {startLine: 101, startCol: 3, endLine: 101, endCol: 6}, text: "Alb", message: "Internet-facing ALB Alb has no WAF web ACL (no AWS::WAFv2::WebACLAssociation refers to it): requests reach the backends without filtering of common web exploits"},
    {ruleId: "alb-http-listener", resource: "Http", range: {startLine: 113, startCol: 7, endLine: 115, endCol: 34}, text: "DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref Tg", message: "Http on internet-facing ALB Alb serves plain HTTP on port 80 without redirecting to HTTPS: requests and cookies cross the internet in clear text"},
    {ruleId: "internet-facing-lb-in-private-subnet", resource: "Nlb", range: {startLine: 151, startCol: 11, endLine: 151, endCol: 34}, text: "SubnetId: !Ref PrivateB", message: "Internet-facing load balancer Nlb is in PrivateB (0.0.0.0/0 -> Nat), which has no route to an internet gateway: the edge cannot be reached from the internet"},
    {ruleId: "internet-facing-lb-in-private-subnet", resource: "Clb", range: {startLine: 156, startCol: 17, endLine: 156, endCol: 30}, text: "!Ref PrivateA", message: "Internet-facing load balancer Clb is in PrivateA (0.0.0.0/0 -> Nat), which has no route to an internet gateway: the edge cannot be reached from the internet"},
  ]);
});

// ---- Databases with subnet groups, EKS, Instance Connect Endpoints ----

test('data stores: subnets through RDS, Redshift and DMS subnet groups; cluster members; OpenSearch/Elasticsearch VPC options', () => {
  const { model, topology } = load('data-stores.yaml');
  const placed = (id: string) => topology.backendOf(id)!.subnets.map((v) => `${v.subnet.id} ${v.cls}`);
  assert.deepEqual([alts(entity(model, 'Db', 'database').subnetGroup), placed('Db')], [[{ value: 'PublicDbSubnets' }], ['PublicA public', 'PublicB public']]);
  assert.deepEqual(placed('Cluster'), ['PrivateA private', 'PrivateB private']);
  const member = entity(model, 'ClusterMember', 'database');
  assert.deepEqual([alts(member.cluster), placed('ClusterMember'), member.securityGroups.map(alts)], [[{ value: 'Cluster' }], ['PrivateA private', 'PrivateB private'], [[{ value: 'DbSg' }]]]);
  assert.deepEqual([entity(model, 'Rs', 'database').databaseKind, placed('Rs')], ['redshift', ['PublicA public']]);
  assert.deepEqual([entity(model, 'Dms', 'database').databaseKind, placed('Dms'), entity(model, 'Dms', 'database').publiclyAccessible], ['dms', ['PrivateA private', 'PrivateB private'], undefined]);
  assert.deepEqual(alts(entity(model, 'DmsPrivate', 'database').publiclyAccessible), [{ value: false }]);
  // A subnet group named by a parameter without default: unknown subnets, not the default VPC, no finding.
  const param = topology.backendOf('ParamDb')!;
  assert.deepEqual([entity(model, 'ParamDb', 'database').subnets.map(alts), param.subnets, param.inDefaultVpc], [[[{ value: undefined }]], [], false]);
  assertQuiet('data-stores.yaml', 'ParamDb');
  assert.deepEqual([entity(model, 'Search', 'database').publicEndpoint, entity(model, 'Es', 'database').publicEndpoint, entity(model, 'VpcSearch', 'database').publicEndpoint], [true, true, undefined]);
  assert.deepEqual(placed('VpcSearch'), ['PrivateA private']);
});

test('data stores: EKS endpoint settings, and an Instance Connect Endpoint as the SSH edge', () => {
  const { model, topology } = load('data-stores.yaml');
  const eks = entity(model, 'Eks', 'eks-cluster');
  assert.deepEqual([alts(eks.endpointPublicAccess), eks.publicAccessCidrs.map(alts), eks.subnets.map(alts)], [[{ value: true }], [[{ value: '0.0.0.0/0' }]], [[{ value: 'PrivateA' }], [{ value: 'PrivateB' }]]]);
  assert.deepEqual([alts(entity(model, 'EksPrivate', 'eks-cluster').endpointPublicAccess), alts(entity(model, 'EksPrivate', 'eks-cluster').endpointPrivateAccess)], [[{ value: false }], [{ value: true }]]);
  const eice = entity(model, 'Eice', 'instance-connect-endpoint');
  assert.deepEqual([alts(eice.subnet), eice.securityGroups.map(alts), topology.role(eice)], [[{ value: 'PrivateA' }], [[{ value: 'EiceSg' }]], 'edge']);
  for (const id of ['EksPrivate', 'Eice', 'EiceSg', 'HostSg', 'Host']) assertQuiet('data-stores.yaml', id);
});

test('data-stores.yaml: every finding, exactly', () => {
  assertAll('data-stores.yaml', [
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 98, startCol: 19, endLine: 98, endCol: 31}, text: "!Ref PublicA", message: "Db is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "backend-in-public-subnet", resource: "Db", range: {startLine: 98, startCol: 33, endLine: 98, endCol: 45}, text: "!Ref PublicB", message: "Db is placed in public subnet PublicB (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-database", resource: "Db", range: {startLine: 110, startCol: 7, endLine: 110, endCol: 31}, text: "PubliclyAccessible: true", message: "RDS instance Db is publicly accessible (PubliclyAccessible: true) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet"},
    {ruleId: "public-database", resource: "ClusterMember", range: {startLine: 124, startCol: 7, endLine: 124, endCol: 31}, text: "PubliclyAccessible: true", message: "RDS instance ClusterMember is publicly accessible (PubliclyAccessible: true): it gets a public endpoint"},
    {ruleId: "backend-in-public-subnet", resource: "Rs", range: {startLine: 135, startCol: 19, endLine: 135, endCol: 31}, text: "!Ref PublicA", message: "Rs is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-database", resource: "Rs", range: {startLine: 145, startCol: 7, endLine: 145, endCol: 31}, text: "PubliclyAccessible: true", message: "Redshift cluster Rs is publicly accessible (PubliclyAccessible: true) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet"},
    {ruleId: "public-database", resource: "Dms", range: {startLine: 151, startCol: 3, endLine: 151, endCol: 6}, text: "Dms", message: "DMS replication instance Dms is publicly accessible (PubliclyAccessible is not set, and DMS defaults to true): it gets a public endpoint"},
    {ruleId: "public-database", resource: "Search", range: {startLine: 162, startCol: 3, endLine: 162, endCol: 9}, text: "Search", message: "OpenSearch domain Search has no VPCOptions: its endpoint is public on the internet, outside the VPC"},
    {ruleId: "public-database", resource: "Es", range: {startLine: 172, startCol: 3, endLine: 172, endCol: 5}, text: "Es", message: "OpenSearch domain Es has no VPCOptions: its endpoint is public on the internet, outside the VPC"},
    {ruleId: "eks-public-endpoint", resource: "Eks", range: {startLine: 182, startCol: 9, endLine: 182, endCol: 35}, text: "EndpointPublicAccess: true", message: "EKS cluster Eks has a public Kubernetes API endpoint (EndpointPublicAccess is true, PublicAccessCidrs includes 0.0.0.0/0): the control plane is reachable from the internet instead of only from inside the VPC"},
    {ruleId: "eks-public-endpoint", resource: "EksDefault", range: {startLine: 192, startCol: 3, endLine: 192, endCol: 13}, text: "EksDefault", message: "EKS cluster EksDefault has a public Kubernetes API endpoint (EndpointPublicAccess is not set and defaults to true, open to 0.0.0.0/0 by default): the control plane is reachable from the internet instead of only from inside the VPC"},
  ]);
});

// ---- Intrinsics ----

test('intrinsics: Select over GetAZs and Cidr is unknown and harmless; Select over a literal list picks the item', () => {
  const { model, topology } = load('intrinsics.yaml');
  // The subnet's AZ and CIDR are unknown; its class still comes from its route table.
  assert.deepEqual(classes(topology, 'AzSubnet'), ['public AzSubnet (0.0.0.0/0 -> Igw)']);
  assert.deepEqual(entity(model, 'Host', 'workload').subnets.map(alts), [[{ value: 'PrivateA' }]]);
  const rules = entity(model, 'Sg', 'security-group').ingress;
  assert.deepEqual(alts(rules[5].peer.value), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(alts(rules[6].peer.value), [{ value: undefined }]);
});

test('intrinsics: FindInMap with literal keys resolves; with a pseudo-parameter key it is unknown', () => {
  const { model } = load('intrinsics.yaml');
  const rules = entity(model, 'Sg', 'security-group').ingress;
  assert.deepEqual(rules.slice(0, 3).map((r) => alts(r.peer.value)), [[{ value: '0.0.0.0/0' }], [{ value: '203.0.113.0/24' }], [{ value: undefined }]]);
});

test('intrinsics: Sub with a parameter default, a pseudo parameter, a resource and a resource attribute', () => {
  const { model } = load('intrinsics.yaml');
  const rules = entity(model, 'Sg', 'security-group').ingress;
  assert.deepEqual(alts(rules[3].peer.value), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(alts(rules[4].peer.value), [{ value: undefined }]);
  const host = entity(model, 'Host2', 'workload');
  assert.deepEqual([host.subnets.map(alts), host.securityGroups.map(alts)], [[[{ value: 'AzSubnet' }]], [[{ value: 'Sg' }]]]);
});

test('intrinsics.yaml: every finding, exactly (none from ${AWS::Region}, a region-keyed map or GetAZs)', () => {
  assertAll('intrinsics.yaml', [
    {ruleId: "public-subnet-auto-ip", resource: "AzSubnet", range: {startLine: 105, startCol: 7, endLine: 105, endCol: 32}, text: "MapPublicIpOnLaunch: true", message: "AzSubnet (0.0.0.0/0 -> Igw) gives every instance launched in it a public IP and hosts backend Host2: reachable from the internet without the ALB"},
    {ruleId: "unrestricted-egress", resource: "Sg", range: {startLine: 111, startCol: 3, endLine: 111, endCol: 5}, text: "Sg", message: "Sg has no SecurityGroupEgress, so AWS's default allows all traffic to 0.0.0.0/0: Host and Host2 can connect anywhere on any port (the reverse-shell and exfiltration path)"},
    {ruleId: "world-open-admin-port", resource: "Sg", range: {startLine: 117, startCol: 56, endLine: 117, endCol: 93}, text: "CidrIp: !FindInMap [Net, Admin, Cidr]", message: "Sg admits SSH (tcp 22) from 0.0.0.0/0: Host and Host2 can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
    {ruleId: "backend-open-to-internet", resource: "Sg", range: {startLine: 120, startCol: 60, endLine: 120, endCol: 86}, text: "CidrIp: !Sub \"${AdminNet}\"", message: "Sg admits tcp 5432 from 0.0.0.0/0: Host and Host2 are reachable without the ALB"},
    {ruleId: "backend-open-to-internet", resource: "Sg", range: {startLine: 122, startCol: 60, endLine: 122, endCol: 108}, text: "CidrIp: !Select [1, [\"10.0.0.0/8\", \"0.0.0.0/0\"]]", message: "Sg admits tcp 1433 from 0.0.0.0/0: Host and Host2 are reachable without the ALB"},
    {ruleId: "backend-in-public-subnet", resource: "Host2", range: {startLine: 134, startCol: 7, endLine: 134, endCol: 35}, text: "SubnetId: !Sub \"${AzSubnet}\"", message: "Host2 is placed in public subnet AzSubnet (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
    {ruleId: "public-ip-on-backend", resource: "Host2", range: {startLine: 134, startCol: 7, endLine: 134, endCol: 35}, text: "SubnetId: !Sub \"${AzSubnet}\"", message: "Host2 gets a public IP from AzSubnet's MapPublicIpOnLaunch in AzSubnet (0.0.0.0/0 -> Igw): reachable from the internet without the ALB"},
  ]);
});

test('unknowns: parameters without default and imports give unknown values; Fn::If with NoValue gives guarded ones', () => {
  const { model, topology } = load('unknowns.yaml');
  const rules = entity(model, 'Sg', 'security-group');
  assert.deepEqual(rules.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.protocol), alts(r.fromPort)]), [
    ['Sg.ingress[0]', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: 'tcp' }], [{ value: undefined }]],
    ['Sg.ingress[1]', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: undefined }], [{ value: 22 }]],
    ['Sg.ingress[2]', 'cidr', [{ value: undefined }], [{ value: 'tcp' }], [{ value: 22 }]],
    ['Sg.ingress[3]', 'cidr', [{ value: undefined }], [{ value: 'tcp' }], [{ value: 22 }]],
    ['Sg.ingress[4]', 'cidr', [{ value: '0.0.0.0/0', when: [{ condition: 'Public', holds: true }] }], [{ value: 'tcp' }], [{ value: 3389 }]],
    ['Sg.ingress[4].SourceSecurityGroupId', 'group', [{ value: 'AlbSg', when: [{ condition: 'Public', holds: false }] }], [{ value: 'tcp' }], [{ value: 3389 }]],
  ]);
  assert.deepEqual(rules.egress.map((r) => alts(r.peer.value)), [[{ value: undefined }]]);
  const lb = entity(model, 'Lb', 'load-balancer');
  assert.deepEqual(alts(lb.scheme), [{ value: undefined }]);
  const host2 = topology.backendOf('Host2')!;
  assert.deepEqual(host2.subnets.map((v) => [v.subnet.id, v.cls, v.when]), [
    ['PublicA', 'public', [{ condition: 'Public', holds: true }]],
    ['PrivateA', 'private', [{ condition: 'Public', holds: false }]],
  ]);
  assert.deepEqual(alts(host2.publicIp), [{ value: true, when: [{ condition: 'Public', holds: true }] }]);
  // Unknown scheme, EKS access, DMS flag, ECS public IP, subnet auto-IP: no finding from any of them.
  for (const id of ['Host', 'Lb', 'Listener', 'Eks', 'Dms', 'OpenSub']) assertQuiet('unknowns.yaml', id);
});

test('unknowns.yaml: every finding, exactly (only the known Fn::If branches report, naming their condition)', () => {
  assertAll('unknowns.yaml', [
    {ruleId: "world-open-admin-port", resource: "Sg", range: {startLine: 110, startCol: 60, endLine: 110, endCol: 112}, text: "CidrIp: !If [Public, 0.0.0.0/0, !Ref \"AWS::NoValue\"]", message: "Sg admits RDP (tcp 3389) from 0.0.0.0/0: Host can be administered from anywhere instead of through an EC2 Instance Connect Endpoint when condition Public is true", when: [{condition: "Public", holds: true}]},
    {ruleId: "unrestricted-egress", resource: "AlbSg", range: {startLine: 113, startCol: 3, endLine: 113, endCol: 8}, text: "AlbSg", message: "AlbSg has no SecurityGroupEgress, so AWS's default allows all traffic to 0.0.0.0/0: Host2 can connect anywhere on any port (the reverse-shell and exfiltration path)"},
    {ruleId: "backend-in-public-subnet", resource: "Host2", range: {startLine: 131, startCol: 11, endLine: 131, endCol: 62}, text: "SubnetId: !If [Public, !Ref PublicA, !Ref PrivateA]", message: "Host2 is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT when condition Public is true", when: [{condition: "Public", holds: true}]},
    {ruleId: "public-ip-on-backend", resource: "Host2", range: {startLine: 132, startCol: 11, endLine: 132, endCol: 76}, text: "AssociatePublicIpAddress: !If [Public, true, !Ref \"AWS::NoValue\"]", message: "Host2 gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB when condition Public is true", when: [{condition: "Public", holds: true}]},
    {ruleId: "backend-in-public-subnet", resource: "Svc", range: {startLine: 165, startCol: 21, endLine: 165, endCol: 33}, text: "!Ref PublicA", message: "Svc is placed in public subnet PublicA (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT"},
  ]);
});

// ---- Placement inherited from outside the template ----

test('placement: a cluster, read-replica source or ENI from elsewhere leaves the subnets unknown, not the default VPC', () => {
  const { model, topology } = load('placement.yaml');
  for (const id of ['Member', 'Member2', 'Replica']) {
    assert.deepEqual(entity(model, id, 'database').subnets.map(alts), [[{ value: undefined }]], id);
    assert.equal(topology.backendOf(id)!.inDefaultVpc, false, id);
  }
  assert.deepEqual(entity(model, 'EniHost', 'workload').subnets.map(alts), [[{ value: undefined }]]);
  assert.equal(topology.backendOf('EniHost')!.inDefaultVpc, false);
  // A replica of a database in the template takes its subnets.
  assert.deepEqual(topology.backendOf('LocalReplica')!.subnets.map((v) => v.subnet.id), ['DataA', 'DataB']);
  assert.deepEqual(alts(entity(model, 'LocalReplica', 'database').subnetGroup), [{ value: 'DataSubnets' }]);
  // ...but not its groups: AWS gives a replica the VPC's default group unless it names its own.
  assert.deepEqual([entity(model, 'Primary', 'database').securityGroups.map(alts), entity(model, 'LocalReplica', 'database').securityGroups], [[[{ value: undefined, literal: 'sg-0123' }]], []]);
});

test('placement.yaml: every finding, exactly (only the instance that really names no subnet)', () => {
  assertAll('placement.yaml', [
    {ruleId: "default-vpc-placement", resource: "NoSubnet", range: {startLine: 27, startCol: 3, endLine: 27, endCol: 11}, text: "NoSubnet", message: "NoSubnet names no subnet: it lands in the default VPC, whose subnets are all public, outside the ALB and NAT path"},
  ]);
});

test('main table: a default route into a table the template cannot see makes unassociated subnets unknown', () => {
  const { model, topology } = load('main-table.yaml');
  assert.deepEqual(model.externalRoutes?.map((r) => [r.id, r.target.kind, alts(r.routeTable), alts(r.destination)]), [
    ['MainDefault', 'internet-gateway', [{ value: 'MainTableLookup' }], [{ value: '0.0.0.0/0' }]],
  ]);
  assert.deepEqual(classes(topology, 'EdgeSubnet'), ['unknown EdgeSubnet (main route table unknown)']);
  assert.deepEqual(classes(topology, 'AppSubnet'), ['unknown AppSubnet (main route table unknown)']);
  // Neither "NAT outside a public subnet" nor "no NAT egress": the main table may route either way.
  assertAll('main-table.yaml', []);
});

test('unknowns: an SSM parameter type defaults to a parameter name, not a value: unknown', () => {
  const text = [
    'Parameters:',
    '  AdminCidr: {Type: "AWS::SSM::Parameter::Value<String>", Default: /network/admin-cidr}',
    '  Subnets: {Type: "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>", Default: /network/app-subnets}',
    '  PlainCidr: {Type: String, Default: 10.0.0.0/8}',
    'Resources:',
    '  Sg:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: admin',
    '      SecurityGroupIngress:',
    '        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr}',
    '        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref PlainCidr}',
    '  Asg:',
    '    Type: AWS::AutoScaling::AutoScalingGroup',
    '    Properties: {MinSize: "1", MaxSize: "1", VPCZoneIdentifier: !Ref Subnets}',
    '',
  ].join('\n');
  const { model } = modelOf('ssm.yaml', text);
  assert.deepEqual(entity(model, 'Sg', 'security-group').ingress.map((r) => alts(r.peer.value)), [[{ value: undefined }], [{ value: '10.0.0.0/8' }]]);
  assert.deepEqual(entity(model, 'Asg', 'workload').subnets.map(alts), [[{ value: undefined }]]);
});

test('NAT instance: the instance a default route goes through is an edge, not a backend in a public subnet', () => {
  const { model, topology } = load('nat-instance.yaml');
  const nat = entity(model, 'NatInstance', 'workload');
  assert.deepEqual(entity(model, 'InstRt', 'route-table').routes.map((r) => [r.target.kind, alts(r.target.ref), alts(r.destination)]), [['instance', [{ value: 'NatInstance' }], [{ value: '0.0.0.0/0' }]]]);
  assert.deepEqual([topology.role(nat), topology.backendOf('NatInstance')], ['edge', undefined]);
  assert.deepEqual(classes(topology, 'PrivateB'), ['isolated PrivateB (0.0.0.0/0 -> NatInstance)']);
  // Its public IP, public subnet and open egress are what a NAT needs; world-open SSH is still reported.
  assertAll('nat-instance.yaml', [
    {ruleId: "world-open-admin-port", resource: "NatSg", range: {startLine: 86, startCol: 56, endLine: 86, endCol: 73}, text: "CidrIp: 0.0.0.0/0", message: "NatSg admits SSH (tcp 22) from 0.0.0.0/0: NatInstance can be administered from anywhere instead of through an EC2 Instance Connect Endpoint"},
  ]);
});
