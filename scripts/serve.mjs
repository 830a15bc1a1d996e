// The production HTTP server: Next.js behind a plain Node server that decides what the app may
// believe about the client. Without TRUST_PROXY, X-Forwarded-* headers come from the client
// and could be forged (a fresh address per request would dodge every rate limit), so they are
// replaced with what the connection itself shows. Behind a proxy that sets them, set TRUST_PROXY=1.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { createPageCache } from './page-cache.mjs';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT || 3000);
const trustProxy = ['1', 'true'].includes(process.env.TRUST_PROXY ?? '');

const app = next({ dev: false, dir: root, port });
await app.prepare();
const handle = app.getRequestHandler();

// Each request's state, which the app marks when it could not reach its database
// (lib/db/unavailable.ts): a page that failed for that reason is a 503 that says so, not a 500.
const requestState = new AsyncLocalStorage();
globalThis[Symbol.for('trust-center.request-state')] = requestState;

const UNAVAILABLE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable · Trust Center</title></head>
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
function answerUnavailable(req, res, state) {
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

const servePage = createPageCache();

const server = http.createServer((req, res) => {
  if (!trustProxy) {
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    req.headers['x-forwarded-proto'] = req.socket.encrypted ? 'https' : 'http';
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-port'];
  }
  // Public documents already in memory are answered here (lib/documents/public-files.ts).
  const serveCached = globalThis[Symbol.for('trust-center.serve-public-file')];
  if (serveCached?.(req, res)) return;
  // Public pages for visitors without a cookie, a few seconds at a time (scripts/page-cache.mjs).
  if (servePage(req, res)) return;
  const state = { databaseUnavailable: false };
  answerUnavailable(req, res, state);
  requestState.run(state, () => handle(req, res));
});
// Longer than the idle timeout of the clients and load balancers in front (60 s is usual):
// with Node's 5 s default, a client reusing an idle connection can meet a reset.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[trust-center] listening on http://localhost:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    // Downloads counted in memory are written before the process ends.
    const flush = globalThis[Symbol.for('trust-center.flush-public-downloads')];
    Promise.resolve(flush?.())
      .catch(() => {})
      .then(() => app.close?.())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
