// The Terraform JSON FixWriter: minimal edits that keep formatting, Terraform names and references, valid JSON after.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Entity, TextEdit } from '../../../server/src/model/types';
import { lintFiles, modelOf, textAt } from './helpers';

const TEXT = `{
  "resource": {
    "aws_vpc": {
      "main": {
        "cidr_block": "10.0.0.0/16"
      }
    },
    "aws_subnet": {
      "a": {
        "count": 2,
        "vpc_id": "\${aws_vpc.main.id}",
        "map_public_ip_on_launch": true
      },
      "b": {"vpc_id": "\${aws_vpc.main.id}"},
      "c": {
        "for_each": "\${toset([\\"x\\", \\"y\\"])}",
        "vpc_id": "\${aws_vpc.main.id}"
      }
    },
    "aws_eks_cluster": {
      "k": {
        "vpc_config": {
          "subnet_ids": ["\${aws_subnet.b.id}"]
        }
      }
    },
    "aws_lb": {
      "web": {
        "internal": false,
        "subnets": ["\${aws_subnet.b.id}", "\${aws_subnet.a[0].id}"],
        "security_groups": "\${aws_security_group.web[*].id}"
      }
    },
    "aws_security_group": {
      "web": {
        "vpc_id": "\${aws_vpc.main.id}",
        "ingress": [
          {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
          {"from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"]}
        ]
      }
    },
    "aws_eip_association": {
      "only": {"instance_id": "i-123", "allocation_id": "eipalloc-1"}
    }
  }
}
`;

const { model } = modelOf(TEXT);
const writer = model.writer;

