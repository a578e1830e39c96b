// The CloudFormation writer's text as a reviewer reads it: exact fix output in YAML and JSON, in the file's own style.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { Finding } from '../../../server/src/engine/types';
import { Fix } from '../../../server/src/model/types';
import { parseSource } from '../../../server/src/source/parse';
import { buildCloudFormationModel } from '../../../server/src/adapters/cloudformation';
import { applyEdits } from '../../helpers/rule-harness';
import { IGW_ATTACHMENT, PUBLIC_ROUTE_TABLE, VPC_IGW_PUBLIC_A } from '../../helpers/cfn-templates';

/** A private app server behind NAT: lints clean. Tests break one thing and fix it. */
const BASE = `AWSTemplateFormatVersion: '2010-09-09'
Description: A private app server behind NAT.
Resources:
${VPC_IGW_PUBLIC_A}${PUBLIC_ROUTE_TABLE}  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicA
      RouteTableId: !Ref PublicRt
  NatEip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref PublicA
      AllocationId: !GetAtt NatEip.AllocationId
  PrivateA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  PrivateRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivateRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRt
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  PrivateAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateA
      RouteTableId: !Ref PrivateRt
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: App servers
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref PrivateA
      SecurityGroupIds:
        - !Ref AppSg
`;

/** `text` with `from` replaced by `to`, failing when `from` is not there exactly once. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `expected exactly one ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

/** The one finding of `ruleId` on `resource`. */
function findingOf(path: string, text: string, ruleId: string, resource: string): Finding {
  const findings = lintText(path, text).findings.filter((f) => f.ruleId === ruleId && f.resource === resource);
  assert.equal(findings.length, 1, `expected one ${ruleId} finding on ${resource}`);
  return findings[0];
}

function fixNamed(finding: Finding, title: string): Fix {
  const fix = finding.fixes.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}" among ${JSON.stringify(finding.fixes.map((f) => f.title))}`);
  return fix;
}

/** The fixed text reads back without problems and lints clean. */
function assertClean(path: string, text: string): void {
  assert.deepEqual(parseSource(path, text).problems, []);
  assert.deepEqual(lintText(path, text).findings.map((f) => `${f.ruleId} ${f.resource}: ${f.message}`), []);
}

/** Applies a writer call's edits to a template. */
function withWriter(path: string, text: string, call: (model: ReturnType<typeof buildCloudFormationModel>) => Parameters<typeof applyEdits>[1]): string {
  const model = buildCloudFormationModel(parseSource(path, text));
  const edits = call(model);
  assert.ok(edits.length, 'the writer produced no edits');
  return applyEdits(text, edits);
}

function entityOf(model: ReturnType<typeof buildCloudFormationModel>, id: string) {
  const found = model.byId.get(id);
  assert.ok(found, `no entity ${id}`);
  return found;
}

test('the base template lints clean', () => {
  assertClean('/t/base.yaml', BASE);
});

test('YAML: setting a value keeps the short tag and the rest of the line', () => {
  const broken = edit(BASE, '      SubnetId: !Ref PublicA\n      AllocationId', '      SubnetId: !Ref PrivateA\n      AllocationId');
  const finding = findingOf('/t/nat.yaml', broken, 'nat-gateway-placement', 'Nat');
  const fixed = applyEdits(broken, fixNamed(finding, 'Move Nat to public subnet PublicA').edits);
  assert.equal(fixed, BASE);
  assertClean('/t/nat.yaml', fixed);
});

test('YAML: a property added to a block map goes after the last one, at its indentation (after a block list too)', () => {
  const broken = edit(BASE, '      GroupDescription: App servers\n      VpcId: !Ref Vpc\n', '      GroupDescription: App servers\n');
  const finding = findingOf('/t/sg.yaml', broken, 'default-vpc-placement', 'AppSg');
  const fixed = applyEdits(broken, fixNamed(finding, 'Create AppSg in Vpc').edits);
  assert.equal(fixed, edit(broken, '          CidrIp: 0.0.0.0/0\n  App:', '          CidrIp: 0.0.0.0/0\n      VpcId: !Ref Vpc\n  App:'));
  assertClean('/t/sg.yaml', fixed);
});

