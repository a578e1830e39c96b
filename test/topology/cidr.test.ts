// CIDRs parsed as addresses: every spelling of the whole internet, broad public ranges, and what is neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBroadPublicCidr, isInternetCidr, isWorldCidr, parseCidr } from '../../server/src/topology/cidr';

test('every spelling of the whole internet is the world', () => {
  for (const world of ['0.0.0.0/0', '::/0', '0000:0000:0000:0000:0000:0000:0000:0000/0', '::0/0', '10.0.0.0/0', '192.168.0.0/0', 'fd00::/0', 'fd12:3456:789a::1/0', ' 0.0.0.0/0 ', '::ffff:0:0/96', '::ffff:0.0.0.0/96']) {
    assert.equal(isWorldCidr(world), true, world);
  }
});

test('narrow, private, malformed and non-string values are not the world', () => {
  for (const value of ['0.0.0.0/1', '10.0.0.0/8', '0.0.0.0', '::/1', '0.0.0.0/33', 'sg-123', '', undefined, 0, null, '1.2.3.4/abc', '::ffff:10.0.0.0/104']) {
    assert.equal(isWorldCidr(value), false, String(value));
  }
});

test('a public range of /8 or shorter is broad; private space is not, however wide', () => {
  assert.equal(isBroadPublicCidr('1.0.0.0/8'), true);
  assert.equal(isBroadPublicCidr('128.0.0.0/1'), true);
  assert.equal(isBroadPublicCidr('2600::/12'), true);
  assert.equal(isBroadPublicCidr('10.0.0.0/8'), false);
  assert.equal(isBroadPublicCidr('10.1.2.3/8'), false);
  assert.equal(isBroadPublicCidr('1.0.0.0/9'), false);
  assert.equal(isBroadPublicCidr('fc00::/7'), false);
  assert.equal(isBroadPublicCidr('0.0.0.0/0'), false, 'the world is world, not broad');
  assert.equal(isInternetCidr('1.0.0.0/8'), true);
  assert.equal(isInternetCidr('0.0.0.0/0'), true);
  assert.equal(isInternetCidr('203.0.113.0/24'), false);
});

test('parseCidr keeps the family and prefix; a bare address is a host route', () => {
  assert.deepEqual({ ...parseCidr('10.0.0.1/16'), address: undefined }, { family: 'ipv4', prefix: 16, address: undefined });
  assert.equal(parseCidr('2001:db8::1')?.prefix, 128);
  assert.equal(parseCidr('x'.repeat(100)), undefined);
});
