// The Content-Security-Policy, set per request by proxy.ts (pages need a fresh nonce each time).
// The headers that never change are in security-headers.json, which next.config.mjs applies to
// every response and the server's fast path for cached public files to its own.
import headers from './security-headers.json';

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The policy of every page: scripts run only with this response's nonce ('strict-dynamic' lets
 * the scripts Next.js loads load their own chunks), no inline styles or scripts, nothing from
 * another origin, no framing. Forms post here, or to an https: site: the single sign-on form
 * is answered with a redirect to WorkOS and on to the customer's identity provider, and
 * browsers hold every hop of a form's redirects to form-action. `workosOrigin` is added when
 * the WorkOS API is not on https (a test's fake WorkOS).
 */
export function pagePolicy(nonce: string, workosOrigin?: string): string {
  const formTargets = ["'self'", 'https:', ...(workosOrigin && !workosOrigin.startsWith('https:') ? [workosOrigin] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formTargets.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Everything that is not a page (PDFs, spreadsheets, feeds, JSON, the logo) is not framed. It
 * carries no script policy: it is never read as HTML (nosniff), and Chromium's PDF viewer does
 * not open a PDF whose own policy forbids plugins.
 */
export const FILE_POLICY = headers.filePolicy;

/**
 * Paths answered by route handlers with files or JSON rather than with a page. (/api/ does not
 * pass through proxy.ts at all, see its matcher; next.config.mjs gives it FILE_POLICY.)
 */
export function servesFile(pathname: string): boolean {
  return /^\/\.well-known\//.test(pathname) || /\.(pdf|json|xml|csv|xlsx|txt)$/.test(pathname) || /\/logo$/.test(pathname);
}

/** Two years, subdomains included: sent only on responses that arrived over HTTPS. */
export const HSTS = headers.hsts;

/** Whether the request came over HTTPS, as the server's front end recorded it (scripts/serve.mjs). */
export function arrivedOverHttps(forwardedProto: string | null | undefined, urlProtocol?: string): boolean {
  return forwardedProto?.split(',')[0]?.trim() === 'https' || urlProtocol === 'https:';
}