test('YAML: a property added to a flow map joins it on its line, with the map\'s padding', () => {
  const flow = edit(
    BASE,
    '    Properties:\n      GroupDescription: App servers\n      VpcId: !Ref Vpc\n      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n',
    '    Properties: { GroupDescription: App servers, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }] }\n',
  );
  const finding = findingOf('/t/flow.yaml', flow, 'default-vpc-placement', 'AppSg');
  const fixed = applyEdits(flow, fixNamed(finding, 'Create AppSg in Vpc').edits);
  assert.equal(fixed, edit(flow, 'CidrIp: 0.0.0.0/0 }] }', 'CidrIp: 0.0.0.0/0 }], VpcId: !Ref Vpc }'));
  assertClean('/t/flow.yaml', fixed);
});

const DNS_RULE = { IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIp: '10.0.0.2/32' };

test('YAML: an item appended to a block list lines up with the items there', () => {
  const fixed = withWriter('/t/list.yaml', BASE, (model) => model.writer.appendToList(entityOf(model, 'AppSg'), ['SecurityGroupEgress'], DNS_RULE));
  assert.equal(
    fixed,
    edit(BASE, '          CidrIp: 0.0.0.0/0\n  App:', '          CidrIp: 0.0.0.0/0\n        - IpProtocol: udp\n          FromPort: 53\n          ToPort: 53\n          CidrIp: 10.0.0.2/32\n  App:'),
  );
  assertClean('/t/list.yaml', fixed);
});

test('YAML: an item appended to a flow list stays on its line, in flow style', () => {
  const flow = edit(BASE, '      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n', '      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]\n');
  const fixed = withWriter('/t/flow-list.yaml', flow, (model) => model.writer.appendToList(entityOf(model, 'AppSg'), ['SecurityGroupEgress'], DNS_RULE));
  assert.equal(fixed, edit(flow, 'CidrIp: 0.0.0.0/0}]', 'CidrIp: 0.0.0.0/0}, {IpProtocol: udp, FromPort: 53, ToPort: 53, CidrIp: 10.0.0.2/32}]'));
  assertClean('/t/flow-list.yaml', fixed);
});

test('YAML: a new resource is appended at the end of Resources with short tags', () => {
  const broken = edit(BASE, IGW_ATTACHMENT, '');
  const finding = findingOf('/t/igw.yaml', broken, 'igw-not-attached', 'Igw');
  const fixed = applyEdits(broken, fixNamed(finding, 'Attach Igw to Vpc').edits);
  assert.equal(fixed, broken + IGW_ATTACHMENT);
  assertClean('/t/igw.yaml', fixed);
});

test('YAML: new resources follow blank-line separation, with !GetAtt X.Attr; Outputs stay apart', () => {
  const spaced = BASE.replace(/\n(?=  [A-Za-z]+:\n    Type:)/g, '\n\n').replace('Resources:\n\n', 'Resources:\n') + '\nOutputs:\n  VpcId:\n    Value: !Ref Vpc\n';
  const open = edit(spaced, '      SecurityGroupEgress:\n', '      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n      SecurityGroupEgress:\n');
  const finding = findingOf('/t/ssh.yaml', open, 'world-open-admin-port', 'AppSg');
  const fix = finding.fixes.find((f) => f.preferred)!;
  assert.equal(fix.title, 'Add an EC2 Instance Connect Endpoint in PrivateA and admit AppSg from its group instead of 0.0.0.0/0');
  const fixed = applyEdits(open, fix.edits);
  const expected = edit(
    edit(open, '          ToPort: 22\n          CidrIp: 0.0.0.0/0\n', '          ToPort: 22\n          SourceSecurityGroupId: !GetAtt InstanceConnectEndpointSg.GroupId\n'),
    '        - !Ref AppSg\n\nOutputs:',
    [
      '        - !Ref AppSg',
      '',
      '  InstanceConnectEndpointSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: EC2 Instance Connect Endpoint',
      '      VpcId: !Ref Vpc',
      '      SecurityGroupEgress:',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '          CidrIp: !GetAtt Vpc.CidrBlock',
      '',
      '  InstanceConnectEndpoint:',
      '    Type: AWS::EC2::InstanceConnectEndpoint',
      '    Properties:',
      '      SubnetId: !Ref PrivateA',
      '      SecurityGroupIds:',
      '        - !GetAtt InstanceConnectEndpointSg.GroupId',
      '',
      'Outputs:',
    ].join('\n'),
  );
  assert.equal(fixed, expected);
  assertClean('/t/ssh.yaml', fixed);
});

