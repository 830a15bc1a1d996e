// The Content-Security-Policy and HSTS headers, set per request by proxy.ts (pages need a fresh
// nonce each time) and by the server's fast path for cached public files. The headers that never
// change are in security-headers.json, applied to every response by next.config.mjs.

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The policy of every page: scripts run only with this response's nonce ('strict-dynamic' lets
 * the scripts Next.js loads load their own chunks), no inline styles or scripts, nothing from
 * another origin, no framing, forms post only here.
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Everything that is not a page (PDFs, spreadsheets, feeds, JSON, the logo) is not framed. It
 * carries no script policy: it is never read as HTML (nosniff), and Chromium's PDF viewer does
 * not open a PDF whose own policy forbids plugins.
 */
export const FILE_POLICY = "frame-ancestors 'none'";

/** Paths answered by route handlers with files or JSON rather than with a page. */
export function servesFile(pathname: string): boolean {
  return /^\/(api|\.well-known)\//.test(pathname) || /\.(pdf|json|xml|csv|xlsx|txt)$/.test(pathname) || /\/(pdf|logo)$/.test(pathname);
}

/** Two years, subdomains included: sent only on responses that arrived over HTTPS. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** Whether the request came over HTTPS, as the server's front end recorded it (scripts/serve.mjs). */
export function arrivedOverHttps(forwardedProto: string | null | undefined, urlProtocol?: string): boolean {
  return forwardedProto?.split(',')[0]?.trim() === 'https' || urlProtocol === 'https:';
}
