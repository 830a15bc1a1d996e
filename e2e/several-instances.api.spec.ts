// Several instances: two app processes on one PostgreSQL database, sharing nothing but the
// database and their configuration (docs/deployment.md), as behind a load balancer. What one
// does, the other must see: sessions, sign-out, rate limits, the governance chains, and a
// document taken off the public portal.
import { expect, test } from '@playwright/test';
import { plainPdf } from '../lib/documents/plain-pdf';
import { type AppProcess, startApp } from './support/app-process';
import { verifyAllChains } from './support/governance-chains';
import { type Answer, Client, json, signedIn } from './support/http-client';
import { type AppEnv, clusterForApps, onPrivateCluster, type PostgresCluster } from './support/postgres-cluster';
import { ACCOUNTS } from './helpers';

const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const PORT_A = BASE + 13;
const PORT_B = BASE + 14;
const PG_PORT = 50_000 + BASE + 13;

onPrivateCluster();

let cluster: PostgresCluster;
let env: AppEnv;
let a: AppProcess | undefined;
let b: AppProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  ({ cluster, env } = await clusterForApps(PG_PORT));
  // The same secrets on both, nothing else in common but the database; both migrate at start.
  [a, b] = await Promise.all([startApp({ port: PORT_A, env }), startApp({ port: PORT_B, env })]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await cluster?.remove();
});

const unique = () => Math.random().toString(36).slice(2, 10);

test('a session made on one instance works on the other, and signing out on one ends it on both', async () => {
  const onA = await signedIn(a!.url, ACCOUNTS.carol);
  const onB = onA.on(b!.url);
  for (const client of [onA, onB]) {
    const listed = await client.get('/api/lockbox/requests');
    expect(listed.status, `${client.baseUrl}: ${listed.text}`).toBe(200);
    const page = await client.get('/console', { accept: 'text/html' });
    expect(page.status, client.baseUrl).toBe(200);
    expect(page.text).toContain(ACCOUNTS.carol);
  }

  const signedOut = await onB.post('/api/auth/signout');
  expect(signedOut.status, signedOut.text).toBe(200);
  for (const client of [onA, onB]) {
    const listed = await client.get('/api/lockbox/requests');
    expect(listed.status, `${client.baseUrl} after the sign-out on B`).toBe(401);
    const page = await client.get('/console', { accept: 'text/html' });
    expect([302, 303, 307], `${client.baseUrl}: the console sends a signed-out visitor to sign in`).toContain(page.status);
  }

  // A session made on B is as good on A, independently of the one that ended.
  const again = await signedIn(b!.url, ACCOUNTS.carol);
  expect((await again.on(a!.url).get('/api/lockbox/requests')).status).toBe(200);
});

test('rate limits are shared: a client gets one allowance across both instances, even all at once', async () => {
  const visitor = { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200) + 20}` };
  // Ten subscriptions at once from one address, five to each instance: the limit is five in all.
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      new Client(i % 2 ? b!.url : a!.url, '', visitor).post('/api/subscriptions', { email: `visitor-${unique()}@prospect.example` }),
    ),
  );
  const statuses = answers.map((x) => x.status).sort();
  expect(statuses, answers.map((x) => x.text.slice(0, 120)).join('\n')).toEqual([202, 202, 202, 202, 202, 429, 429, 429, 429, 429]);
  for (const url of [a!.url, b!.url]) {
    const more = await new Client(url, '', visitor).post('/api/subscriptions', { email: `late-${unique()}@prospect.example` });
    expect(more.status, url).toBe(429);
    expect(Number(more.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  // Another address still has its own allowance.
  const other = await new Client(b!.url, '', { 'x-forwarded-for': '198.51.100.77' }).post('/api/subscriptions', {
    email: `other-${unique()}@prospect.example`,
  });
  expect(other.status, other.text).toBe(202);

  // Failed sign-ins of one account count against one limit too (ten per account): five on each
  // instance, then that account is refused on both, while a valid account from the same address
  // still signs in (a noisy address is slowed down, never refused).
  const guesser = { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 200) + 20}` };
  const guessed = `nobody-${unique()}@nowhere.example`;
  const failures = await Promise.all(
    Array.from({ length: 10 }, (_, i) => new Client(i % 2 ? b!.url : a!.url, '', guesser).post('/api/auth/demo', { email: guessed })),
  );
  for (const failure of failures) expect(failure.status, failure.text).toBeGreaterThanOrEqual(400);
  expect(
    failures.filter((f) => f.status === 429),
    'ten failures are all counted, none refused yet',
  ).toHaveLength(0);
  for (const url of [a!.url, b!.url]) {
    const refused = await new Client(url, '', guesser).post('/api/auth/demo', { email: guessed });
    expect(refused.status, `${url}: ${refused.text}`).toBe(429);
    const valid = await new Client(url, '', guesser).post('/api/auth/demo', { email: ACCOUNTS.carol });
    expect(valid.status, `${url}: ${valid.text}`).toBe(200);
  }
});

