// The app marks each request's state (lib/db/unavailable.ts) when it could not reach its
// database: a page that failed for that reason is a 503 that says so, not a 500.
import { createHash } from 'node:crypto';

// The page's own styles, allowed by their hash: the policy of this answer admits nothing else.
const STYLE = 'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f8fafc;color:#0f172a}main{max-width:36rem;margin:5rem auto;padding:0 1rem;text-align:center}h1{font-size:1.75rem;margin:0 0 .75rem}p{color:#334155;line-height:1.5}a{color:#1d4ed8}';
const UNAVAILABLE_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const UNAVAILABLE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable · Trust Center</title><style>${STYLE}</style></head>
<body>
<main>
<h1>The Trust Center is temporarily unavailable</h1>
<p>The service cannot reach its database right now. Nothing you did caused this. Try again in a minute: <a href="">reload this page</a>.</p>
</main>
</body>
</html>
`;

/**
 * When Next.js answers a failed render with 500 and the request met an unreachable database,
 * the status becomes 503 with Retry-After; a browser's page request gets a short page saying
 * so in place of an error shell that only scripts could fill. Written before Next.js wraps the
 * response (its compression captures these methods), so a replaced body is never compressed.
 */
export function answerUnavailable(req, res, state) {
  const { writeHead, write, end } = res;
  let replaced = false;
  res.writeHead = function (status, ...rest) {
    if (status !== 500 || !state.databaseUnavailable) return writeHead.call(this, status, ...rest);
    this.setHeader('Retry-After', '5');
    this.setHeader('Cache-Control', 'no-store');
    // A page (not the router's RSC payload, whose client falls back to loading the page itself).
    const isPage = !req.headers.rsc && String(this.getHeader('content-type') ?? '').startsWith('text/html');
    if (!isPage || typeof rest[rest.length - 1] === 'object') return writeHead.call(this, 503, ...rest);
    replaced = true;
    for (const name of ['content-encoding', 'content-length', 'etag', 'link', 'vary']) this.removeHeader(name);
    this.setHeader('Content-Type', 'text/html; charset=utf-8');
    this.setHeader('Content-Security-Policy', UNAVAILABLE_POLICY);
    this.setHeader('Content-Length', Buffer.byteLength(UNAVAILABLE_PAGE));
    return writeHead.call(this, 503);
  };
  res.write = function (chunk, encoding, callback) {
    if (!replaced) return write.apply(this, arguments);
    const done = [encoding, callback].find((a) => typeof a === 'function');
    if (done) process.nextTick(done);
    return true;
  };
  res.end = function (chunk, encoding, callback) {
    if (!replaced) return end.apply(this, arguments);
    const done = [chunk, encoding, callback].find((a) => typeof a === 'function');
    return end.call(this, req.method === 'HEAD' ? undefined : UNAVAILABLE_PAGE, 'utf8', done);
  };
}

