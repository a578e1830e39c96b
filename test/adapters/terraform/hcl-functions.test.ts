// Built-in functions and `for` expressions on HCL values: evaluated when their inputs are known, unknown otherwise, never an error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { initHcl } from '../../../server/src/adapters/terraform/hcl/parser';
import { parseHcl } from '../../../server/src/adapters/terraform/hcl/convert';
import { readModule } from '../../../server/src/adapters/terraform/module';
import { Resolver, TAlt } from '../../../server/src/adapters/terraform/resolve';

test.before(() => initHcl());

const SOURCE = `
variable "cidr" {
  default = "10.1.0.0/16"
}
variable "ports" {
  default = { ssh = 22, https = 443 }
}
variable "unset" {}

resource "aws_subnet" "private" {
  for_each   = toset(["a", "b"])
  cidr_block = "10.1.1.0/24"
}

locals {
  sub        = cidrsubnet(var.cidr, 8, 3)
  sub_v6     = cidrsubnet("fd00::/56", 8, 1)
  too_big    = cidrsubnet(var.cidr, 20, 1)
  host       = cidrhost("10.1.2.0/24", 5)
  last_host  = cidrhost("10.1.2.0/24", -2)
  name       = format("%s-%d", "web", 2)
  bad_format = format("%q", "web")
  ssh        = lookup(var.ports, "ssh", 0)
  missing    = lookup(var.ports, "rdp", 3389)
  from_unset = lookup(var.unset, "ssh", 22)
  flat       = flatten([["0.0.0.0/0"], ["10.0.0.0/8", "::/0"]])
  doubled    = [for p in [22, 443] : p * 2]
  filtered   = [for p in [22, 443, 8080] : p if p < 1000]
  ids        = [for s in aws_subnet.private : s.id]
  unknown_if = [for p in var.unset : p if p.public]
  count_sub  = cidrsubnet(var.cidr, 8, count.index)
  tried      = try(var.unset.x, "0.0.0.0/0")
  coalesced  = coalescelist([], ["10.0.0.0/8"])
}
`;

function local(name: string): unknown {
  const module = readModule([parseHcl('main.tf', SOURCE)]);
  const plain = (alts: TAlt[]): unknown => alts.map((a) => (a.kind === 'known' ? a.v : a.kind === 'ref' ? `ref ${a.id}` : a.kind === 'tuple' ? a.items.map(plain) : a.kind));
  return plain(new Resolver(module).value(module.locals.get(name)!.node));
}

test('cidrsubnet and cidrhost on known IPv4 prefixes; unknown for IPv6, out of range, or count.index', () => {
  assert.deepEqual(local('sub'), ['10.1.3.0/24']);
  assert.deepEqual(local('host'), ['10.1.2.5']);
  assert.deepEqual(local('last_host'), ['10.1.2.254']);
  assert.deepEqual(local('sub_v6'), ['unknown']);
  assert.deepEqual(local('too_big'), ['unknown']);
  assert.deepEqual(local('count_sub'), ['unknown']);
});

test('format, lookup, flatten, coalescelist, try', () => {
  assert.deepEqual(local('name'), ['web-2']);
  assert.deepEqual(local('bad_format'), ['unknown']);
  assert.deepEqual(local('ssh'), [22]);
  assert.deepEqual(local('missing'), [3389]);
  assert.deepEqual(local('from_unset'), ['unknown']);
  assert.deepEqual(local('flat'), [[['0.0.0.0/0'], ['10.0.0.0/8'], ['::/0']]]);
  assert.deepEqual(local('coalesced'), [[['10.0.0.0/8']]]);
  assert.deepEqual(local('tried'), ['unknown']);
});

test('for expressions: over known lists (with if), over a for_each resource, unknown when the condition is', () => {
  assert.deepEqual(local('doubled'), [[[44], [886]]]);
  assert.deepEqual(local('filtered'), [[[22], [443]]]);
  assert.deepEqual(local('ids'), [[['ref aws_subnet.private']]]);
  assert.deepEqual(local('unknown_if'), ['unknown']);
});
