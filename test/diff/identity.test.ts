// Finding identity: structural fingerprints, rename detection, reference rewriting and the matching passes, on small inline templates.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Finding } from '../../server/src/engine/types';
import { parseSource } from '../../server/src/source/parse';
import { detectRenames, matchFindings, structuralFingerprints } from '../../server/src/diff';
import { mapReferences } from '../../server/src/diff/references';
import { applyRenames } from '../../server/src/diff/renames';
import { cloudFormationResources, terraformResources } from '../../server/src/diff/resources';
import { stripWhen } from '../../server/src/diff/match';

const template = (a: string, b: string, sg: string, extra = '') => `Resources:
  ${sg}:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app}
  ${a}:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SecurityGroupIds: [!GetAtt ${sg}.GroupId]${extra}}
  ${b}:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-2, SecurityGroupIds: [!Ref ${sg}]}
`;
const resources = (text: string) => cloudFormationResources(parseSource('t.yaml', text));

function finding(ruleId: string, resource: string, message: string, when?: Finding['when']): Finding {
  return { ruleId, severity: 'error', message, resource, loc: { file: 't.yaml', span: { start: 0, end: 0 } }, path: [], fixes: [], when };
}

test('fingerprints ignore logical IDs: a renamed resource and everything referring to it keep theirs', () => {
  const before = structuralFingerprints(resources(template('Web', 'Admin', 'AppSg')));
  const after = structuralFingerprints(resources(template('Frontend', 'Admin', 'ServerSg')));
  assert.equal(before.get('Web'), after.get('Frontend'));
  assert.equal(before.get('Admin'), after.get('Admin'));
  assert.equal(before.get('AppSg'), after.get('ServerSg'));
  assert.notEqual(before.get('Web'), before.get('Admin'));
});

test('a property change changes the fingerprint, so an edited resource is not taken for a rename', () => {
  const renames = detectRenames(resources(template('Web', 'Admin', 'AppSg')), resources(template('Frontend', 'Admin', 'AppSg', ', InstanceType: t3.large')));
  assert.deepEqual([...renames], []);
});

test('renames pair old and new IDs; applying them rewrites keys, Ref, GetAtt and Sub', () => {
  const before = resources(template('Web', 'Admin', 'AppSg'));
  const renames = detectRenames(before, resources(template('Frontend', 'Admin', 'ServerSg')));
  assert.deepEqual([...renames], [['AppSg', 'ServerSg'], ['Web', 'Frontend']]);
  const renamed = applyRenames(before, renames);
  assert.deepEqual([...renamed.resources.keys()], ['ServerSg', 'Frontend', 'Admin']);
  assert.deepEqual((renamed.template!.Resources as Record<string, { Properties: unknown }>).Frontend.Properties, { ImageId: 'ami-1', SecurityGroupIds: [{ 'Fn::GetAtt': 'ServerSg.GroupId' }] });
  const ids = new Set(['AppSg', 'Web']);
  assert.deepEqual(mapReferences('cloudformation', { S: { 'Fn::Sub': 'arn:${AppSg.Arn}/${!AppSg}/${AWS::Region}' }, DependsOn: ['Web', 'Other'], X: { 'Fn::GetAtt': ['Web', 'PrivateIp'] } }, ids, (id) => `New${id}`), {
    S: { 'Fn::Sub': 'arn:${NewAppSg.Arn}/${!AppSg}/${AWS::Region}' },
    DependsOn: ['NewWeb', 'Other'],
    X: { 'Fn::GetAtt': ['NewWeb', 'PrivateIp'] },
  });
});

test('Terraform references are addresses inside strings; data sources and variables are not resources', () => {
  const ids = new Set(['aws_subnet.public', 'aws_instance.web']);
  assert.deepEqual(mapReferences('terraform', { subnet_id: '${aws_subnet.public.id}', ami: '${data.aws_subnet.public.id}', n: '${var.aws_instance.web}', depends_on: ['aws_instance.web'] }, ids, (id) => id.toUpperCase()), {
    subnet_id: '${AWS_SUBNET.PUBLIC.id}',
    ami: '${data.aws_subnet.public.id}',
    n: '${var.aws_instance.web}',
    depends_on: ['AWS_INSTANCE.WEB'],
  });
  const module = terraformResources([parseSource('m.tf.json', '{"resource": [{"aws_subnet": [{"public": {"cidr_block": "10.0.0.0/24"}}]}, {"aws_instance": {"web": {"subnet_id": "${aws_subnet.public.id}"}}}]}')]);
  assert.deepEqual([...module.resources.keys()], ['aws_subnet.public', 'aws_instance.web']);
});

test('matching: an existing resource newly exposed while another is fixed is one resolved and one introduced, never a rename', () => {
  const text = template('Web', 'Admin', 'AppSg');
  const match = matchFindings(
    { findings: [finding('public-ip-on-backend', 'Admin', 'Admin gets a public IP in PublicA')], resources: resources(text) },
    { findings: [finding('public-ip-on-backend', 'Web', 'Web gets a public IP in PublicA')], resources: resources(text) },
    new Map(),
  );
  assert.deepEqual(match.unchanged, []);
  assert.deepEqual(match.resolved.map((f) => f.resource), ['Admin']);
  assert.deepEqual(match.introduced.map((f) => f.resource), ['Web']);
});

test('matching: a rename the fingerprints missed (renamed and edited) still matches by rule, type and message shape', () => {
  const before = resources(template('Web', 'Admin', 'AppSg'));
  const after = resources(template('Web', 'Bastion', 'AppSg').replace('ami-2', 'ami-3'));
  const match = matchFindings(
    { findings: [finding('public-ip-on-backend', 'Admin', 'Admin gets a public IP in PublicA')], resources: before },
    { findings: [finding('public-ip-on-backend', 'Bastion', 'Bastion gets a public IP in PublicA')], resources: after },
    detectRenames(before, after),
  );
  assert.deepEqual(match.introduced, []);
  assert.deepEqual(match.resolved, []);
  assert.deepEqual(match.unchanged.map((pair) => [pair.before.resource, pair.after.resource, pair.renamedFrom]), [['Admin', 'Bastion', 'Admin']]);
});

test('matching: the condition named in a message is not part of the identity; twins pair one to one', () => {
  const set = resources(template('Web', 'Admin', 'AppSg'));
  const when = [{ condition: 'IsProd', holds: true }];
  assert.equal(stripWhen('Admin gets a public IP when condition IsProd is true', { when }), 'Admin gets a public IP');
  const match = matchFindings(
    { findings: [finding('r', 'Admin', 'Admin is open'), finding('r', 'Admin', 'Admin is open')], resources: set },
    { findings: [finding('r', 'Admin', 'Admin is open when condition IsProd is true', when)], resources: set },
    new Map(),
  );
  assert.equal(match.unchanged.length, 1);
  assert.deepEqual(match.unchanged[0].after.when, when);
  assert.deepEqual(match.resolved.map((f) => f.message), ['Admin is open']);
});
