// Small templates for the hostile suite: each has one known exposure, so "it was analysed" is observable.

/** CloudFormation YAML whose security group is world-open on SSH: one world-open-admin-port finding. */
export const SSH_OPEN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AdminSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

/** The same security group, closed: no finding. */
export const CLOSED_YAML = SSH_OPEN_YAML.replace('0.0.0.0/0', '10.0.0.0/16');

/** Terraform JSON with a world-open SSH ingress. */
export function sshOpenTerraform(cidr = '0.0.0.0/0'): string {
  return JSON.stringify(
    {
      resource: {
        aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
        aws_security_group: { admin: { vpc_id: '${aws_vpc.main.id}', ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [cidr] }] } },
      },
    },
    null,
    2,
  );
}

/** A minimal cloud assembly manifest with one stack. */
export function manifest(artifacts: unknown): string {
  return JSON.stringify({ version: '36.0.0', artifacts }, null, 2);
}

export const WORLD_OPEN = 'world-open-admin-port';
