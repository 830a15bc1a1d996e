// The production server: Next.js behind the few lines it cannot do itself (docs/adr/0006-reverse-proxy-and-headers.md).
// Without TRUST_PROXY, the headers a proxy in front would set come from the client and could
// be forged (a fresh address per request would dodge every rate limit), so they are replaced
// with what the connection itself shows. Behind a proxy that sets them, set TRUST_PROXY=1.
import http from 'node:http';
import path from 'node:path';
import next from 'next';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT || 3000);
const trustProxy = ['1', 'true'].includes(process.env.TRUST_PROXY ?? '');
/** After SIGTERM, how long work already under way (a download count, a mail) has to finish. */
const SHUTDOWN_GRACE_MS = 1_000;

const app = next({ dev: false, dir: root, port });
await app.prepare();
const handle = app.getRequestHandler();

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
  if (!trustProxy) {
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    req.headers['x-forwarded-proto'] = req.socket.encrypted ? 'https' : 'http';
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-port'];
    delete req.headers['x-nonce-placeholder'];
  }
  // Answered by app/api/invalid-path/route.ts (a GET, whatever was asked), with the headers
  // every answer gets.
  if (!pathDecodes(req.url)) {
    req.url = '/api/invalid-path';
    if (req.method !== 'HEAD') req.method = 'GET';
  }
  handle(req, res);
});
// Longer than the idle timeout of the clients and load balancers in front (60 s is usual):
// with Node's 5 s default, a client reusing an idle connection can meet a reset.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[trust-center] listening on http://localhost:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => app.close().finally(() => process.exit(0)), SHUTDOWN_GRACE_MS).unref();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
