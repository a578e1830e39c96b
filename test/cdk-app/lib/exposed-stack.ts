// A stack that breaks the architecture on purpose: public admin host, world-open SSH, public database.
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';

export class ExposedStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Network', {
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });

    const adminSg = new ec2.SecurityGroup(this, 'AdminSg', { vpc, description: 'Admin access' });
    adminSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');

    new ec2.Instance(this, 'AdminHost', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: adminSg,
      associatePublicIpAddress: true,
    });

    new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      publiclyAccessible: true,
    });

    const alb = new elbv2.ApplicationLoadBalancer(this, 'Web', { vpc, internetFacing: true });
    alb.addListener('Http', { port: 80 }).addAction('Default', {
      action: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'ok' }),
    });
  }
}
