// CIDRs read as AWS reads them: parsed as addresses (ipaddr.js), never compared as strings.
import ipaddr from 'ipaddr.js';

export interface Cidr {
  family: 'ipv4' | 'ipv6';
  /** The network address as written (host bits may be set: AWS masks them, `10.0.0.1/0` is the world). */
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

/** A CIDR (`a.b.c.d/n`, `x::y/n`); a bare address is a /32 or /128; anything else is undefined. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length > 64) return undefined;
  try {
    if (text.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(text);
      return { family: address.kind(), address, prefix };
    }
    const address = ipaddr.parse(text);
    return { family: address.kind(), address, prefix: address.kind() === 'ipv4' ? 32 : 128 };
  } catch {
    return undefined;
  }
}

/**
 * Every address there is: a /0 with any base address (`0.0.0.0/0`, `::/0`, `0000:…/0`, `10.0.0.0/0`), or
 * the IPv4-mapped IPv6 range `::ffff:0:0/96` (all of IPv4 reached over IPv6).
 */
export function isWorldCidr(value: unknown): boolean {
  return remembered(worldCache, value, worldCidr);
}

function worldCidr(value: string): boolean {
  const cidr = parseCidr(value);
  if (!cidr) return false;
  if (cidr.prefix === 0) return true;
  return cidr.family === 'ipv6' && cidr.prefix <= 96 && (cidr.address as ipaddr.IPv6).isIPv4MappedAddress();
}

/** IPv4 ranges of /8 or shorter and IPv6 ranges of /16 or shorter count as "the internet" when they hold public addresses. */
const BROAD_IPV4 = 8;
const BROAD_IPV6 = 16;
const NOT_PUBLIC = new Set(['private', 'loopback', 'linkLocal', 'carrierGradeNat', 'uniqueLocal', 'multicast', 'reserved', 'unspecified']);

/**
 * A public range so wide that admitting it is admitting the internet: `1.0.0.0/8` is 16.7 million public
 * addresses. Private space (`10.0.0.0/8`, `fc00::/7`) is not public, however wide.
 */
export function isBroadPublicCidr(value: unknown): boolean {
  return remembered(broadCache, value, broadPublicCidr);
}

function broadPublicCidr(value: string): boolean {
  const cidr = parseCidr(value);
  if (!cidr || cidr.prefix === 0) return false;
  const limit = cidr.family === 'ipv4' ? BROAD_IPV4 : BROAD_IPV6;
  if (cidr.prefix > limit) return false;
  const network = ipaddr.parse(networkAddress(cidr));
  return !NOT_PUBLIC.has(network.range());
}

/** Admits the internet: the world, or a broad public range. */
export function isInternetCidr(value: unknown): boolean {
  return isWorldCidr(value) || isBroadPublicCidr(value);
}

/** The network address with host bits cleared. */
function networkAddress(cidr: Cidr): string {
  const bytes = cidr.address.toByteArray();
  let bits = cidr.prefix;
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits));
    bytes[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    bits -= 8;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

// A template repeats a handful of CIDRs thousands of times: each distinct string is parsed once (bounded caches).
const CACHE_MAX = 4096;
const worldCache = new Map<string, boolean>();
const broadCache = new Map<string, boolean>();

function remembered(cache: Map<string, boolean>, value: unknown, compute: (value: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  let answer = cache.get(value);
  if (answer === undefined) {
    answer = compute(value);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(value, answer);
  }
  return answer;
}
