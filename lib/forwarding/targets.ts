import { isIP } from 'node:net';
import { AppError } from '@/lib/core/errors';
import { isPublicAddress } from './public-address';

/** Where forwarding may send: public https only, unless the operator allows private targets. */
export interface TargetPolicy {
  /** FORWARDING_ALLOW_PRIVATE_TARGETS: http:// and private, loopback and link-local addresses (tests, development). */
  allowPrivateTargets: boolean;
}

/** Whether an IP address is outside the public internet, directly or through an IPv4 address embedded in IPv6. */
export function isPrivateAddress(address: string): boolean {
  return !isPublicAddress(address);
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
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
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
