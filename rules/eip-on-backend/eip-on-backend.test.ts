// eip-on-backend: exact findings on the bad fixtures, none on the good one, and every fix resolves its finding.
import test from 'node:test';
import { assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile } from '../../test/helpers/rule-harness';

const ID = 'eip-on-backend';

test('eip-on-backend: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "eip-on-backend", resource: "AppServerEip", range: {startLine: 204, startCol: 9, endLine: 206, endCol: 10}, message: "AppServerEip gives backend AppServer in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB", fixes: ["Remove the Elastic IP association with AppServer"]},
    {ruleId: "eip-on-backend", resource: "WorkerEipAssociation", range: {startLine: 228, startCol: 5, endLine: 241, endCol: 6}, message: "WorkerEip gives backend WorkerEni in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB", fixes: ["Remove the Elastic IP association with WorkerEni"]},
  ]);
});

test('eip-on-backend: bad.yaml', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "eip-on-backend", resource: "AppServerEip", range: {startLine: 109, startCol: 7, endLine: 109, endCol: 33}, message: "AppServerEip gives backend AppServer in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB", fixes: ["Remove the Elastic IP association with AppServer"]},
    {ruleId: "eip-on-backend", resource: "WorkerEipAssociation", range: {startLine: 120, startCol: 3, endLine: 124, endCol: 41}, message: "WorkerEip gives backend WorkerEni in PrivateA (0.0.0.0/0 -> Nat) a public address: reachable from the internet without the ALB", fixes: ["Remove the Elastic IP association with WorkerEni"]},
  ]);
});

test('eip-on-backend: attached-eni.yaml names the instance the ENI belongs to, on the association', () => {
  assertFindings(lintFile(fixturePath(ID, 'attached-eni.yaml')), ID, [
    {ruleId: "eip-on-backend", resource: "AppEipAssociation", range: {startLine: 33, startCol: 3, endLine: 37, endCol: 38}, message: "AppEip gives backend AppServer via AppEni in PrivateA (no route table) a public address: reachable from the internet without the ALB", fixes: ["Remove the Elastic IP association with AppEni"]},
  ]);
});

test('eip-on-backend: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('eip-on-backend: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml', 'attached-eni.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});
