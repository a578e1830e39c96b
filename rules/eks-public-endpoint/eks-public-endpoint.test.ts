// eks-public-endpoint: exact findings on the bad fixtures, none on the good ones, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/engine/types';
import { assertAllFixesResolve, assertFindings, assertFixResolves, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';
import { assertAllTerraformFixesResolve, lintTerraformFile } from '../../test/helpers/terraform-rule-harness';

const ID = 'eks-public-endpoint';
const DEFAULT_MESSAGE = 'EKS cluster DefaultCluster has a public Kubernetes API endpoint (EndpointPublicAccess is not set and defaults to true, open to 0.0.0.0/0 by default): the control plane is reachable from the internet instead of only from inside the VPC';

test('eks-public-endpoint: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: ID, resource: 'DefaultCluster', range: {startLine: 35, startCol: 3, endLine: 35, endCol: 17}, message: DEFAULT_MESSAGE, fixes: ['Make the API endpoint of DefaultCluster private']},
    {ruleId: ID, resource: 'OpenCluster', range: {startLine: 49, startCol: 9, endLine: 49, endCol: 35}, message: 'EKS cluster OpenCluster has a public Kubernetes API endpoint (EndpointPublicAccess is true, PublicAccessCidrs includes 0.0.0.0/0): the control plane is reachable from the internet instead of only from inside the VPC', fixes: ['Make the API endpoint of OpenCluster private']},
    {ruleId: ID, resource: 'SwitchedCluster', range: {startLine: 61, startCol: 9, endLine: 61, endCol: 63}, message: 'EKS cluster SwitchedCluster has a public Kubernetes API endpoint (EndpointPublicAccess is true, open to 0.0.0.0/0 by default): the control plane is reachable from the internet instead of only from inside the VPC when condition WantPublicApi is true', when: [{condition: 'WantPublicApi', holds: true}], fixes: ['Make the API endpoint of SwitchedCluster private']},
  ]);
});

test('eks-public-endpoint: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: ID, resource: 'DefaultCluster', range: {startLine: 25, startCol: 5, endLine: 25, endCol: 21}, message: DEFAULT_MESSAGE, fixes: ['Make the API endpoint of DefaultCluster private']},
    {ruleId: ID, resource: 'OpenCluster', range: {startLine: 40, startCol: 11, endLine: 40, endCol: 39}, message: 'EKS cluster OpenCluster has a public Kubernetes API endpoint (EndpointPublicAccess is true, PublicAccessCidrs includes 0.0.0.0/0): the control plane is reachable from the internet instead of only from inside the VPC', fixes: ['Make the API endpoint of OpenCluster private']},
  ]);
});

test('eks-public-endpoint: good fixtures (private, restricted CIDRs, CIDRs from a parameter) have no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
  assertNoFindings(lintFile(fixturePath(ID, 'good.json')), ID);
});

test('eks-public-endpoint: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('eks-public-endpoint: the fix writes both access settings, keeping the rest of the block', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'DefaultCluster')!;
  const after = assertFixResolves(linted, finding, finding.fixes[0]);
  assert.ok(after.text.includes(
    '      ResourcesVpcConfig:\n        SubnetIds:\n          - !Ref PrivateA\n          - !Ref PrivateB\n        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n  OpenCluster:\n',
  ), after.text);
  const open = linted.findings.find((f) => f.ruleId === ID && f.resource === 'OpenCluster')!;
  const opened = assertFixResolves(linted, open, open.fixes[0]);
  assert.ok(opened.text.includes('        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n        PublicAccessCidrs:\n'), opened.text);
});

test('eks-public-endpoint: a missing ResourcesVpcConfig gets one block with both settings', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace('      ResourcesVpcConfig:\n        SubnetIds:\n          - !Ref PrivateA\n          - !Ref PrivateB\n', '');
  const linted = lintSource(path, text);
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'DefaultCluster')!;
  assert.equal(finding.message, DEFAULT_MESSAGE);
  const after = assertFixResolves(linted, finding, finding.fixes[0]);
  assert.ok(after.text.includes('      RoleArn: !GetAtt ClusterRole.Arn\n      ResourcesVpcConfig:\n        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n  OpenCluster:\n'), after.text);
});

test('eks-public-endpoint: a suppression comment, Metadata and an intended edge silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const original = readFileSync(path, 'utf8');
  const commented = original.replace('        EndpointPublicAccess: true\n', '        # exposure-lint-disable-next-line eks-public-endpoint -- CI runners outside the VPC\n        EndpointPublicAccess: true\n');
  assert.deepEqual(lintSource(path, commented).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['DefaultCluster', 'SwitchedCluster']);
  const metadata = original.replace('  DefaultCluster:\n    Type: AWS::EKS::Cluster\n', '  DefaultCluster:\n    Type: AWS::EKS::Cluster\n    Metadata:\n      exposure-lint:\n        suppress:\n          eks-public-endpoint: sandbox cluster\n');
  assert.deepEqual(lintSource(path, metadata).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['OpenCluster', 'SwitchedCluster']);
  const edge = lintSource(path, original, { ...defaultConfig(), intendedEdges: ['OpenCluster'] });
  assert.deepEqual(edge.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['DefaultCluster', 'SwitchedCluster']);
});

test('eks-public-endpoint: bad.tf.json (Terraform) and its fixes', () => {
  const linted = lintTerraformFile(fixturePath(ID, 'bad.tf.json'));
  assertFindings(linted, ID, [
    {ruleId: ID, resource: 'aws_eks_cluster.default', range: {startLine: 19, startCol: 7, endLine: 19, endCol: 16}, message: 'EKS cluster aws_eks_cluster.default has a public Kubernetes API endpoint (endpoint_public_access is not set and defaults to true, open to 0.0.0.0/0 by default): the control plane is reachable from the internet instead of only from inside the VPC', fixes: ['Make the API endpoint of aws_eks_cluster.default private']},
    {ruleId: ID, resource: 'aws_eks_cluster.open', range: {startLine: 36, startCol: 11, endLine: 36, endCol: 41}, message: 'EKS cluster aws_eks_cluster.open has a public Kubernetes API endpoint (endpoint_public_access is true, public_access_cidrs includes 0.0.0.0/0): the control plane is reachable from the internet instead of only from inside the VPC', fixes: ['Make the API endpoint of aws_eks_cluster.open private']},
  ]);
  assertAllTerraformFixesResolve(linted, ID);
});

test('eks-public-endpoint: a whole ResourcesVpcConfig chosen by Fn::If is reported in its public branch, without a fix that would clobber it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8').replace(
    '        SubnetIds: [!Ref PrivateA, !Ref PrivateB]\n        EndpointPrivateAccess: true\n        EndpointPublicAccess: !If [WantPublicApi, true, false]\n',
    '        !If [WantPublicApi, {SubnetIds: [!Ref PrivateA], EndpointPublicAccess: true}, {SubnetIds: [!Ref PrivateA], EndpointPublicAccess: false, EndpointPrivateAccess: true}]\n',
  ).replace('      ResourcesVpcConfig:\n        !If', '      ResourcesVpcConfig: !If');
  const linted = lintSource(path, text);
  const finding = linted.findings.find((f) => f.ruleId === ID && f.resource === 'SwitchedCluster')!;
  assert.equal(finding.message, 'EKS cluster SwitchedCluster has a public Kubernetes API endpoint (EndpointPublicAccess is true, open to 0.0.0.0/0 by default): the control plane is reachable from the internet instead of only from inside the VPC when condition WantPublicApi is true');
  assert.deepEqual(finding.fixes, []);
});
