// Every security header the app sends is decided here, and applied in one place: proxy.ts,
// which sees every request (pages, files and /api/ alike) in development and in production.
// Why headers are not also set in next.config.mjs or in a front-end server: docs/adr/0006-reverse-proxy-and-headers.md.

/** The header Next.js also reads from the request, to put the page's nonce on its scripts. */
export const CSP = 'Content-Security-Policy';

/** Sent on every answer. */
const ALWAYS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()',
};

/** Two years, subdomains included: sent only on answers to requests that arrived over HTTPS. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Everything that is not a page (PDFs, spreadsheets, feeds, JSON, the API) is not framed. It
 * carries no script policy: it is never read as HTML (nosniff), and Chromium's PDF viewer does
 * not open a PDF whose own policy forbids plugins.
 */
export const FILE_POLICY = "frame-ancestors 'none'";

/** The uploaded logo may be an SVG: nothing in it runs or loads. */
const LOGO_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The nonce a caching reverse proxy replaces with a fresh one in each answer it gives from its
 * cache (deploy/nginx.conf). Only used when the proxy asks for it, on pages it may cache.
 */
export const NONCE_PLACEHOLDER = 'TrustCenterNoncePlaceholder0000';

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The policy of every page: scripts run only with this answer's nonce ('strict-dynamic' lets
 * the scripts Next.js loads load their own chunks), no inline styles or scripts, nothing from
 * another origin, no framing. Forms post here, or to an https: site: the single sign-on form
 * is answered with a redirect to WorkOS and on to the customer's identity provider, and
 * browsers hold every hop of a form's redirects to form-action. `workosOrigin` is added when
 * the WorkOS API is not on https (a test's fake WorkOS). `next dev` serves the same headers,
 * with 'unsafe-eval' added for React's development tools.
 */
export function pagePolicy(nonce: string, workosOrigin?: string): string {
  const formTargets = ["'self'", 'https:', ...(workosOrigin && !workosOrigin.startsWith('https:') ? [workosOrigin] : [])];
  // `next dev` only: React rebuilds server stack traces in the browser with eval.
  const devEval = process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
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

/** Paths answered with files or JSON rather than with a page. */
export function servesFile(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') ||
    pathname.startsWith('/_next/') ||
    /^\/\.well-known\//.test(pathname) ||
    /\.(pdf|json|xml|csv|xlsx|txt|ico|svg|png)$/.test(pathname) ||
    pathname === '/logo'
  );
}

/** Whether the request came over HTTPS, as the server's entry recorded it in X-Forwarded-Proto. */
export function arrivedOverHttps(forwardedProto: string | null | undefined, urlProtocol?: string): boolean {
  return forwardedProto?.split(',')[0]?.trim() === 'https' || urlProtocol === 'https:';
}

export interface HeaderRequest {
  pathname: string;
  https: boolean;
  /** A page's nonce; absent for files. */
  nonce?: string;
  workosOrigin?: string;
}

/** The security headers of one answer. `policy` overrides the Content-Security-Policy (the outage page's own). */
export function securityHeaders(request: HeaderRequest, policy?: string): Record<string, string> {
  const csp = policy ?? (request.nonce ? pagePolicy(request.nonce, request.workosOrigin) : request.pathname === '/logo' ? LOGO_POLICY : FILE_POLICY);
  return { ...ALWAYS, [CSP]: csp, ...(request.https ? { 'Strict-Transport-Security': HSTS } : {}) };
}
