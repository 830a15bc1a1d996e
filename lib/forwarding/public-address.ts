import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const v4 = (bytes: number[]) => new ipaddr.IPv4(bytes);

// RFC 6052 section 2.2: where a translation prefix of each length puts the IPv4 address (its
// byte offsets), around the "u" octet (byte 8), which is always zero.
const RFC6052_POSITIONS: Record<48 | 56 | 64 | 96, number[]> = {
  48: [6, 7, 9, 10],
  56: [7, 9, 10, 11],
  64: [9, 10, 11, 12],
  96: [12, 13, 14, 15],
};
const LOCAL_USE_NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b:1::/48');

/**
 * The IPv4 addresses an IPv6 address stands for, or null when it is not a form that embeds one.
 * Each form leads to the IPv4 address through a translator, a tunnel or the host's own stack,
 * so it is public only when every address it embeds is.
 */
export function embeddedIPv4(ip: IPv6): IPv4[] | null {
  const b = ip.toByteArray();
  switch (ip.range()) {
    case 'ipv4Mapped': // ::ffff:0:0/96
    case 'rfc6145': // IPv4-translated ::ffff:0:0:0/96
      return [v4(b.slice(12))];
    case 'rfc6052':
      // The well-known prefix 64:ff9b::/96 ends with the address. Inside the local-use
      // 64:ff9b:1::/48 the operator picks a prefix of /48 to /96, which moves it: every reading counts.
      if (!ip.match(LOCAL_USE_NAT64)) return [v4(b.slice(12))];
      return Object.values(RFC6052_POSITIONS).map((at) => v4(at.map((i) => b[i])));
    case '6to4': // 2002:AABB:CCDD::/48
      return [v4(b.slice(2, 6))];
    case 'teredo': // 2001:0:<server>:<flags>:<port>:<client XOR 0xffffffff>
      return [v4(b.slice(4, 8)), v4(b.slice(12).map((x) => x ^ 0xff))];
    default:
      // IPv4-compatible ::/96 (deprecated, still routed as IPv4 by some stacks); :: and ::1 are in it too.
      return b.slice(0, 12).every((x) => x === 0) ? [v4(b.slice(12))] : null;
  }
}

/**
 * Whether an address (v4 or v6, in the forms `net.isIP` accepts) is on the public internet:
 * ipaddr.js classes it as plain unicast, or it embeds only such IPv4 addresses. Everything else
 * (private, loopback, link-local and cloud metadata, carrier-grade NAT, multicast, documentation,
 * benchmarking, unique-local, discard and other reserved ranges) is not.
 */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  const embedded = embeddedIPv4(ip as IPv6);
  if (embedded) return embedded.every((inner) => inner.range() === 'unicast');
  return ip.range() === 'unicast';
}
