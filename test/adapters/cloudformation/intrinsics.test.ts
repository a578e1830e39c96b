// Intrinsic resolution in the adapter: Ref, GetAtt, Sub, Select, GetAZs, FindInMap, Join, ImportValue, If, Condition.
import test from 'node:test';
import assert from 'node:assert/strict';
import { alts, entity, modelOf } from './helpers';

const HEADER = `Parameters:
  WithDefault: {Type: String, Default: 10.1.0.0/16}
  NoDefault: {Type: String}
  SubnetList: {Type: CommaDelimitedList, Default: "subnet-a, subnet-b"}
  Flag: {Type: String, Default: "true"}
Conditions:
  A: !Equals [x, x]
  B: !Equals [x, y]
Mappings:
  Net:
    prod: {Cidr: 10.9.0.0/16, Subnets: [subnet-m1, subnet-m2]}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Sub1:
    Type: AWS::EC2::Subnet
  Sg:
    Type: AWS::EC2::SecurityGroup
`;

/** Builds a template with one security group rule whose CidrIp is `expr`, and returns the peer alternatives. */
function cidr(expr: string): unknown {
  const { model } = modelOf('t.yaml', `${HEADER}  Rule:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref Sg\n      IpProtocol: tcp\n      CidrIp: ${expr}\n`);
  return alts(model.sgRules[0]?.peer.value);
}

/** The alternatives of a subnet's VpcId written as `expr` (a reference property). */
function vpcRef(expr: string): unknown {
  const { model } = modelOf('t.yaml', `${HEADER}  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: ${expr}\n`);
  return alts(entity(model, 'S', 'subnet').vpc);
}

