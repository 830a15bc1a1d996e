// The production HTTP server: Next.js behind a plain Node server that decides what the app may
// believe about the client. Without TRUST_PROXY, X-Forwarded-* headers come from the client
// and could be forged (a fresh address per request would dodge every rate limit), so they are
// replaced with what the connection itself shows. Behind a proxy that sets them, set TRUST_PROXY=1.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import securityHeaders from '../lib/http/security-headers.json' with { type: 'json' };
import { answerUnavailable } from './database-unavailable.mjs';
import { createPageCache } from './page-cache.mjs';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT || 3000);
const trustProxy = ['1', 'true'].includes(process.env.TRUST_PROXY ?? '');

const app = next({ dev: false, dir: root, port });
await app.prepare();
const handle = app.getRequestHandler();

// Each request's state: the app marks it when the database could not be reached.
const requestState = new AsyncLocalStorage();
globalThis[Symbol.for('trust-center.request-state')] = requestState;

const servePage = createPageCache();

/** Whether the request's path has only well-formed percent escapes (Next.js answers 500 otherwise). */
function pathDecodes(url) {
  try {
    decodeURIComponent((url ?? '/').split('?')[0]);
    return true;
  } catch {
    return false;
  }
}

const server = http.createServer((req, res) => {
  if (!pathDecodes(req.url)) {
    for (const h of securityHeaders.always) res.setHeader(h.key, h.value);
    res.writeHead(400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ error: { code: 'invalid_path', message: 'The address has a malformed percent-encoded character.' } }));
    return;
  }
  if (!trustProxy) {
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    req.headers['x-forwarded-proto'] = req.socket.encrypted ? 'https' : 'http';
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-port'];
  }
  // Public documents already in memory are answered here (lib/portal/public-files.ts).
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
