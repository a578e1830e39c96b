// Generates realistic CloudFormation templates of a given size (YAML and JSON) for benchmarks: VPC cells with mistakes mixed in.
type Value = string | number | boolean | Value[] | { [key: string]: Value };
interface Resource {
  Type: string;
  Properties?: Record<string, Value>;
  DependsOn?: string;
}

const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });

/** One application cell: public and private subnets, NAT, ALB, app tier, database (21 resources). */
function cell(i: number, add: (id: string, resource: Resource) => void): void {
  const c = `C${i}`;
  const octet = i % 250;
  // Every fifth cell (the second one first, so even 50 resources have some) carries the usual mistakes:
  // public IP on a backend, world-open SSH, public database, HTTP listener, backends in a public subnet.
  const bad = i % 5 === 1;
  add(`${c}PublicSubnet`, { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: `10.${octet}.0.0/24`, MapPublicIpOnLaunch: bad } });
  add(`${c}PrivateSubnet`, { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: `10.${octet}.1.0/24` } });
  add(`${c}PublicRoutes`, { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } });
  add(`${c}PublicDefault`, { Type: 'AWS::EC2::Route', DependsOn: 'IgwAttachment', Properties: { RouteTableId: ref(`${c}PublicRoutes`), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') } });
  add(`${c}PublicAssoc`, { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`${c}PublicSubnet`), RouteTableId: ref(`${c}PublicRoutes`) } });
  add(`${c}PrivateRoutes`, { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } });
  add(`${c}PrivateDefault`, { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`${c}PrivateRoutes`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`${c}Nat`) } });
  add(`${c}PrivateAssoc`, { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`${c}PrivateSubnet`), RouteTableId: ref(`${c}PrivateRoutes`) } });
  add(`${c}NatEip`, { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } });
  add(`${c}Nat`, { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref(`${c}PublicSubnet`), AllocationId: getAtt(`${c}NatEip`, 'AllocationId') } });
  add(`${c}AlbSg`, {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'ALB', VpcId: ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
  });
  add(`${c}AppSg`, {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'App',
      VpcId: ref('Vpc'),
      SecurityGroupIngress: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: ref(`${c}AlbSg`) },
        bad ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' } : { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' },
      ],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
    },
  });
  add(`${c}DbSg`, {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'DB', VpcId: ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: ref(`${c}AppSg`) }] },
  });
  add(`${c}Alb`, { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing', Subnets: [ref(`${c}PublicSubnet`), ref('SharedPublicSubnet')], SecurityGroups: [ref(`${c}AlbSg`)] } });
  add(`${c}Targets`, { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { VpcId: ref('Vpc'), Protocol: 'HTTP', Port: 8080 } });
  add(`${c}Listener`, {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: bad
      ? { LoadBalancerArn: ref(`${c}Alb`), Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(`${c}Targets`) }] }
      : { LoadBalancerArn: ref(`${c}Alb`), Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: ref('CertificateArn') }], DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(`${c}Targets`) }] },
  });
  add(`${c}LaunchTemplate`, {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: { LaunchTemplateData: { ImageId: ref('ImageId'), InstanceType: 't3.small', NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: bad, Groups: [ref(`${c}AppSg`)] }] } },
  });
  add(`${c}Group`, {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    Properties: {
      MinSize: '1',
      MaxSize: '4',
      VPCZoneIdentifier: [ref(bad ? `${c}PublicSubnet` : `${c}PrivateSubnet`)],
      TargetGroupARNs: [ref(`${c}Targets`)],
      LaunchTemplate: { LaunchTemplateId: ref(`${c}LaunchTemplate`), Version: getAtt(`${c}LaunchTemplate`, 'LatestVersionNumber') },
    },
  });
  add(`${c}Worker`, {
    Type: 'AWS::EC2::Instance',
    Properties: { ImageId: ref('ImageId'), InstanceType: 't3.micro', SubnetId: ref(`${c}PrivateSubnet`), SecurityGroupIds: [ref(`${c}AppSg`)] },
  });
  add(`${c}DbSubnets`, { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'DB', SubnetIds: [ref(`${c}PrivateSubnet`), ref(bad ? `${c}PublicSubnet` : 'SharedPrivateSubnet')] } });
  add(`${c}Db`, {
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: '20', MasterUsername: 'app', ManageMasterUserPassword: true, DBSubnetGroupName: ref(`${c}DbSubnets`), VPCSecurityGroups: [getAtt(`${c}DbSg`, 'GroupId')], PubliclyAccessible: bad },
  });
}