test('YAML: removing a list item takes its lines and leaves no blank line', () => {
  const open = edit(BASE, '      SecurityGroupEgress:\n', '      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: tcp\n          FromPort: 8080\n          ToPort: 8080\n          CidrIp: 10.0.0.0/16\n      SecurityGroupEgress:\n');
  const finding = findingOf('/t/remove.yaml', open, 'world-open-admin-port', 'AppSg');
  const fixed = applyEdits(open, fixNamed(finding, 'Remove the world-open rule from AppSg (no way in for admins is left)').edits);
  assert.equal(fixed, edit(open, '        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n', ''));
  assertClean('/t/remove.yaml', fixed);
});

test('YAML: removing a resource between blank lines leaves one blank line, comments elsewhere stay', () => {
  const spaced = BASE.replace(/\n(?=  [A-Za-z]+:\n    Type:)/g, '\n\n').replace('Resources:\n\n', 'Resources:\n  # Network first, then the app.\n');
  const rule = '\n  AppOpen:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref AppSg\n      IpProtocol: tcp\n      FromPort: 8080\n      ToPort: 8080\n      CidrIp: 0.0.0.0/0 # temporary\n';
  const open = edit(spaced, '\n  App:\n', rule + '\n  App:\n');
  const finding = findingOf('/t/standalone.yaml', open, 'backend-open-to-internet', 'AppOpen');
  const fixed = applyEdits(open, fixNamed(finding, 'Remove the world-open rule from AppSg').edits);
  assert.equal(fixed, spaced);
  assertClean('/t/standalone.yaml', fixed);
});

test('YAML: CRLF files keep CRLF in new and changed lines', () => {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const broken = crlf(edit(edit(BASE, IGW_ATTACHMENT, ''), '      SubnetId: !Ref PublicA\n      AllocationId', '      SubnetId: !Ref PrivateA\n      AllocationId'));
  const igw = findingOf('/t/crlf.yaml', broken, 'igw-not-attached', 'Igw');
  const withAttachment = applyEdits(broken, igw.fixes[0].edits);
  assert.equal(withAttachment, broken + crlf(IGW_ATTACHMENT));
  const nat = findingOf('/t/crlf.yaml', withAttachment, 'nat-gateway-placement', 'Nat');
  const fixed = applyEdits(withAttachment, nat.fixes[0].edits);
  assert.equal(fixed, crlf(edit(BASE, IGW_ATTACHMENT, '') + IGW_ATTACHMENT));
  assert.doesNotMatch(fixed, /[^\r]\n/);
  assertClean('/t/crlf.yaml', fixed);
});