test('governance events from both instances at once keep every chain whole and valid', async () => {
  test.setTimeout(240_000);
  const before = await verifyAllChains(env);
  const urls = [a!.url, b!.url];
  const bob = await signedIn(a!.url, ACCOUNTS.bob);
  const carol = await signedIn(b!.url, ACCOUNTS.carol);
  const erin = await signedIn(a!.url, ACCOUNTS.erin);
  const tenants = { acme: carol, globex: erin };

  // Requests filed on both instances at once, into two tenants' chains.
  const filed = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const tenant = i % 3 === 0 ? 'globex' : 'acme';
      const answer = await bob.on(urls[i % 2]).post('/api/lockbox/requests', {
        tenant,
        justification: `Customer reports failed exports, need to inspect (${unique()})`,
        ticket: `SUP-${unique()}`,
        durationMinutes: 60,
        access: 'read',
      });
      expect(answer.status, answer.text).toBe(201);
      return { tenant: tenant as keyof typeof tenants, id: json<{ request: { id: string } }>(answer).request.id };
    }),
  );

  // Then, all at once on both instances: every request decided, sign-ins into the vendor
  // chain and the tenants' chains, and a second decision of each request racing the first on
  // the other instance (exactly one of the two may win).
  const work: Promise<{ what: string; tenant: string; id?: string; answer: Answer }>[] = [];
  filed.forEach(({ tenant, id }, i) => {
    const action = i % 2 ? 'deny' : 'approve';
    for (const url of urls) {
      work.push(
        tenants[tenant]
          .on(url)
          .post(`/api/lockbox/requests/${id}/${action}`, { comment: `${action} from ${url}` })
          .then((answer) => ({ what: action, tenant, id, answer })),
      );
    }
  });
  for (let i = 0; i < 12; i++) {
    const [who, tenant] = (
      [
        [ACCOUNTS.alice, 'vendor'],
        [ACCOUNTS.dan, 'acme'],
        [ACCOUNTS.erin, 'globex'],
      ] as const
    )[i % 3];
    work.push(new Client(urls[i % 2]).post('/api/auth/demo', { email: who }).then((answer) => ({ what: 'sign-in', tenant, answer })));
  }
  const done = await Promise.all(work);

  for (const { what, answer } of done) {
    expect(answer.status, `${what}: ${answer.failure ?? answer.text.slice(0, 200)}`).not.toBe(0);
    expect([200, 409], `${what}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
  }
  for (const { id } of filed) {
    const decisions = done.filter((d) => d.id === id);
    expect(decisions.map((d) => d.answer.status).sort(), `the two racing decisions of ${id}`).toEqual([200, 409]);
  }

  // Every chain verifies with the shared key, and holds each event once.
  const after = await verifyAllChains(env);
  for (const { tenant, id } of filed) {
    const events = after.get(tenant)!.events.filter((e) => e.subject === id);
    const decided = filed.indexOf(filed.find((f) => f.id === id)!) % 2 ? 'lockbox.denied' : 'lockbox.approved';
    expect(events.map((e) => e.kind).sort(), id).toEqual([decided, 'lockbox.requested'].sort());
  }
  const signIns = (chain: string) =>
    after.get(chain)!.events.filter((e) => e.kind === 'auth.signed_in').length - before.get(chain)!.events.filter((e) => e.kind === 'auth.signed_in').length;
  const expectedSignIns = (chain: string) => done.filter((d) => d.what === 'sign-in' && d.tenant === chain).length;
  // The sign-ins of bob (vendor), carol (acme) and erin (globex) above count too.
  expect(signIns('vendor')).toBe(expectedSignIns('vendor') + 1);
  expect(signIns('acme')).toBe(expectedSignIns('acme') + 1);
  expect(signIns('globex')).toBe(expectedSignIns('globex') + 1);
  for (const [name, chain] of after) {
    const seqs = chain.events.map((e) => e.seq);
    expect(seqs, `${name}: one event per sequence number, none missing`).toEqual(seqs.map((_, i) => i + 1));
  }
});

/** A public document created on the instance at baseUrl by a trust admin; its id. */
async function publicDocument(admin: Client, slug: string) {
  const pdf = plainPdf({ title: slug, author: 'e2e', sections: [{ paragraphs: [slug] }], footer: 'e2e', createdAt: new Date() });
  const query = new URLSearchParams({ slug, title: `Narrowing ${slug}`, category: 'Tests', visibility: 'public', filename: `${slug}.pdf` });
  const response = await fetch(`${admin.baseUrl}/api/admin/documents?${query}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'application/pdf' },
    body: new Uint8Array(pdf),
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { document: { id: string } }).document.id;
}

