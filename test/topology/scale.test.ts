// A 10,000-resource template: topology and rules give the right findings at scale (timing lives in npm run bench).
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

test('topology and rules on 10,000 resources: every host in its public subnet is found, at its own line', () => {
  const text = template(1667);
  const file = parseSource('big.yaml', text);
  const model = buildCloudFormationModel(file);
  assert.ok(model.resourceIds.size >= 10000, `only ${model.resourceIds.size} resources`);
  const findings = lintModel(model).filter((f) => f.ruleId === 'backend-in-public-subnet');
  // Every host sits in a public subnet: one finding each, on the host's subnet property, naming its own path.
  const expected = Array.from({ length: 1667 }, (_, i) => {
    const at = text.indexOf(`      SubnetId: !Ref Subnet${i}\n      SecurityGroupIds`);
    return {
      resource: `Host${i}`,
      message: `Host${i} is placed in public subnet Subnet${i} (0.0.0.0/0 -> Igw): backends belong in private subnets behind the ALB and NAT`,
      start: at + 6,
    };
  });
  const actual = findings.map((f) => ({ resource: f.resource, message: f.message, start: f.loc.span.start }));
  const byResource = (a: { resource: string }, b: { resource: string }) => a.resource.localeCompare(b.resource);
  assert.deepEqual(actual.sort(byResource), expected.sort(byResource));
});