/** A template object with exactly `count` resources (count >= 10). */
export function generateTemplate(count: number): Record<string, Value> {
  const resources: Record<string, Resource> = {};
  const add = (id: string, resource: Resource) => {
    if (Object.keys(resources).length < count) resources[id] = resource;
  };
  add('Vpc', { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/8' } });
  add('Igw', { Type: 'AWS::EC2::InternetGateway' });
  add('IgwAttachment', { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') } });
  add('SharedPublicSubnet', { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.255.0.0/24' } });
  add('SharedPrivateSubnet', { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.255.1.0/24' } });
  add('SharedPublicRoutes', { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } });
  add('SharedPublicDefault', { Type: 'AWS::EC2::Route', DependsOn: 'IgwAttachment', Properties: { RouteTableId: ref('SharedPublicRoutes'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') } });
  add('SharedPublicAssoc', { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('SharedPublicSubnet'), RouteTableId: ref('SharedPublicRoutes') } });
  for (let i = 0; Object.keys(resources).length < count; i++) cell(i, add);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Generated benchmark template with ${count} resources`,
    Parameters: { ImageId: { Type: 'AWS::EC2::Image::Id', Default: 'ami-0123456789abcdef0' }, CertificateArn: { Type: 'String', Default: 'arn:aws:acm:us-east-1:123456789012:certificate/example' } },
    Resources: resources as unknown as Value,
  };
}

/** YAML in the style people write: block maps, short-form !Ref / !GetAtt, flow lists of refs. */
export function toYaml(template: Record<string, Value>): string {
  const lines: string[] = [];
  const scalar = (value: string | number | boolean): string => {
    if (typeof value !== 'string') return String(value);
    return /^[\w./:-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d[\d.]*|\d{4}-\d\d-\d\d)$/i.test(value) && !value.includes(': ') ? value : JSON.stringify(value);
  };
  const short = (value: Value): string | undefined => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === 'Ref') return `!Ref ${value.Ref as string}`;
      if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return `!GetAtt ${(value['Fn::GetAtt'] as string[]).join('.')}`;
      return undefined;
    }
    return Array.isArray(value) ? undefined : scalar(value);
  };
  const emit = (value: Value, indent: string, prefix: string) => {
    const inline = short(value);
    if (inline !== undefined) return lines.push(`${prefix} ${inline}`);
    if (Array.isArray(value)) {
      const items = value.map(short);
      if (items.every((item) => item !== undefined)) return lines.push(`${prefix} [${items.join(', ')}]`);
      lines.push(prefix);
      for (const item of value) {
        const sub = short(item);
        if (sub !== undefined) lines.push(`${indent}  - ${sub}`);
        else {
          const entries = Object.entries(item as Record<string, Value>);
          entries.forEach(([key, v], index) => emit(v, `${indent}    `, `${indent}${index === 0 ? '  - ' : '    '}${key}:`));
        }
      }
      return;
    }
    const entries = Object.entries(value);
    if (!entries.length) return lines.push(`${prefix} {}`);
    if (prefix) lines.push(prefix);
    for (const [key, v] of entries) emit(v, `${indent}  `, `${indent}${key}:`);
  };
  for (const [key, value] of Object.entries(template)) {
    if (typeof value === 'object') {
      lines.push(`${key}:`);
      for (const [k, v] of Object.entries(value as Record<string, Value>)) emit(v, '    ', `  ${k}:`);
      lines.push('');
    } else lines.push(`${key}: ${scalar(value)}`);
  }
  return lines.join('\n') + '\n';
}

export function toJson(template: Record<string, Value>): string {
  return JSON.stringify(template, null, 2) + '\n';
}