/** What a visitor without a cookie gets from instance url for the document: its PDF's status, and whether /documents offers it for download. */
async function publicView(url: string, slug: string) {
  const visitor = new Client(url);
  const [pdf, page] = await Promise.all([visitor.get(`/documents/${slug}.pdf`), visitor.get('/documents', { accept: 'text/html' })]);
  expect(page.status).toBe(200);
  return { pdf: pdf.status, listedAsPublic: page.text.includes(`href="/documents/${slug}.pdf"`) };
}

/** Polls every 100 ms until instance url stops serving the document publicly; fails after 2 s. */
async function expectWithdrawnWithin2s(url: string, slug: string, status: number, since: number) {
  let seen = await publicView(url, slug);
  while (seen.pdf !== status || seen.listedAsPublic) {
    expect(Date.now() - since, `${slug} is still public on ${url}: ${JSON.stringify(seen)}`).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 100));
    seen = await publicView(url, slug);
  }
  expect(Date.now() - since, `${slug} was withdrawn on ${url}, but too late`).toBeLessThan(2_000);
}

/** Two public documents made on B, then served by A from its memory (file, list and page). */
async function twoPublicDocuments() {
  const admin = await signedIn(b!.url, ACCOUNTS.alice);
  const slugs = { nda: `narrow-nda-${unique()}`, archive: `narrow-archive-${unique()}` };
  const ids = { nda: await publicDocument(admin, slugs.nda), archive: await publicDocument(admin, slugs.archive) };
  for (let i = 0; i < 2; i++) {
    for (const slug of Object.values(slugs)) expect(await publicView(a!.url, slug), `${slug} on A`).toEqual({ pdf: 200, listedAsPublic: true });
  }
  return { admin, slugs, ids };
}

async function withdraw(admin: Client, id: string, kind: 'nda' | 'archive') {
  const answer =
    kind === 'nda'
      ? await admin.post(`/api/admin/documents/${id}`, { title: 'Narrowed', category: 'Tests', description: '', visibility: 'nda', validUntil: null })
      : await admin.post(`/api/admin/documents/${id}/archive`);
  expect(answer.status, answer.text).toBe(200);
  return Date.now();
}

test('a document made confidential or archived on one instance is no longer public on the other within 2 s', async () => {
  const { admin, slugs, ids } = await twoPublicDocuments();
  // Made NDA on B: A refuses the public PDF (403, it needs a grant) and lists it only as gated.
  await expectWithdrawnWithin2s(a!.url, slugs.nda, 403, await withdraw(admin, ids.nda, 'nda'));
  // Archived on B: A no longer has it at all.
  await expectWithdrawnWithin2s(a!.url, slugs.archive, 404, await withdraw(admin, ids.archive, 'archive'));
});

test('after PostgreSQL restarts, a document withdrawn on one instance is still withdrawn on the other within 2 s', async () => {
  test.setTimeout(180_000);
  await cluster.stop();
  await cluster.start();
  // Both instances serve again (their pools dial anew on demand).
  for (const url of [a!.url, b!.url]) {
    await expect.poll(async () => (await new Client(url).get('/api/health')).status, { timeout: 60_000, intervals: [250] }).toBe(200);
  }
  const { admin, slugs, ids } = await twoPublicDocuments();
  await expectWithdrawnWithin2s(a!.url, slugs.nda, 403, await withdraw(admin, ids.nda, 'nda'));
  await expectWithdrawnWithin2s(a!.url, slugs.archive, 404, await withdraw(admin, ids.archive, 'archive'));
});
