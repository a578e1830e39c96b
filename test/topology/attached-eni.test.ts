// An ENI an instance attaches is part of the instance: judged once, through the instance, on the ENI's own properties.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/source/parse';
import { buildCloudFormationModel } from '../../server/src/adapters/cloudformation';
import { buildTopology } from '../../server/src/topology/build';
import { defaultConfig } from '../../server/src/engine/types';
import { assertFindings, fixturePath, lintFile } from '../helpers/rule-harness';
import { readFileSync } from 'node:fs';

const FIXTURE = fixturePath('backend-open-to-internet', 'attached-eni.yaml');

test('topology: an ENI attached through NetworkInterfaces is no backend of its own; its id finds the instance', () => {
  const model = buildCloudFormationModel(parseSource(FIXTURE, readFileSync(FIXTURE, 'utf8')));
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.backends.map((b) => b.entity.id), ['AppServer']);
  const view = topology.backendOf('AppEni');
  assert.equal(view?.entity.id, 'AppServer');
  assert.deepEqual(view?.members.map((m) => m.id), ['AppServer', 'AppEni']);
});

test('an instance on a public ENI with an Elastic IP: one finding per mistake, on the ENI\'s properties, naming the instance', () => {
  const linted = lintFile(FIXTURE);
  assertFindings(linted, 'backend-in-public-subnet', [
    {ruleId: "backend-in-public-subnet", resource: "AppServer", range: {startLine: 54, startCol: 7, endLine: 54, endCol: 29}, message: "AppServer is placed in public subnet PublicA (0.0.0.0/0 -> Igw)"},
  ]);
  assertFindings(linted, 'backend-open-to-internet', [
    {ruleId: "backend-open-to-internet", resource: "AppSg", range: {startLine: 45, startCol: 11, endLine: 45, endCol: 28}, message: "AppSg admits tcp 8080 from 0.0.0.0/0: AppServer is reachable without the ALB"},
  ]);
  assertFindings(linted, 'eip-on-backend', [
    {ruleId: "eip-on-backend", resource: "AppEipAssociation", range: {startLine: 61, startCol: 3, endLine: 65, endCol: 38}, message: "AppEip gives backend AppServer via AppEni in PublicA (0.0.0.0/0 -> Igw) a public address"},
  ]);
});
