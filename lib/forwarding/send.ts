import 'server-only';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { bareHost, isDocumentationHost, isPrivateAddress, reservedHostProblem, type TargetPolicy } from './targets';

export const SEND_TIMEOUT_MS = 10_000;

export interface SendOutcome {
  /** The receiver's HTTP status, when it answered. */
  status: number | null;
  /** 2xx: the receiver has the message. */
  ok: boolean;
  /** A short reason when not ok: never the request's headers or body. */
  error: string | null;
}

const failed = (error: string, status: number | null = null): SendOutcome => ({ status, ok: false, error });

/** Every address a host name has now, from the system's resolver. */
export type ResolveAll = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: ResolveAll = (host) => lookup(host, { all: true, verbatim: true });

/**
 * The address to connect to: the URL's literal address, or its name resolved now and checked,
 * so that a name which moved to a private address since it was registered is refused. The
 * connection then goes to exactly this address (no second lookup an attacker could answer).
 */
export async function resolveTarget(
  url: URL,
  policy: TargetPolicy,
  resolveAll: ResolveAll = systemResolver,
): Promise<{ address: string; family: 4 | 6 } | string> {
  const host = bareHost(url);
  const literal = isIP(host);
  if (literal !== 0) {
    if (!policy.allowPrivateTargets && isPrivateAddress(host)) return `the address ${host} is private or reserved`;
    return { address: host, family: literal as 4 | 6 };
  }
  if (!policy.allowPrivateTargets) {
    const problem = reservedHostProblem(host);
    if (problem) return `the host ${problem}`;
    if (isDocumentationHost(host)) return 'the host name is reserved for documentation and tests (RFC 2606)';
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolveAll(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOTFOUND' ? 'the host name does not resolve' : `the host name could not be resolved (${String(code ?? 'error')})`;
  }
  if (addresses.length === 0) return 'the host name does not resolve';
  if (!policy.allowPrivateTargets) {
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) return `the host name resolves to a private or reserved address (${inside.address})`;
  }
  return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    default:
      if (typeof code === 'string' && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code)) return `the TLS handshake failed (${code})`;
      return typeof code === 'string' ? `the request failed (${code})` : 'the request failed';
  }
}

/**
 * POSTs one webhook: to the address checked above, never following a redirect, giving up
 * after 10 seconds in all. 2xx is delivered; anything else is a failure to retry.
 */
export async function postWebhook(target: string, headers: Record<string, string>, body: string, policy: TargetPolicy): Promise<SendOutcome> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return failed('the URL is not valid');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivateTargets)) return failed('the URL is not https');
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  const resolved = await resolveTarget(url, policy);
  if (typeof resolved === 'string') return failed(resolved);
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [resolved]);
    else callback(null, resolved.address, resolved.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body, 'utf8');
  return new Promise<SendOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned,
        signal,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(payload.length),
          'user-agent': 'TrustCenter-Webhooks/1',
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is read (so the connection closes cleanly) and dropped.
        response.on('data', () => {});
        response.on('error', (error) => resolve(failed(describeError(signal.aborted ? signal.reason : error), status)));
        response.on('close', () => resolve(failed('the connection closed before the answer ended', status)));
        response.on('end', () => {
          if (status >= 200 && status < 300) resolve({ status, ok: true, error: null });
          else if (status >= 300 && status < 400) resolve(failed(`HTTP ${status}: redirects are not followed`, status));
          else resolve(failed(`HTTP ${status}`, status >= 100 && status <= 599 ? status : null));
        });
      },
    );
    request.on('error', (error) => resolve(failed(describeError(signal.aborted ? signal.reason : error))));
    request.end(payload);
  });
}
