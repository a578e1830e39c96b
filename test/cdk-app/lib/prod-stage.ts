// A Stage, so the assembly holds a nested assembly (assembly-Prod) with its own stack.
import { Stage, StageProps, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export class ProdStage extends Stage {
  constructor(scope: Construct, id: string, props?: StageProps) {
    super(scope, id, props);
    const stack = new Stack(this, 'Bastion');
    const vpc = new ec2.Vpc(stack, 'ProdVpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    const sg = new ec2.SecurityGroup(stack, 'BastionSg', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'RDP from anywhere');
    const jumpBox = new ec2.Instance(stack, 'JumpBox', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: sg,
      associatePublicIpAddress: true,
    });
    // Suppressions travel into the template as resource Metadata.
    (jumpBox.node.defaultChild as ec2.CfnInstance).addMetadata('exposure-lint', {
      suppress: { 'backend-in-public-subnet': 'the jump box sits in the public subnet by design' },
    });
  }
}