test('Ref: resource -> its logical ID; parameter -> its default; no default or pseudo -> unknown', () => {
  assert.deepEqual(vpcRef('!Ref Vpc'), [{ value: 'Vpc' }]);
  assert.deepEqual(cidr('!Ref WithDefault'), [{ value: '10.1.0.0/16' }]);
  assert.deepEqual(cidr('!Ref NoDefault'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Ref AWS::Region'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('{Ref: NoDefault}'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('!Ref Undeclared'), [{ value: undefined }]);
});

test('AWS::NoValue: the property is absent', () => {
  assert.equal(vpcRef('!Ref AWS::NoValue'), undefined);
  assert.deepEqual(cidr('!Ref AWS::NoValue'), [{ value: undefined }]); // no peer at all: an unknown placeholder, never a finding
});

test('literal ids go to Alt.literal', () => {
  assert.deepEqual(vpcRef('vpc-1'), [{ value: undefined, literal: 'vpc-1' }]);
  assert.deepEqual(vpcRef('!Ref WithDefault'), [{ value: undefined, literal: '10.1.0.0/16' }]);
});

test('Fn::GetAtt in list and dotted forms -> the resource', () => {
  assert.deepEqual(vpcRef('!GetAtt Vpc.VpcId'), [{ value: 'Vpc' }]);
  assert.deepEqual(vpcRef('{"Fn::GetAtt": [Vpc, VpcId]}'), [{ value: 'Vpc' }]);
  assert.deepEqual(vpcRef('!GetAtt Nowhere.VpcId'), [{ value: undefined }]);
  assert.deepEqual(cidr('!GetAtt Vpc.CidrBlock'), [{ value: undefined }]);
});

test('Fn::Sub: a lone ${Res} or ${Res.Attr} is the resource; otherwise parameters substitute or stay unknown', () => {
  assert.deepEqual(vpcRef('!Sub "${Vpc}"'), [{ value: 'Vpc' }]);
  assert.deepEqual(vpcRef('!Sub "${Vpc.VpcId}"'), [{ value: 'Vpc' }]);
  assert.deepEqual(cidr('!Sub "${WithDefault}"'), [{ value: '10.1.0.0/16' }]);
  assert.deepEqual(cidr('!Sub "0.0.0.${Zero}/0"'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Sub ["${Net}/0", {Net: 0.0.0.0}]'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('!Sub ["${Net}/0", {Net: !Ref NoDefault}]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Sub "${AWS::Region}-x"'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Sub "${!Literal}"'), [{ value: '${Literal}' }]);
  assert.deepEqual(cidr('!Sub "${Vpc}/x"'), [{ value: undefined }]);
});

test('Fn::Select over literal lists; over Fn::GetAZs unknown', () => {
  assert.deepEqual(cidr('!Select [1, [1.1.1.1/32, 0.0.0.0/0]]'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('!Select ["0", !Split [",", "0.0.0.0/0,10.0.0.0/8"]]'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(vpcRef('!Select [0, [!Ref Vpc]]'), [{ value: 'Vpc' }]);
  assert.deepEqual(cidr('!Select [5, [a]]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Select [0, !GetAZs ""]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Select [!Ref NoDefault, [a, b]]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Select [1, !Ref SubnetList]'), [{ value: 'subnet-b' }]);
});

test('Fn::FindInMap when the keys resolve; Fn::Join of known parts; Fn::ImportValue unknown', () => {
  assert.deepEqual(cidr('!FindInMap [Net, prod, Cidr]'), [{ value: '10.9.0.0/16' }]);
  assert.deepEqual(cidr('!FindInMap [Net, !Ref NoDefault, Cidr]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!FindInMap [Net, dev, Cidr]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!Join ["", ["0.0.0.0", "/", "0"]]'), [{ value: '0.0.0.0/0' }]);
  assert.deepEqual(cidr('!Join ["", [!Ref WithDefault]]'), [{ value: '10.1.0.0/16' }]);
  assert.deepEqual(cidr('!Join ["", [!Ref NoDefault, "/0"]]'), [{ value: undefined }]);
  assert.deepEqual(cidr('!ImportValue SharedCidr'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('!ImportValue SharedVpc'), [{ value: undefined }]);
});

test('Fn::If: one alternative per branch, nested guards combine, NoValue branches drop', () => {
  assert.deepEqual(cidr('!If [A, 0.0.0.0/0, 10.0.0.0/8]'), [
    { value: '0.0.0.0/0', when: [{ condition: 'A', holds: true }] },
    { value: '10.0.0.0/8', when: [{ condition: 'A', holds: false }] },
  ]);
  assert.deepEqual(cidr('!If [A, !If [B, 0.0.0.0/0, !Ref AWS::NoValue], 10.0.0.0/8]'), [
    { value: '0.0.0.0/0', when: [{ condition: 'A', holds: true }, { condition: 'B', holds: true }] },
    { value: '10.0.0.0/8', when: [{ condition: 'A', holds: false }] },
  ]);
  // The same condition nested the other way round can never hold.
  assert.deepEqual(cidr('!If [A, !If [A, 1.1.1.1/32, 0.0.0.0/0], 10.0.0.0/8]'), [
    { value: '1.1.1.1/32', when: [{ condition: 'A', holds: true }] },
    { value: '10.0.0.0/8', when: [{ condition: 'A', holds: false }] },
  ]);
  assert.deepEqual(vpcRef('!If [A, !Ref Vpc, vpc-9]'), [
    { value: 'Vpc', when: [{ condition: 'A', holds: true }] },
    { value: undefined, literal: 'vpc-9', when: [{ condition: 'A', holds: false }] },
  ]);
  assert.equal(vpcRef('!If [A, !Ref AWS::NoValue, !Ref AWS::NoValue]'), undefined);
});

test('Fn::If over lists and list items; list parameters and mappings', () => {
  const { model } = modelOf(
    't.yaml',
    `${HEADER}  Fn:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig:
        SubnetIds: !If [A, [!Ref Sub1], !Ref SubnetList]
        SecurityGroupIds:
          - !If [B, !Ref Sg, !Ref AWS::NoValue]
          - !FindInMap [Net, prod, Cidr]
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        SecurityGroupIds: !FindInMap [Net, prod, Subnets]
`,
  );
  const fn = entity(model, 'Fn', 'workload');
  assert.equal(fn.outsideVpc, undefined);
  assert.deepEqual(fn.subnets.map(alts), [
    [{ value: 'Sub1', when: [{ condition: 'A', holds: true }] }],
    [{ value: undefined, literal: 'subnet-a', when: [{ condition: 'A', holds: false }] }],
    [{ value: undefined, literal: 'subnet-b', when: [{ condition: 'A', holds: false }] }],
  ]);
  assert.deepEqual(fn.securityGroups.map(alts), [[{ value: 'Sg', when: [{ condition: 'B', holds: true }] }], [{ value: undefined, literal: '10.9.0.0/16' }]]);
  assert.deepEqual(entity(model, 'Lt', 'workload').securityGroups.map(alts), [[{ value: undefined, literal: 'subnet-m1' }], [{ value: undefined, literal: 'subnet-m2' }]]);
});

test('Fn::If between whole objects and whole lists of objects', () => {
  const { model } = modelOf(
    't.yaml',
    `${HEADER}  Fn:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig: !If [A, {SubnetIds: [!Ref Sub1]}, !Ref AWS::NoValue]
  G:
    Type: AWS::EC2::SecurityGroup
    Properties:
      SecurityGroupIngress: !If
        - B
        - [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
        - []
`,
  );
  assert.deepEqual(entity(model, 'Fn', 'workload').subnets.map(alts), [[{ value: 'Sub1', when: [{ condition: 'A', holds: true }] }]]);
  const g = entity(model, 'G', 'security-group');
  assert.deepEqual(g.ingress.map((r) => [r.id, alts(r.peer.value), alts(r.group)]), [
    ['G.ingress[0]', [{ value: '0.0.0.0/0', when: [{ condition: 'B', holds: true }] }], [{ value: 'G', when: [{ condition: 'B', holds: true }] }]],
  ]);
});

test('booleans accept strings, numbers accept numeric strings, AssignPublicIp ENABLED/DISABLED', () => {
  const { model } = modelOf(
    't.yaml',
    `${HEADER}  S:
    Type: AWS::EC2::Subnet
    Properties:
      MapPublicIpOnLaunch: !Ref Flag
      AssignIpv6AddressOnCreation: "False"
  Svc:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: [!Ref Sub1]
      LoadBalancers:
        - ContainerPort: "8080"
          TargetGroupArn: !Ref Tg
  Svc2:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: "80"
      Protocol: HTTP
  Odd:
    Type: AWS::EC2::Subnet
    Properties:
      MapPublicIpOnLaunch: maybe
`,
  );
  const s = entity(model, 'S', 'subnet');
  assert.deepEqual([alts(s.mapPublicIpOnLaunch), alts(s.assignIpv6OnCreation)], [[{ value: true }], [{ value: false }]]);
  const svc = entity(model, 'Svc', 'workload');
  assert.deepEqual([alts(svc.publicIp), svc.ports, svc.targetGroups.map(alts)], [[{ value: true }], [8080], [[{ value: 'Tg' }]]]);
  assert.deepEqual(alts(entity(model, 'Svc2', 'workload').publicIp), [{ value: false }]);
  assert.deepEqual(alts(entity(model, 'Tg', 'target-group').port), [{ value: 80 }]);
  assert.deepEqual(alts(entity(model, 'Odd', 'subnet').mapPublicIpOnLaunch), [{ value: undefined }]);
});

test('resource-level Condition goes to entity.condition, not into the values', () => {
  const { model } = modelOf('t.yaml', `${HEADER}  S:\n    Type: AWS::EC2::Subnet\n    Condition: B\n    Properties:\n      VpcId: !Ref Vpc\n`);
  const s = entity(model, 'S', 'subnet');
  assert.equal(s.condition, 'B');
  assert.deepEqual(alts(s.vpc), [{ value: 'Vpc' }]);
});

test('a preprocessor tag (!Rain::Embed, !ValueOf) is an unknown value, never a finding', () => {
  assert.deepEqual(cidr('!ValueOf [Cidr, Value]'), [{ value: undefined }]);
  assert.deepEqual(vpcRef('!Rain::Embed vpc.txt'), [{ value: undefined }]);
});

test('Fn::ForEach in Resources: a warning at its key that its resources are not checked, the rest is read', () => {
  const text = `${HEADER}  Fn::ForEach::Subnets:\n    - X\n    - [A, B]\n    - Subnet\${X}:\n        Type: AWS::EC2::Subnet\n        Properties:\n          VpcId: !Ref Vpc\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n`;
  const { model } = modelOf('t.yaml', text);
  const at = text.indexOf('Fn::ForEach::Subnets');
  assert.deepEqual(
    model.problems.map((p) => [p.message, p.severity, p.loc.span]),
    [['Fn::ForEach::Subnets is not expanded: the resources it makes are not checked', 'warning', { start: at, end: at + 'Fn::ForEach::Subnets'.length }]],
  );
  assert.deepEqual(alts(entity(model, 'S', 'subnet').vpc), [{ value: 'Vpc' }]);
});
