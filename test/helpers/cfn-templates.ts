// YAML resource blocks that several CloudFormation test templates share, indented to sit under `Resources:`.
// Each ends with a newline, so they concatenate; the tests that use them assert exact text and ranges.

/** IgwAttachment: attaches Igw to Vpc. */
export const IGW_ATTACHMENT = `  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
`;

/** Vpc (10.0.0.0/16), Igw and its attachment, and subnet PublicA (10.0.0.0/24); PublicA's CidrBlock is its last line. */
export const VPC_IGW_PUBLIC_A = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
${IGW_ATTACHMENT}  PublicA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
`;

/** PublicRt with its default route (0.0.0.0/0) to Igw. */
export const PUBLIC_ROUTE_TABLE = `  PublicRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PublicRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicRt
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
`;

/** PublicAAssoc: associates PublicA with PublicRt. */
export const PUBLIC_A_ASSOC = `  PublicAAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicA
      RouteTableId: !Ref PublicRt
`;
