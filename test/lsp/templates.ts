// Templates the LSP tests type into the editor: a small VPC with one exposed admin host, and variations.
import { PUBLIC_A_ASSOC, PUBLIC_ROUTE_TABLE, VPC_IGW_PUBLIC_A } from '../helpers/cfn-templates';
import { positionOf } from '../helpers/position';

export { positionOf };

/** VPC, IGW, public and private subnets with NAT; AdminHost asks for a public IP in PublicA (one finding). */
export const EXPOSED_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${VPC_IGW_PUBLIC_A}${PUBLIC_ROUTE_TABLE}${PUBLIC_A_ASSOC}  AdminSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Admin
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
  AdminHost:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      NetworkInterfaces:
        - DeviceIndex: '0'
          SubnetId: !Ref PublicA
          AssociatePublicIpAddress: true
          GroupSet:
            - !Ref AdminSg
`;

/** Two public subnets that map public IPs on launch: two fixable public-subnet-auto-ip findings, nothing else. */
export const AUTO_IP_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${VPC_IGW_PUBLIC_A}      MapPublicIpOnLaunch: true
  PublicB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      MapPublicIpOnLaunch: true
  PublicBAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicB
      RouteTableId: !Ref PublicRt
${PUBLIC_ROUTE_TABLE}${PUBLIC_A_ASSOC}`;

/** The same network in JSON (one subnet maps public IPs). */
export const AUTO_IP_JSON = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      PublicA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: true } },
      PublicRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      PublicRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'PublicRt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
      PublicAAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'PublicA' }, RouteTableId: { Ref: 'PublicRt' } } },
    },
  },
  null,
  2,
) + '\n';

/** Files that are YAML or JSON but not templates: the server must stay silent on them. */
export const NOT_TEMPLATES: { name: string; languageId: string; text: string }[] = [
  { name: 'docker-compose.yaml', languageId: 'yaml', text: "services:\n  web:\n    image: nginx\n    ports:\n      - '0.0.0.0:80:80'\n" },
  { name: 'deployment.yaml', languageId: 'yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostNetwork: true\n' },
  { name: 'package.json', languageId: 'json', text: '{\n  "name": "aws-thing",\n  "description": "uses AWS::EC2::Instance in docs",\n  "version": "1.0.0"\n}\n' },
  { name: 'broken-compose.yaml', languageId: 'yaml', text: 'services: [web\n  image: : nginx\n' },
];

/** The range of the first occurrence of `needle` (after `after`); `needle` may span lines. */
export function rangeOf(text: string, needle: string, after = ''): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const start = positionOf(text, needle, after);
  const lines = needle.split('\n');
  const end = lines.length === 1 ? { line: start.line, character: start.character + needle.length } : { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
  return { start, end };
}

/** A Terraform JSON module in two files: the network, and an admin instance in its public subnet with a public IP. */
export const TF_NETWORK = JSON.stringify(
  {
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.main.id}' } },
      aws_subnet: { public_a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.0.0/24' } },
      aws_route_table: { public: { vpc_id: '${aws_vpc.main.id}', route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' }] } },
      aws_route_table_association: { public_a: { subnet_id: '${aws_subnet.public_a.id}', route_table_id: '${aws_route_table.public.id}' } },
    },
  },
  null,
  2,
) + '\n';

export const TF_COMPUTE = JSON.stringify(
  {
    resource: {
      aws_instance: {
        admin: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.public_a.id}', associate_public_ip_address: true },
      },
    },
  },
  null,
  2,
) + '\n';
