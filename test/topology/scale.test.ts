// A 10,000-resource template: topology and rules (after the adapter) finish well under a second.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildCloudFormationModel } from '../../server/src/adapters/cloudformation';
import { lintModel } from '../../server/src/engine/lint';
import { parseSource } from '../../server/src/source/parse';

function template(tiers: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16'];
  lines.push('  Igw:', '    Type: AWS::EC2::InternetGateway', '  Attach:', '    Type: AWS::EC2::VPCGatewayAttachment', '    Properties:', '      VpcId: !Ref Vpc', '      InternetGatewayId: !Ref Igw');
  for (let i = 0; i < tiers; i++) {
    lines.push(
      `  Subnet${i}:`, '    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: !Ref Vpc', `      CidrBlock: 10.0.${i % 250}.0/24`,
      `  Rt${i}:`, '    Type: AWS::EC2::RouteTable', '    Properties:', '      VpcId: !Ref Vpc',
      `  Route${i}:`, '    Type: AWS::EC2::Route', '    Properties:', `      RouteTableId: !Ref Rt${i}`, '      DestinationCidrBlock: 0.0.0.0/0', '      GatewayId: !Ref Igw',
      `  Assoc${i}:`, '    Type: AWS::EC2::SubnetRouteTableAssociation', '    Properties:', `      SubnetId: !Ref Subnet${i}`, `      RouteTableId: !Ref Rt${i}`,
      `  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: x', '      VpcId: !Ref Vpc', '      SecurityGroupIngress:', '        - IpProtocol: tcp', '          FromPort: 22', '          ToPort: 22', '          CidrIp: 0.0.0.0/0',
      `  Host${i}:`, '    Type: AWS::EC2::Instance', '    Properties:', '      ImageId: ami-1', `      SubnetId: !Ref Subnet${i}`, '      SecurityGroupIds:', `        - !Ref Sg${i}`,
    );
  }
  return lines.join('\n') + '\n';
}

test('topology and rules on 10,000 resources take well under a second', () => {
  const file = parseSource('big.yaml', template(1667));
  const model = buildCloudFormationModel(file);
  assert.ok(model.resourceIds.size >= 10000, `only ${model.resourceIds.size} resources`);
  const started = performance.now();
  const findings = lintModel(model);
  const elapsed = performance.now() - started;
  // Every host sits in a public subnet: one backend-in-public-subnet finding each.
  assert.equal(findings.filter((f) => f.ruleId === 'backend-in-public-subnet').length, 1667);
  assert.equal(findings.find((f) => f.resource === 'Host9' && f.ruleId === 'backend-in-public-subnet')?.message.startsWith('Host9 is placed in public subnet Subnet9 (0.0.0.0/0 -> Igw)'), true);
  // About 150 ms on an idle machine; the bound leaves room for a loaded CI box.
  assert.ok(elapsed < 800, `lintModel took ${elapsed.toFixed(0)} ms`);
});
