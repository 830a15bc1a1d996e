// The baseline of the public pages benchmark, in a process of its own: a bare Node http server
// answering each path with the exact bytes and headers the app sent for it (captured once),
// so the comparison is the app's work per request against none at all.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedPage {
  path: string;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

process.once('message', (message) => {
  const pages = new Map(
    (message as CapturedPage[]).map((p) => {
      const body = Buffer.from(p.body, 'base64');
      return [p.path, { body, headers: { ...p.headers, 'content-length': String(body.length) } }];
    }),
  );
  const server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, page.headers);
    res.end(page.body);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
});