function by(id: string): Entity {
  const found = model.byId.get(id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

/** The text after the edits; it must still be JSON. */
function apply(edits: TextEdit[]): string {
  assert.ok(edits.length > 0, 'no edits');
  let out = TEXT;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  JSON.parse(out);
  return out;
}

/** Applying the edits equals replacing `before` with `after` once in the text. */
function assertChange(edits: TextEdit[], before: string, after: string): void {
  assert.equal(TEXT.split(before).length, 2, `"${before}" must occur once`);
  assert.equal(apply(edits), TEXT.replace(before, after));
}

test('setValue replaces the value only; words for booleans become booleans', () => {
  const subnet = by('aws_subnet.a');
  assert.equal(subnet.kind, 'subnet');
  if (subnet.kind !== 'subnet') return;
  assertChange(writer.setValue(subnet.mapPublicIpOnLaunch!, false), '"map_public_ip_on_launch": true', '"map_public_ip_on_launch": false');
  const lb = by('aws_lb.web');
  if (lb.kind !== 'load-balancer') throw new Error('kind');
  assertChange(writer.setValue(lb.scheme!, 'internal'), '"internal": false', '"internal": true');
  // A CloudFormation-style reference becomes an interpolation (count resources get an instance key).
  assertChange(writer.setValue(lb.subnets[0], { Ref: 'aws_subnet.a' }), '["${aws_subnet.b.id}", "${aws_subnet.a[0].id}"]', '["${aws_subnet.a[0].id}", "${aws_subnet.a[0].id}"]');
});

test('one expression standing for a whole list is never split by an edit; a splat is pointed at another resource whole', () => {
  const lb = by('aws_lb.web');
  if (lb.kind !== 'load-balancer') throw new Error('kind');
  assert.deepEqual(writer.setValue(lb.securityGroups[0], 'sg-1'), []);
  assert.deepEqual(writer.remove(lb.securityGroups[0].loc), []);
  // aws_subnet.a has count: its instances as a splat; aws_subnet.b has none: a one-item list.
  assertChange(writer.setValue(lb.securityGroups[0], writer.ref('aws_subnet.a')), '"${aws_security_group.web[*].id}"', '"${aws_subnet.a[*].id}"');
  assertChange(writer.setValue(lb.securityGroups[0], writer.ref('aws_subnet.b')), '"${aws_security_group.web[*].id}"', '["${aws_subnet.b.id}"]');
  assert.deepEqual(writer.setValue(lb.securityGroups[0], writer.ref('aws_subnet.b', 'arn')), []);
});

test('setProperty inserts with the neighbours\' indentation, on one line in a one-line body, into nested blocks', () => {
  assertChange(writer.setProperty(by('aws_vpc.main'), ['enable_dns_support'], true), '"cidr_block": "10.0.0.0/16"\n', '"cidr_block": "10.0.0.0/16",\n        "enable_dns_support": true\n');
  assertChange(writer.setProperty(by('aws_subnet.b'), ['MapPublicIpOnLaunch'], 'false'), '"b": {"vpc_id": "${aws_vpc.main.id}"}', '"b": {"vpc_id": "${aws_vpc.main.id}", "map_public_ip_on_launch": false}');
  assertChange(
    writer.setProperty(by('aws_eks_cluster.k'), ['vpc_config', 'endpoint_public_access'], false),
    '"subnet_ids": ["${aws_subnet.b.id}"]\n',
    '"subnet_ids": ["${aws_subnet.b.id}"],\n          "endpoint_public_access": false\n',
  );
  assertChange(writer.setProperty(by('aws_vpc.main'), ['tags', 'Name'], 'main'), '"cidr_block": "10.0.0.0/16"\n', '"cidr_block": "10.0.0.0/16",\n        "tags": {\n          "Name": "main"\n        }\n');
  assertChange(writer.setProperty(by('aws_lb.web'), ['internal'], true), '"internal": false', '"internal": true');
});

test('remove: a list item with its comma, an inline block, the last resource of a type with its type key', () => {
  const lb = by('aws_lb.web');
  if (lb.kind !== 'load-balancer') throw new Error('kind');
  assertChange(writer.remove(lb.subnets[1].loc), '["${aws_subnet.b.id}", "${aws_subnet.a[0].id}"]', '["${aws_subnet.b.id}"]');
  const sg = by('aws_security_group.web');
  if (sg.kind !== 'security-group') throw new Error('kind');
  assertChange(
    writer.remove(sg.ingress[0].loc),
    '{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},\n          ',
    '',
  );
  // Two peers in one block: each rule is its list item, removed alone.
  assert.deepEqual(sg.ingress.map((r) => r.id), ['aws_security_group.web.ingress[0]', 'aws_security_group.web.ingress[1].cidr_blocks[0]', 'aws_security_group.web.ingress[1].cidr_blocks[1]']);
  assertChange(writer.remove(sg.ingress[1].loc), '"cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"]', '"cidr_blocks": ["10.0.0.0/8"]');
  const only = TEXT.indexOf('"only"');
  const end = TEXT.indexOf('"eipalloc-1"}') + '"eipalloc-1"}'.length;
  assertChange(
    writer.remove({ file: 'main.tf.json', span: { start: only, end } }),
    ',\n    "aws_eip_association": {\n      "only": {"instance_id": "i-123", "allocation_id": "eipalloc-1"}\n    }',
    '',
  );
});

test('appendToList appends to a written list or creates it', () => {
  assertChange(writer.appendToList(by('aws_lb.web'), ['subnets'], writer.ref('aws_subnet.c')), '"${aws_subnet.a[0].id}"]', '"${aws_subnet.a[0].id}", "${aws_subnet.c[\\"x\\"].id}"]');
  assertChange(writer.appendToList(by('aws_vpc.main'), ['secondary_cidrs'], '10.1.0.0/16'), '"cidr_block": "10.0.0.0/16"\n', '"cidr_block": "10.0.0.0/16",\n        "secondary_cidrs": ["10.1.0.0/16"]\n');
  assert.deepEqual(writer.appendToList(by('aws_lb.web'), ['security_groups'], 'sg-1'), []);
});

test('ref, freshId and addResources: addresses, instance keys, free names, one edit per object', () => {
  assert.equal(writer.ref('aws_vpc.main'), '${aws_vpc.main.id}');
  assert.equal(writer.ref('aws_subnet.a', 'arn'), '${aws_subnet.a[0].arn}');
  assert.equal(writer.ref('aws_subnet.c'), '${aws_subnet.c["x"].id}');
  assert.equal(writer.ref('aws_lb.web', 'LoadBalancerArn'), '${aws_lb.web.arn}');
  assert.equal(writer.freshId('main', 'aws_vpc'), 'aws_vpc.main_2');
  assert.equal(writer.freshId('web.PublicNat', 'aws_route'), 'aws_route.public_nat');
  assert.equal(writer.freshId('public_nat', 'aws_route'), 'aws_route.public_nat_2');
  const edits = writer.addResources(by('aws_vpc.main'), {
    'aws_vpc.second': { cidr_block: '10.1.0.0/16' },
    'aws_route.public_nat': { route_table_id: 'x', nat_gateway_id: { Ref: 'aws_vpc.main' } },
    Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
  });
  assert.equal(edits.length, 2);
  const out = apply(edits);
  const parsed = JSON.parse(out).resource;
  assert.deepEqual(parsed.aws_vpc.second, { cidr_block: '10.1.0.0/16' });
  assert.deepEqual(parsed.aws_route, { public_nat: { route_table_id: 'x', nat_gateway_id: '${aws_vpc.main.id}' } });
  assert.deepEqual(parsed.aws_eip, { eip: { domain: 'vpc' } });
  assert.ok(out.includes('\n    "aws_route": {\n      "public_nat": {\n        "route_table_id": "x",'), out);
});

test('addResources in the array form appends one object to the resource array', () => {
  const text = '{\n  "resource": [\n    {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}}}\n  ]\n}\n';
  const { model: m } = modelOf(text);
  const edits = m.writer.addResources(m.byId.get('aws_vpc.main')!, { 'aws_eip.nat': { domain: 'vpc' } });
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  assert.equal(out, '{\n  "resource": [\n    {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}}},\n    {\n      "aws_eip": {\n        "nat": {\n          "domain": "vpc"\n        }\n      }\n    }\n  ]\n}\n');
});

test('replaceProperty swaps a sole CIDR for a source group, in the inline block\'s terms', () => {
  const sg = by('aws_security_group.web');
  if (sg.kind !== 'security-group') throw new Error('kind');
  const replace = writer.replaceProperty!;
  assertChange(
    replace.call(writer, sg.ingress[0].peer.value, [['source_security_group_id', writer.ref('aws_vpc.main')]]),
    '"protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}',
    '"protocol": "tcp", "security_groups": ["${aws_vpc.main.id}"]}',
  );
  // Not the sole item of its list: no in-place swap.
  assert.deepEqual(replace.call(writer, sg.ingress[1].peer.value, [['source_security_group_id', 'x']]), []);
  assertChange(replace.call(writer, sg.ingress[0].protocol!, [['protocol', 'tcp'], ['description', 'https']]), '{"from_port": 22, "to_port": 22, "protocol": "tcp",', '{"from_port": 22, "to_port": 22, "protocol": "tcp", "description": "https",');
});

test('end to end: an ASG placed by a splat over public subnets is moved to the private subnets\' splat', () => {
  const r = (x: string) => '${' + x + '}';
  const text = JSON.stringify({
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_internet_gateway: { igw: { vpc_id: r('aws_vpc.main.id') } },
      aws_subnet: { public: { count: 2, vpc_id: r('aws_vpc.main.id') }, private: { count: 2, vpc_id: r('aws_vpc.main.id') } },
      aws_eip: { nat: { domain: 'vpc' } },
      aws_nat_gateway: { nat: { subnet_id: r('aws_subnet.public[0].id'), allocation_id: r('aws_eip.nat.id') } },
      aws_route_table: {
        public: { vpc_id: r('aws_vpc.main.id'), route: [{ cidr_block: '0.0.0.0/0', gateway_id: r('aws_internet_gateway.igw.id') }] },
        private: { vpc_id: r('aws_vpc.main.id'), route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: r('aws_nat_gateway.nat.id') }] },
      },
      aws_route_table_association: {
        public: { count: 2, subnet_id: r('aws_subnet.public[count.index].id'), route_table_id: r('aws_route_table.public.id') },
        private: { count: 2, subnet_id: r('element(aws_subnet.private[*].id, count.index)'), route_table_id: r('aws_route_table.private.id') },
      },
      aws_autoscaling_group: { app: { min_size: 1, max_size: 2, vpc_zone_identifier: r('aws_subnet.public[*].id'), launch_configuration: 'lc' } },
    },
  }, null, 2);
  const before = lintFiles([{ path: 'main.tf.json', text }]).findings.filter((f) => f.ruleId === 'backend-in-public-subnet');
  assert.deepEqual(before.map((f) => [f.resource, textAt(text, f.loc), f.fixes.map((x) => x.title)]), [
    ['aws_autoscaling_group.app', '"${aws_subnet.public[*].id}"', ['Place aws_autoscaling_group.app in private subnet aws_subnet.private']],
  ]);
  let fixed = text;
  for (const e of before[0].fixes[0].edits) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  assert.equal(fixed, text.replace('"vpc_zone_identifier": "${aws_subnet.public[*].id}"', '"vpc_zone_identifier": "${aws_subnet.private[*].id}"'));
  assert.deepEqual(lintFiles([{ path: 'main.tf.json', text: fixed }]).findings.map((f) => `${f.ruleId} ${f.resource}`), []);
});
