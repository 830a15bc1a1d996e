import { BlockList, isIP } from 'node:net';
import { AppError } from '@/lib/http/errors';

/** Where forwarding may send: public https only, unless the operator allows private targets. */
export interface TargetPolicy {
  /** FORWARDING_ALLOW_PRIVATE_TARGETS: http:// and private, loopback and link-local addresses (tests, development). */
  allowPrivateTargets: boolean;
}

// Addresses that are not the public internet: this host, private networks, link-local (cloud
// metadata services live at 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, multicast,
// documentation and benchmarking ranges, and IPv6 forms that embed an IPv4 address.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** Whether an IP address (v4 or v6, IPv4-mapped included) is outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

// Names that never reach a public host: this machine, cloud metadata services and local
// networks (RFC 6761, 6762, 8375), refused when an endpoint is added and when it is delivered to.
const LOCAL_NAMES = /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home\.arpa|onion)$/;
const METADATA_NAMES = new Set(['metadata', 'instance-data', 'metadata.google.internal']);
// The top-level domains reserved for documentation and tests (RFC 2606): an endpoint may name
// one (examples, tests), but deliveries to it fail without a DNS query.
const DOCUMENTATION_NAMES = /(^|\.)(example|test|invalid)$/;

/** The host of a URL without IPv6 brackets or a trailing dot, lower case. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** Why a host name (not an address) cannot be a public target, or null when it can be. */
export function reservedHostProblem(host: string): string | null {
  if (METADATA_NAMES.has(host)) return 'is a cloud metadata service';
  if (LOCAL_NAMES.test(host)) return 'is a local name';
  if (!host.includes('.')) return 'is not a fully qualified domain name';
  return null;
}

/** Whether a host name is reserved for documentation and tests, so never resolved. */
export function isDocumentationHost(host: string): boolean {
  return DOCUMENTATION_NAMES.test(host);
}

const invalid = (message: string) => new AppError('invalid_url', message, 400);

/**
 * Checks an endpoint URL as it is registered and returns it normalized: https (http only when
 * private targets are allowed), no credentials or fragment, and a host that is not a private,
 * loopback, link-local or metadata address. Names are resolved again at each delivery.
 */
export function checkTargetUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('The URL is not valid. Give a full address such as https://siem.example.com/webhooks.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivateTargets)) {
    throw invalid('The URL must start with https://: events are sent only over TLS.');
  }
  if (url.username || url.password) {
    throw invalid('The URL must not contain a user name or password. Put a token in the path or query instead.');
  }
  if (url.hash) throw invalid('The URL must not contain a fragment (#…).');
  const host = bareHost(url);
  if (!host) throw invalid('The URL has no host.');
  if (!policy.allowPrivateTargets) {
    if (isIP(host) !== 0) {
      if (isPrivateAddress(host)) throw invalid(`The address ${host} is private, loopback, link-local or reserved; events go only to public hosts.`);
    } else {
      const problem = reservedHostProblem(host);
      if (problem) throw invalid(`The host ${host} ${problem}; events go only to public hosts.`);
    }
  }
  return url;
}