test('YAML: 4-space indentation, lists at the key\'s column and single quotes are followed; empty maps stay on the key\'s line', () => {
  const four = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
    Vpc:
        Type: AWS::EC2::VPC
        Properties:
            CidrBlock: 10.0.0.0/16
    AppSg:
        Type: AWS::EC2::SecurityGroup
        Properties:
            GroupDescription: App servers
            VpcId: !Ref Vpc
            SecurityGroupEgress:
            -   IpProtocol: tcp
                FromPort: 443
                ToPort: 443
                CidrIp: 0.0.0.0/0
`;
  const fixed = withWriter('/t/four.yaml', four, (model) => [
    ...model.writer.appendToList(entityOf(model, 'AppSg'), ['SecurityGroupEgress'], DNS_RULE),
    ...model.writer.addResources(entityOf(model, 'Vpc'), {
      Acl: {
        Type: 'AWS::WAFv2::WebACL',
        Properties: {
          Scope: 'REGIONAL',
          DefaultAction: { Allow: {} },
          Rules: [],
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: '2024' },
          Tags: [{ Key: 'owner', Value: model.writer.ref('AppSg', 'GroupId') }],
        },
      },
    }),
  ]);
  assert.equal(
    fixed,
    four +
      [
        '            -   IpProtocol: udp',
        '                FromPort: 53',
        '                ToPort: 53',
        '                CidrIp: 10.0.0.2/32',
        '    Acl:',
        '        Type: AWS::WAFv2::WebACL',
        '        Properties:',
        '            Scope: REGIONAL',
        '            DefaultAction:',
        '                Allow: {}',
        '            Rules: []',
        '            VisibilityConfig:',
        '                SampledRequestsEnabled: true',
        '                CloudWatchMetricsEnabled: true',
        "                MetricName: '2024'",
        '            Tags:',
        '            -   Key: owner',
        '                Value: !GetAtt AppSg.GroupId',
        '',
      ].join('\n'),
  );
  assertClean('/t/four.yaml', fixed);
});

test('YAML: a file that writes intrinsics in long form gets long-form ones', () => {
  const long = BASE.replace(/^( *)(\w+): !Ref (\w+)$/gm, '$1$2:\n$1  Ref: $3')
    .replace(/^( *)(\w+): !GetAtt (\w+)\.(\w+)$/gm, '$1$2:\n$1  Fn::GetAtt: [$3, $4]')
    .replace('- !Ref AppSg', '- Ref: AppSg');
  assert.doesNotMatch(long, /!/);
  assertClean('/t/long.yaml', long);
  const attachment = '  IgwAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId:\n        Ref: Vpc\n      InternetGatewayId:\n        Ref: Igw\n';
  const broken = edit(long, attachment, '');
  const finding = findingOf('/t/long.yaml', broken, 'igw-not-attached', 'Igw');
  const fixed = applyEdits(broken, finding.fixes[0].edits);
  assert.equal(fixed, broken + attachment);
  assertClean('/t/long.yaml', fixed);
});

/** BASE as a JSON value (intrinsics in long form). */
function baseTemplate(): Record<string, any> {
  const ref = (id: string) => ({ Ref: id });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'A private app server behind NAT.',
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') } },
      PublicA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.0.0/24' } },
      PublicRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
      PublicRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PublicRt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') } },
      PublicAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('PublicA'), RouteTableId: ref('PublicRt') } },
      NatEip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('PublicA'), AllocationId: { 'Fn::GetAtt': ['NatEip', 'AllocationId'] } } },
      PrivateA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.1.0/24' } },
      PrivateRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
      PrivateRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PrivateRt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') } },
      PrivateAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('PrivateA'), RouteTableId: ref('PrivateRt') } },
      AppSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'App servers', VpcId: ref('Vpc'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
      },
      App: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: ref('PrivateA'), SecurityGroupIds: [ref('AppSg')] } },
    },
  };
}

for (const [label, indent] of [['4-space', '    '], ['tab', '\t']] as const) {
  test(`JSON (${label}): a set value and a new resource are written as the file writes its own`, () => {
    const good = baseTemplate();
    const broken = baseTemplate();
    broken.Resources.Nat.Properties.SubnetId = { Ref: 'PrivateA' };
    const { IgwAttachment, ...others } = broken.Resources;
    broken.Resources = others;
    const text = JSON.stringify(broken, null, indent) + '\n';
    // The NAT's fix needs an attached gateway (a public subnet to move to): attach it first.
    const igw = findingOf('/t/base.json', text, 'igw-not-attached', 'Igw');
    const attached = applyEdits(text, fixNamed(igw, 'Attach Igw to Vpc').edits);
    const nat = findingOf('/t/base.json', attached, 'nat-gateway-placement', 'Nat');
    const fixed = applyEdits(attached, fixNamed(nat, 'Move Nat to public subnet PublicA').edits);
    const { IgwAttachment: attachment, ...rest } = good.Resources;
    // The attachment lands at the end of Resources, spread over lines like every other object.
    assert.equal(fixed, JSON.stringify({ ...good, Resources: { ...rest, IgwAttachment: attachment } }, null, indent) + '\n');
    assert.equal(IgwAttachment.Type, attachment.Type);
    assertClean('/t/base.json', fixed);
  });
}

test('JSON: a file that writes intrinsics on one line, padded, gets them that way', () => {
  const text = [
    '{',
    '  "Resources": {',
    '    "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },',
    '    "Igw": { "Type": "AWS::EC2::InternetGateway" },',
    '    "PublicA": {',
    '      "Type": "AWS::EC2::Subnet",',
    '      "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.0.0/24" }',
    '    },',
    '    "PublicRt": { "Type": "AWS::EC2::RouteTable", "Properties": { "VpcId": { "Ref": "Vpc" } } },',
    '    "PublicRoute": {',
    '      "Type": "AWS::EC2::Route",',
    '      "Properties": { "RouteTableId": { "Ref": "PublicRt" }, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": { "Ref": "Igw" } }',
    '    },',
    '    "PublicAssoc": {',
    '      "Type": "AWS::EC2::SubnetRouteTableAssociation",',
    '      "Properties": { "SubnetId": { "Ref": "PublicA" }, "RouteTableId": { "Ref": "PublicRt" } }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
  const finding = findingOf('/t/inline.json', text, 'igw-not-attached', 'Igw');
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.equal(
    fixed,
    edit(
      text,
      '"RouteTableId": { "Ref": "PublicRt" } }\n    }\n',
      [
        '"RouteTableId": { "Ref": "PublicRt" } }',
        '    },',
        '    "IgwAttachment": {',
        '      "Type": "AWS::EC2::VPCGatewayAttachment",',
        '      "Properties": {',
        '        "VpcId": { "Ref": "Vpc" },',
        '        "InternetGatewayId": { "Ref": "Igw" }',
        '      }',
        '    }',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(parseSource('/t/inline.json', fixed).problems, []);
  assert.deepEqual(lintText('/t/inline.json', fixed).findings.filter((f) => f.ruleId === 'igw-not-attached'), []);
});

test('YAML: a new resource added with a property to the last resource: both apply, in order, under fix-all', () => {
  const lastNat = edit(BASE, '  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      SubnetId: !Ref PublicA\n      AllocationId: !GetAtt NatEip.AllocationId\n', '') + '  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      SubnetId: !Ref PublicA\n';
  const finding = findingOf('/t/eip.yaml', lastNat, 'nat-gateway-placement', 'Nat');
  const fix = fixNamed(finding, 'Allocate an Elastic IP for Nat');
  const starts = fix.edits.map((e) => e.span.start);
  assert.equal(new Set(starts).size, starts.length, 'two edits at one offset would be applied in a guessed order');
  const fixed = applyEdits(lastNat, fix.edits);
  assert.equal(fixed, lastNat + '      AllocationId: !GetAtt NatEip2.AllocationId\n  NatEip2:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n');
  assert.deepEqual(parseSource('/t/eip.yaml', fixed).problems, []);
});

test('JSON: a value written on one line in a spread-out file is replaced on one line (like for like)', () => {
  const good = JSON.stringify(baseTemplate(), null, 2) + '\n';
  const spread = '"SubnetId": {\n          "Ref": "PublicA"\n        },\n        "AllocationId"';
  assert.ok(good.includes(spread));
  const broken = edit(good, spread, '"SubnetId": { "Ref": "PrivateA" },\n        "AllocationId"');
  const finding = findingOf('/t/mixed.json', broken, 'nat-gateway-placement', 'Nat');
  const fixed = applyEdits(broken, fixNamed(finding, 'Move Nat to public subnet PublicA').edits);
  assert.equal(fixed, edit(good, spread, '"SubnetId": { "Ref": "PublicA" },\n        "AllocationId"'));
  assertClean('/t/mixed.json', fixed);
});

test('YAML: pairs added under an empty `Properties:` go below it, its comment stays on its line', () => {
  const empty = edit(BASE, '    Properties:\n      Domain: vpc\n', '    Properties: # filled in by the fix\n');
  const fixed = withWriter('/t/empty.yaml', empty, (model) => model.writer.setProperty(entityOf(model, 'NatEip'), ['Domain'], 'vpc'));
  assert.equal(fixed, edit(BASE, '    Properties:\n      Domain: vpc\n', '    Properties: # filled in by the fix\n      Domain: vpc\n'));
  assertClean('/t/empty.yaml', fixed);
});

test('YAML: a removed entry takes its disable-next-line comment along; other comments stay', () => {
  const rules = [
    '      SecurityGroupIngress:',
    '        # Admin and app ports.',
    '        # exposure-lint-disable-next-line unrestricted-egress -- reviewed',
    '        - IpProtocol: tcp',
    '          FromPort: 22',
    '          ToPort: 22',
    '          CidrIp: 0.0.0.0/0',
    '        - IpProtocol: tcp',
    '          FromPort: 8080',
    '          ToPort: 8080',
    '          CidrIp: 10.0.0.0/16',
    '      SecurityGroupEgress:',
    '',
  ].join('\n');
  const open = edit(BASE, '      SecurityGroupEgress:\n', rules);
  const finding = findingOf('/t/directive.yaml', open, 'world-open-admin-port', 'AppSg');
  const fixed = applyEdits(open, fixNamed(finding, 'Remove the world-open rule from AppSg (no way in for admins is left)').edits);
  assert.equal(
    fixed,
    edit(open, '        # exposure-lint-disable-next-line unrestricted-egress -- reviewed\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n', ''),
  );
  assertClean('/t/directive.yaml', fixed);
});

test('YAML: a flow list replaced by a list stays a flow list', () => {
  const flow = edit(BASE, '      SecurityGroupIds:\n        - !Ref AppSg\n', '      SecurityGroupIds: [!GetAtt AppSg.GroupId] # the app\'s group\n');
  const fixed = withWriter('/t/flow-set.yaml', flow, (model) => model.writer.setProperty(entityOf(model, 'App'), ['SecurityGroupIds'], [model.writer.ref('AppSg')]));
  assert.equal(fixed, edit(flow, '[!GetAtt AppSg.GroupId]', '[!Ref AppSg]'));
  assertClean('/t/flow-set.yaml', fixed);
});
