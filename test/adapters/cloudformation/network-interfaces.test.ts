// An instance that attaches an ENI (NetworkInterfaces[].NetworkInterfaceId, or a NetworkInterfaceAttachment) sits in the ENI's subnet.
import test from 'node:test';
import assert from 'node:assert/strict';
import { alts, entity, modelOf } from './helpers';
import { lintText } from '../../../server/src/engine/lint';

const TEMPLATE = `Parameters:
  SubnetParam: {Type: "AWS::EC2::Subnet::Id"}
Conditions:
  Two: !Equals [a, b]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Sub1:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: x, VpcId: !Ref Vpc}
  Eth0:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Sub1
      GroupSet: [!Ref Sg]
  Eth1:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref SubnetParam
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces:
        - NetworkInterfaceId: !Ref Eth0
          DeviceIndex: "0"
  Attach:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Condition: Two
    Properties:
      InstanceId: !If [Two, !Ref Host, !Ref AWS::NoValue]
      NetworkInterfaceId: !Ref Eth1
      DeviceIndex: "1"
`;

test('the instance takes the subnet and groups of the ENIs it attaches, with the attachment guards', () => {
  const { model } = modelOf('t.yaml', TEMPLATE);
  const host = entity(model, 'Host', 'workload');
  assert.deepEqual(host.subnets.map(alts), [[{ value: 'Sub1' }], [{ value: undefined, when: [{ condition: 'Two', holds: true }] }]]);
  assert.deepEqual(host.securityGroups.map(alts), [[{ value: 'Sg' }]]);
});

test('an instance placed only through an ENI is not reported as in the default VPC', () => {
  const findings = lintText('t.yaml', TEMPLATE).findings.filter((f) => f.ruleId === 'default-vpc-placement');
  assert.deepEqual(findings, []);
});
