// Terraform JSON's two block forms (objects, or arrays of objects) read to the same model and findings.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Model } from '../../../server/src/model/types';
import { alts, fixtureDir, lintFiles, modelOfFiles, moduleFiles, textAt } from './helpers';

const forms = ['object', 'array'].map((form) => {
  const files = moduleFiles(`${fixtureDir('forms')}/${form}`);
  return { form, files, ...modelOfFiles(files), text: files[0].text };
});

/** The model without locations: what every rule reasons about. */
function shape(model: Model): unknown {
  return {
    vpcs: model.vpcs.map((v) => [v.id, alts(v.cidr)]),
    igws: model.internetGateways.map((g) => [g.id, g.attachments.map((a) => alts(a.vpc))]),
    subnets: model.subnets.map((s) => [s.id, alts(s.vpc)]),
    tables: model.routeTables.map((t) => [t.id, t.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]), t.associations.map((a) => [a.id, alts(a.subnet)])]),
    groups: model.securityGroups.map((g) => [g.id, g.ingress.map((r) => [r.id, alts(r.peer.value), alts(r.fromPort)])]),
    workloads: model.workloads.map((w) => [w.id, w.subnets.map(alts), w.securityGroups.map(alts), alts(w.publicIp)]),
    problems: model.problems,
  };
}

test('both block forms give the same model', () => {
  const [object, array] = forms;
  assert.deepEqual(shape(array.model), shape(object.model));
  assert.deepEqual(shape(object.model), {
    vpcs: [['aws_vpc.main', [{ value: '10.0.0.0/16' }]]],
    igws: [['aws_internet_gateway.igw', [[{ value: 'aws_vpc.main' }]]]],
    subnets: [['aws_subnet.public', [{ value: 'aws_vpc.main' }]]],
    tables: [['aws_route_table.public', [['aws_route_table.public.route[0]', 'internet-gateway', [{ value: 'aws_internet_gateway.igw' }], [{ value: '0.0.0.0/0' }]]], [['aws_route_table_association.public', [{ value: 'aws_subnet.public' }]]]]],
    groups: [['aws_security_group.admin', [['aws_security_group.admin.ingress[0]', [{ value: '0.0.0.0/0' }], [{ value: 22 }]], ['aws_security_group.admin.ingress[1]', [{ value: '10.0.0.0/8' }], [{ value: 3389 }]]]]],
    workloads: [['aws_instance.admin', [[{ value: 'aws_subnet.public' }]], [[{ value: 'aws_security_group.admin' }]], [{ value: true }]]],
    problems: [],
  });
});

test('both block forms give the same findings, each located in its own text', () => {
  const summaries = forms.map(({ files, text }) =>
    lintFiles(files).findings.map((f) => [f.ruleId, f.resource, f.message, textAt(text, f.loc)!.replace(/\s+/g, ' ')]),
  );
  assert.deepEqual(summaries[1], summaries[0]);
  const ids = summaries[0].map(([rule, resource]) => `${rule} ${resource}`);
  assert.ok(ids.includes('public-ip-on-backend aws_instance.admin'), ids.join('\n'));
  assert.ok(ids.includes('backend-in-public-subnet aws_instance.admin'), ids.join('\n'));
  const publicIp = summaries[0].find(([rule]) => rule === 'public-ip-on-backend')!;
  assert.equal(publicIp[3], '"associate_public_ip_address": true');
});

test('in the array form, the body of a resource may itself be an array holding one object', () => {
  const admin = forms[1].model.byId.get('aws_instance.admin')!;
  assert.equal(textAt(forms[1].text, admin.loc), '"admin"');
  assert.match(textAt(forms[1].text, admin.blockLoc)!, /^"admin": \[\n\s+\{\n\s+"ami"/);
});
