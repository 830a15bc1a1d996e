import ipaddr from 'ipaddr.js';

/**
 * The group of addresses a rate limit counts as one client. An IPv6 client is usually handed a
 * whole /64 (and picks a new address in it at will), so its /64 is the client; an IPv4 address,
 * also when written IPv4-mapped (::ffff:192.0.2.1), is itself. Anything unparseable stays as it
 * is, so that it still has a counter of its own.
 */
export function addressGroup(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return address.trim();
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
