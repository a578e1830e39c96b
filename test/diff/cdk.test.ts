// Exposure diff on two hand-written cloud assemblies (cdk.out): stacks paired by name, CDK-style logical IDs renamed with their construct.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diffPaths, introducesErrors } from '../../server/src/diff';
import { byRule, FIXTURES, ids, onlyRules, rangeText } from './helpers';

test('cdk.out: a new exposure in a stack is introduced; a renamed construct keeps its exposures unchanged', async () => {
  const diff = await diffPaths(join(FIXTURES, 'cdk', 'old.out'), join(FIXTURES, 'cdk', 'new.out'), { config: onlyRules() });
  assert.deepEqual(ids(diff.introduced), ['backend-in-public-subnet AppServerE7F8091A', 'public-ip-on-backend AppServerE7F8091A']);
  assert.deepEqual(ids(diff.resolved), []);
  assert.deepEqual(ids(diff.unchanged), ['backend-in-public-subnet BastionHost9A8B7C6D', 'public-ip-on-backend BastionHost9A8B7C6D']);
  assert.deepEqual(diff.unchanged.map((change) => change.renamedFrom), ['AdminHostF8091A2B', 'AdminHostF8091A2B']);
  const publicIp = byRule(diff.introduced, 'public-ip-on-backend');
  assert.equal(publicIp.stack, 'AppStack');
  assert.equal(publicIp.unit, join(FIXTURES, 'cdk', 'new.out'));
  assert.equal(rangeText(publicIp), '"AssociatePublicIpAddress": true');
  assert.deepEqual(publicIp.causes.map((cause) => cause.change), [
    'changed AppServerE7F8091A: NetworkInterfaces[0].AssociatePublicIpAddress false -> true; NetworkInterfaces[0].SubnetId !Ref PrivateA92A3B4C5 -> !Ref PublicA3C4D5E6F',
  ]);
  // The rename's new aws:cdk:path metadata is not a change of what is deployed.
  assert.deepEqual(
    diff.changes.map((unit) => [unit.stack, unit.resources.map((r) => `${r.change} ${r.previousId ? `${r.previousId} -> ` : ''}${r.id}`)]),
    [['AppStack', ['modified AppServerE7F8091A', 'renamed AdminHostF8091A2B -> BastionHost9A8B7C6D']]],
  );
  assert.equal(introducesErrors(diff), true);
});

test('cdk.out: the same assembly on both sides has no exposure change', async () => {
  const dir = join(FIXTURES, 'cdk', 'old.out');
  const diff = await diffPaths(dir, dir, { config: onlyRules() });
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.resolved), []);
  assert.deepEqual(ids(diff.unchanged), ['backend-in-public-subnet AdminHostF8091A2B', 'public-ip-on-backend AdminHostF8091A2B']);
  assert.deepEqual(diff.changes, []);
});
