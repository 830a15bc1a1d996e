import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminConnection } from '@/lib/db/types';

/** One request a receiver got, and what it answered. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/**
 * A local SIEM webhook receiver on 127.0.0.1: records every request and answers 200, or what
 * `answer` says for that request (e.g. fail the first two attempts of each webhook-id).
 */
export async function startReceiver(answer: (request: { id: string; attempt: number; path: string }) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const id = headers['webhook-id'] ?? '';
      const attempt = received.filter((r) => r.headers['webhook-id'] === id).length + 1;
      const status = answer({ id, attempt, path: req.url ?? '/' });
      received.push({ path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8'), status: status === 'hang' ? 0 : status });
      if (status === 'hang') return;
      if (status >= 300 && status < 400) res.setHeader('Location', `http://127.0.0.1:${(server.address() as AddressInfo).port}/redirected`);
      res.writeHead(status).end(status >= 400 ? 'failure' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/siem') => `http://127.0.0.1:${port}${path}`,
    received,
    /** Requests answered 2xx, by webhook-id. */
    deliveredIds: () => received.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.headers['webhook-id']),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export const TEST_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

/**
 * A forwarding endpoint for the tenant and one queued delivery (of an event appended to its
 * chain, which the trigger queues), written as the superuser so isolation tests see both tables
 * populated.
 */
export async function createForwardingRows(admin: AdminConnection, tenant: { id: string; slug: string }, customerAdminId: string) {
  return admin.transaction(async (q) => {
    const [endpoint] = await q.query<{ id: string }>(
      `INSERT INTO forwarding_endpoints (tenant_id, url, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenant.id, `https://siem.${tenant.slug}.example/hooks`, TEST_SECRET, customerAdminId],
    );
    await q.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.actor_id', $2, true), set_config('app.actor_kind', 'customer', true)`, [
      tenant.id,
      customerAdminId,
    ]);
    await q.query(`SELECT 1 FROM append_governance_event($1, 'lockbox.settings_changed', $2, '', '{}', '', NULL)`, [tenant.id, endpoint.id]);
    return { endpointId: endpoint.id };
  });
}
