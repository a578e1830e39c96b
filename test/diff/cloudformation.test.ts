// Exposure diff on CloudFormation template pairs, YAML and JSON: new, fixed, unrelated, renamed, condition flip, reordered, security group change.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diffPaths, introducesErrors } from '../../server/src/diff';
import { byRule, FIXTURES, ids, onlyRules, rangeText } from './helpers';

const PUBLIC_IP = 'public-ip-on-backend';
const IN_PUBLIC = 'backend-in-public-subnet';
const OPEN = 'backend-open-to-internet';

const formats = [
  { name: 'YAML', dir: join(FIXTURES, 'cloudformation'), ext: 'yaml' },
  { name: 'JSON', dir: join(FIXTURES, 'cloudformation', 'json'), ext: 'json' },
];

for (const format of formats) {
  const pair = (before: string, after: string) => diffPaths(join(format.dir, `${before}.${format.ext}`), join(format.dir, `${after}.${format.ext}`), { config: onlyRules() });
  const yaml = format.ext === 'yaml';

  test(`${format.name}: a new exposure is introduced, with the change that caused it; old debt stays unchanged`, async () => {
    const diff = await pair('base', 'new-exposure');
    assert.deepEqual(ids(diff.introduced), [`${IN_PUBLIC} AppServer`, `${PUBLIC_IP} AppServer`]);
    assert.deepEqual(ids(diff.resolved), []);
    assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} AdminHost`, `${PUBLIC_IP} AdminHost`]);
    const publicIp = byRule(diff.introduced, PUBLIC_IP);
    assert.equal(publicIp.finding.message, 'AppServer gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB');
    assert.equal(rangeText(publicIp), yaml ? 'AssociatePublicIpAddress: true' : '"AssociatePublicIpAddress": true');
    assert.ok(publicIp.file?.path.endsWith(`new-exposure.${format.ext}`));
    const change = 'changed AppServer: NetworkInterfaces[0].AssociatePublicIpAddress false -> true; NetworkInterfaces[0].SubnetId !Ref PrivateA -> !Ref PublicA';
    assert.deepEqual(publicIp.causes, [{ resource: 'AppServer', change, text: `${change} — ${publicIp.finding.message}` }]);
    assert.deepEqual(
      diff.changes.map((unit) => unit.resources),
      [[{ change: 'modified', id: 'AppServer', type: 'AWS::EC2::Instance', properties: ['NetworkInterfaces'], details: ['NetworkInterfaces[0].AssociatePublicIpAddress false -> true', 'NetworkInterfaces[0].SubnetId !Ref PrivateA -> !Ref PublicA'], impact: 'replace' }]],
    );
    assert.equal(introducesErrors(diff), true);
    assert.deepEqual(diff.errors, []);
  });

  test(`${format.name}: a fixed exposure is resolved, located in the old version, with the fix as its cause`, async () => {
    const diff = await pair('base', 'fixed');
    assert.deepEqual(ids(diff.introduced), []);
    assert.deepEqual(ids(diff.resolved), [`${IN_PUBLIC} AdminHost`, `${PUBLIC_IP} AdminHost`]);
    assert.deepEqual(ids(diff.unchanged), []);
    const resolved = byRule(diff.resolved, PUBLIC_IP);
    assert.ok(resolved.file?.path.endsWith(`base.${format.ext}`));
    assert.equal(rangeText(resolved), yaml ? 'AssociatePublicIpAddress: true' : '"AssociatePublicIpAddress": true');
    const change = 'changed AdminHost: NetworkInterfaces[0].AssociatePublicIpAddress true -> false; NetworkInterfaces[0].SubnetId !Ref PublicA -> !Ref PrivateA';
    assert.deepEqual(resolved.causes, [{ resource: 'AdminHost', change, text: `${change} — resolved: AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB` }]);
    assert.equal(introducesErrors(diff), false);
  });

  test(`${format.name}: an unrelated change leaves every exposure unchanged and lists the change`, async () => {
    const diff = await pair('base', 'unrelated');
    assert.deepEqual(ids(diff.introduced), []);
    assert.deepEqual(ids(diff.resolved), []);
    assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} AdminHost`, `${PUBLIC_IP} AdminHost`]);
    assert.deepEqual(
      diff.changes.flatMap((unit) => unit.resources.map((r) => [r.change, r.id, r.details])),
      [
        ['modified', 'AppServer', ['InstanceType t3.small -> t3.large']],
        ['modified', 'Vpc', ['Tags set to [{"Key":"team","Value":"web"}]']],
      ],
    );
    assert.equal(introducesErrors(diff), false);
  });

  test(`${format.name}: renamed logical IDs are no change: the exposures are unchanged and carry the old name`, async () => {
    const diff = await pair('base', 'renamed');
    assert.deepEqual(ids(diff.introduced), []);
    assert.deepEqual(ids(diff.resolved), []);
    assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} Bastion`, `${PUBLIC_IP} Bastion`]);
    assert.deepEqual(diff.unchanged.map((change) => change.renamedFrom), ['AdminHost', 'AdminHost']);
    assert.deepEqual(
      diff.changes.flatMap((unit) => unit.resources),
      [
        { change: 'renamed', id: 'Bastion', previousId: 'AdminHost', type: 'AWS::EC2::Instance' },
        { change: 'renamed', id: 'PublicSubnetA', previousId: 'PublicA', type: 'AWS::EC2::Subnet' },
        { change: 'renamed', id: 'PublicSubnetAAssoc', previousId: 'PublicAAssoc', type: 'AWS::EC2::SubnetRouteTableAssociation' },
      ],
    );
    assert.deepEqual(diff.changes.flatMap((unit) => unit.securityGroups), []);
  });

  test(`${format.name}: a condition flip keeps the finding's identity and records the conditions before and after`, async () => {
    const diff = await pair('condition', 'condition-flipped');
    assert.deepEqual(ids(diff.introduced), []);
    assert.deepEqual(ids(diff.resolved), []);
    const flipped = byRule(diff.unchanged, PUBLIC_IP);
    assert.equal(flipped.finding.message, 'AdminHost gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB when condition IsProd is true');
    assert.deepEqual(flipped.conditionChanged, { before: [{ condition: 'IsProd', holds: false }], after: [{ condition: 'IsProd', holds: true }] });
    assert.equal(byRule(diff.unchanged, IN_PUBLIC).conditionChanged, undefined);
  });

  test(`${format.name}: reordered resources and restyled values are no change at all`, async () => {
    const diff = await pair('base', 'reordered');
    assert.deepEqual(ids(diff.introduced), []);
    assert.deepEqual(ids(diff.resolved), []);
    assert.deepEqual(ids(diff.unchanged), [`${IN_PUBLIC} AdminHost`, `${PUBLIC_IP} AdminHost`]);
    assert.deepEqual(diff.changes, []);
  });

  test(`${format.name}: a world-open ingress rule: the security group change table names it as the cause`, async () => {
    const diff = await pair('base', 'sg-open');
    assert.deepEqual(ids(diff.introduced), [`${OPEN} AppSg`]);
    const open = diff.introduced[0];
    assert.equal(rangeText(open), yaml ? 'CidrIp: 0.0.0.0/0' : '"CidrIp": "0.0.0.0/0"');
    assert.deepEqual(diff.changes.flatMap((unit) => unit.securityGroups), [
      { change: 'added', direction: 'ingress', group: 'AppSg', protocol: 'tcp', ports: '8080', peer: '0.0.0.0/0', text: 'new ingress on AppSg: tcp 8080 from 0.0.0.0/0' },
    ]);
    assert.deepEqual(open.causes, [{ resource: 'AppSg', change: 'new ingress on AppSg: tcp 8080 from 0.0.0.0/0', text: `new ingress on AppSg: tcp 8080 from 0.0.0.0/0 — ${open.finding.message}` }]);
    assert.match(open.finding.message, /AppServer and AdminHost are reachable without the ALB/);
    assert.equal(introducesErrors(diff), true);
  });

  test(`${format.name}: an old version that does not parse is a clear error, never a comparison`, async () => {
    const diff = await pair('broken', 'base');
    assert.deepEqual(ids(diff.introduced), []);
    assert.equal(diff.errors.length, 1);
    assert.ok(diff.errors[0].file.endsWith(`broken.${format.ext}`));
    assert.match(diff.errors[0].message, new RegExp(`^The old version cannot be read, so it cannot be compared: .*broken\\.${format.ext}: (YAML|JSON) syntax error`));
  });
}

test('comparing a file with a folder is refused with a clear message', async () => {
  await assert.rejects(diffPaths(join(FIXTURES, 'cloudformation', 'base.yaml'), join(FIXTURES, 'terraform', 'base')), /Compare a file with a file or a folder with a folder \(base\.yaml is a file, base is a folder\)/);
});
