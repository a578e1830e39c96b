// Security group rule cases: protocol names and numbers, port ranges, all-ports forms, Fn::If guards and unknown values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Prop, SgRule } from '../../server/src/model/types';
import { ifProp, loc, prop } from '../../test/topology/model-builder';
import { adminPortsOf, databasePorts } from './exposed-ports';
import { coversPort, describeTraffic, isAllTraffic, isWebOnly, ruleCases } from './sg-rule-cases';

function rule(protocol: Prop<string> | undefined, from: Prop<number> | undefined, to: Prop<number> | undefined, cidr: Prop<string>): SgRule {
  const out: SgRule = { id: 'Sg.ingress[0]', group: prop('Sg'), direction: 'ingress', peer: { kind: 'cidr', value: cidr }, loc: loc() };
  if (protocol) out.protocol = protocol;
  if (from) out.fromPort = from;
  if (to) out.toPort = to;
  return out;
}

test('protocol numbers and names normalise; -1 and missing ports mean all ports', () => {
  const [tcp] = ruleCases(rule(prop('6'), prop(20), prop(25), prop('0.0.0.0/0')));
  assert.deepEqual(tcp, { protocol: 'tcp', from: 20, to: 25, peer: '0.0.0.0/0', when: undefined });
  assert.equal(describeTraffic(tcp), 'tcp 20-25');
  assert.deepEqual(adminPortsOf(tcp).map((a) => a.name), ['SSH']);
  const [all] = ruleCases(rule(prop('-1'), undefined, undefined, prop('::/0')));
  assert.equal(describeTraffic(all), 'all traffic');
  assert.ok(isAllTraffic(all) && coversPort(all, 'udp', 3389));
  const [udpAll] = ruleCases(rule(prop('udp'), prop(-1), prop(-1), prop('0.0.0.0/0')));
  assert.equal(describeTraffic(udpAll), 'udp (all ports)');
  assert.deepEqual(adminPortsOf(udpAll).map((a) => `${a.protocol} ${a.port}`), ['udp 3389']);
  const [icmp] = ruleCases(rule(prop('icmp'), prop(-1), prop(-1), prop('0.0.0.0/0')));
  assert.deepEqual(adminPortsOf(icmp), []);
});

test('80 and 443 over TCP are web-only; anything wider is not', () => {
  const web = (from: number, to: number) => isWebOnly(ruleCases(rule(prop('tcp'), prop(from), prop(to), prop('0.0.0.0/0')))[0]);
  assert.deepEqual([web(443, 443), web(80, 80), web(80, 443), web(8080, 8080), web(443, 80)], [true, true, false, false, false]);
});

test('Fn::If branches become guarded cases; contradictions drop out; unknown values give no case', () => {
  const cases = ruleCases(rule(prop('tcp'), ifProp('Wide', 0, 22), prop(22), ifProp('Wide', '0.0.0.0/0', '10.0.0.0/8')));
  // Wide=true with Wide=false never meet: two cases, not four.
  assert.deepEqual(cases.map((c) => [c.from, c.peer, c.when]), [
    [0, '0.0.0.0/0', [{ condition: 'Wide', holds: true }]],
    [22, '10.0.0.0/8', [{ condition: 'Wide', holds: false }]],
  ]);
  assert.deepEqual(ruleCases(rule(prop('tcp'), prop(22), prop(22), prop<string>(undefined))), []);
  assert.deepEqual(ruleCases(rule(prop<string>(undefined), prop(22), prop(22), prop('0.0.0.0/0'))), []);
});

test('database ports: the written Port, else the engine default, else the kind', () => {
  const db = (fields: object) => ({ id: 'Db', type: 'AWS::RDS::DBInstance', kind: 'database' as const, databaseKind: 'rds-instance' as const, subnets: [], securityGroups: [], loc: loc(), blockLoc: loc(), suppressions: [], ...fields });
  assert.deepEqual(databasePorts(db({ port: prop(6543), engine: prop('postgres') })), [6543]);
  assert.deepEqual(databasePorts(db({ engine: prop('aurora-mysql') })), [3306]);
  assert.deepEqual(databasePorts(db({ engine: prop('sqlserver-se') })), [1433]);
  assert.deepEqual(databasePorts(db({ databaseKind: 'redshift' })), [5439]);
  assert.deepEqual(databasePorts(db({ databaseKind: 'opensearch' })), [443, 9200]);
});
