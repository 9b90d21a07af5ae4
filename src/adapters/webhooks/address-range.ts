import ipaddr from 'ipaddr.js';

/**
 * Why the service must not send to an address, or null when it is a public
 * unicast address. ipaddr.js knows the special ranges of both families
 * (loopback, private, link-local with the cloud metadata address
 * 169.254.169.254, unique-local, carrier-grade NAT, multicast, unspecified,
 * documentation, 6to4 and NAT64 prefixes, …); an IPv4-mapped IPv6 address is
 * judged as the IPv4 address it reaches.
 */
export function nonPublicRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'not an IP address';
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' ? null : (RANGE_NAMES[range] ?? range);
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

/** The host of a URL as an address when it is one (`[::1]` → `::1`), else null. WHATWG URLs already turn `2130706433` into `127.0.0.1`. */
export function addressLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
