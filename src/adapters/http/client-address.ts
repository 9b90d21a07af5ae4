import { isIPv6 } from 'node:net';

/**
 * The key under which the contact form counts a client: its address, written
 * one way only, so that one client cannot pass for several.
 *
 * - An IPv4 client of a dual-stack socket (`::ffff:203.0.113.7`) is its IPv4
 *   address.
 * - An IPv6 address counts by its /64 network, whatever its spelling: that is
 *   what one subscriber is given, and any host in it can take a fresh address
 *   for each request.
 * - Anything else is kept as it is: it comes from the socket or from the
 *   trusted proxy (see `clientAddressOf`), never from the client.
 */
export function rateLimitKey(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address.replace(/%.*$/, ''));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes an IPv6 host in one canonical form (RFC 5952), hex only.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}
