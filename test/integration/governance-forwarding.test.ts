import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { addEndpoint } from '@/lib/forwarding/add';
import { DISABLE_AFTER_MS, deliverDueForwarding } from '@/lib/forwarding/deliver';
import { listDeliveries } from '@/lib/forwarding/deliveries';
import { listEndpoints } from '@/lib/forwarding/endpoints';
import { enableEndpoint, rotateSecret } from '@/lib/forwarding/manage';
import { removeEndpoint } from '@/lib/forwarding/remove';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '@/lib/forwarding/schedule';
import { postWebhook } from '@/lib/forwarding/send';
import { sendTestMessage } from '@/lib/forwarding/test-message';
import { appendEvent } from '@/lib/governance/append';
import type { LogEvent } from '@/lib/governance/format';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { startReceiver, type Receiver } from '../helpers/forwarding';
import { exportText, newSigningKey, tenantTarget } from '../helpers/governance';
import { adminRows, outcome } from '../helpers/lockbox';

const ALLOW = { allowPrivateTargets: true };
const DENY = { allowPrivateTargets: false };
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

type Tenant = Awaited<ReturnType<typeof createTenant>>;
/** The body of a forwarded event as a receiver parses it. */
type ForwardedMessage = { type: string; timestamp: string; data: { chain: string; event: LogEvent; hash: string; prev_hash: string } };

describeEachDatabase('governance forwarding', (t) => {
  let acme: Tenant;
  let globex: Tenant;
  let carol: CustomerActor;
  let dan: CustomerActor;
  let erin: CustomerActor;
  let alice: StaffActor;
  let bob: StaffActor;
  const receivers: Receiver[] = [];

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const db = () => t().appRoleDb;
  const deliver = (clock: ReturnType<typeof manualClock>, policy = ALLOW) => deliverDueForwarding(db(), clock, { policy });
  const append = (actor: CustomerActor | StaffActor, tenantId: string | null, kind = 'privacy.data_exported') =>
    withActor(db(), actor, (tx) => appendEvent(tx, { tenantId, kind, subject: 'subject-1', payload: { n: 1 } }));
  const deliveriesOf = (endpointId: string) =>
    adminRows<{ event_id: string; state: string; attempts: number; last_status: number | null; last_error: string | null }>(
      t(),
      'SELECT event_id, state, attempts, last_status, last_error FROM forwarding_deliveries WHERE endpoint_id = $1 ORDER BY created_at',
      [endpointId],
    );
  const counts = async () => {
    const [row] = await adminRows<{ endpoints: number; events: number; deliveries: number }>(
      t(),
      `SELECT (SELECT count(*)::int FROM forwarding_endpoints) AS endpoints, (SELECT count(*)::int FROM governance_events) AS events,
              (SELECT count(*)::int FROM forwarding_deliveries) AS deliveries`,
    );
    return row;
  };

  // The database schedules retries from the later of its own clock and the app's (app_now()): a
  // clock an hour ahead keeps a slow machine's passing seconds from moving a retry. (Signatures are
  // checked against real time, so only the tests of the schedule use it.)
  const aheadClock = () => manualClock(new Date(Date.now() + 3_600_000));

  // Every test has tenants and people of its own, and removes the endpoints it added, so that
  // one test's chains and deliveries never reach another's receivers.
  beforeEach(async () => {
    const { admin } = t();
    acme = await createTenant(admin, 'Acme Corp');
    globex = await createTenant(admin, 'Globex Inc');
    [carol, dan, erin, alice, bob] = await Promise.all([
      createCustomer(admin, acme, 'customer_admin'),
      createCustomer(admin, acme, 'customer_member'),
      createCustomer(admin, globex, 'customer_admin'),
      createStaff(admin, 'trust_admin'),
      createStaff(admin, 'support'),
    ]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('delivers to a receiver that fails twice on the third try, exactly once, following the back-off', async () => {
    const clock = aheadClock();
    const siem = await receiver(({ attempt }) => (attempt <= 2 ? 500 : 204));
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url(), description: 'Flaky SIEM' }, ALLOW);
    const event = await append(carol, acme.id);
    // Two events: the endpoint's own forwarding_added, then ours.
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);

    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 2, failed: 0 });
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 0, failed: 0 }); // nothing due before the back-off
    clock.advance(RETRY_DELAYS_MS[0] - SECOND);
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    clock.advance(2 * SECOND);
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 2, failed: 0 });
    clock.advance(RETRY_DELAYS_MS[1] - 10 * SECOND);
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    clock.advance(11 * SECOND);
    expect(await deliver(clock)).toEqual({ delivered: 2, retry: 0, failed: 0 });
    clock.advance(48 * 3_600_000);
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 0, failed: 0 });

    const attemptsOfOurs = siem.received.filter((r) => r.headers['webhook-id'] === event.id);
    expect(attemptsOfOurs.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(siem.deliveredIds().filter((id) => id === event.id)).toHaveLength(1);
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.find((r) => r.event_id === event.id)).toMatchObject({ state: 'delivered', attempts: 3, last_status: 204, last_error: null });
    const page = await listDeliveries({ db: db(), actor: carol }, { limit: 10, offset: 0 });
    expect(page.deliveries.find((d) => d.eventId === event.id)).toMatchObject({ state: 'delivered', attempts: 3, eventKind: 'privacy.data_exported' });
    const [view] = (await listEndpoints({ db: db(), actor: carol })).filter((e) => e.id === endpoint.id);
    expect(view.deliveries).toEqual({ pending: 0, delivered: 2, failed: 0 });
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('marks a delivery failed after eight attempts over the whole schedule, keeping a short error', async () => {
    const clock = aheadClock();
    const siem = await receiver(() => 503);
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/down') }, ALLOW);
    const seen: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliver(clock);
      seen.push(result.retry + result.failed);
      if (attempt < MAX_ATTEMPTS) clock.advance(RETRY_DELAYS_MS[attempt - 1] + SECOND);
    }
    expect(seen).toEqual(Array(MAX_ATTEMPTS).fill(1));
    clock.advance(100 * 3_600_000);
    expect(await deliver(clock)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    expect(siem.received).toHaveLength(MAX_ATTEMPTS);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ state: 'failed', attempts: 8, last_status: 503, last_error: 'HTTP 503' })]);
    // Added a day ago: not yet failing for the five days that disable an endpoint.
    expect((await listEndpoints({ db: db(), actor: carol }))[0]).toMatchObject({ enabled: true, deliveries: { pending: 0, delivered: 0, failed: 1 } });
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('disables an endpoint that delivered nothing for five days, and sends again once enabled', async () => {
    const clock = manualClock(new Date());
    let down = true;
    const siem = await receiver(() => (down ? 503 : 200));
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/dead') }, ALLOW);
    clock.advance(DISABLE_AFTER_MS);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliver(clock);
      if (attempt < MAX_ATTEMPTS) clock.advance(RETRY_DELAYS_MS[attempt - 1] + SECOND);
    }
    const [disabled] = await listEndpoints({ db: db(), actor: carol });
    expect(disabled).toMatchObject({ id: endpoint.id, enabled: false });
    expect(disabled.disabledReason).toBe('No delivery succeeded for 5 days; the last attempt failed: HTTP 503.');
    const [event] = await adminRows<{ tenant_id: string; actor_kind: string; payload: unknown }>(
      t(),
      `SELECT tenant_id, actor_kind, payload FROM governance_events WHERE kind = 'governance.forwarding_disabled' AND subject = $1`,
      [endpoint.id],
    );
    expect(event).toEqual({ tenant_id: acme.id, actor_kind: 'governance', payload: { endpoint: endpoint.id, host: new URL(siem.url()).host } });
    // While disabled, new events are not queued for it.
    const missed = await append(carol, acme.id);
    expect((await deliveriesOf(endpoint.id)).map((d) => d.event_id)).not.toContain(missed.id);

    expect(await outcome(enableEndpoint({ db: db(), actor: dan }, endpoint.id))).toBe('403 forbidden');
    expect(await outcome(enableEndpoint({ db: db(), actor: erin }, endpoint.id))).toBe('404 not_found');
    down = false;
    expect(await enableEndpoint({ db: db(), actor: carol }, endpoint.id)).toMatchObject({ enabled: true, disabledReason: null });
    expect(await outcome(enableEndpoint({ db: db(), actor: carol }, endpoint.id))).toBe('409 already_enabled');
    const next = await append(carol, acme.id);
    await deliver(clock);
    expect(siem.deliveredIds()).toContain(next.id);
    const kinds = await adminRows<{ kind: string }>(t(), `SELECT kind FROM governance_events WHERE subject = $1 ORDER BY seq`, [endpoint.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['governance.forwarding_added', 'governance.forwarding_disabled', 'governance.forwarding_enabled']);
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('rotates a signing secret: shown once, the next messages signed with the new one only, recorded in the chain', async () => {
    const clock = manualClock(new Date());
    const siem = await receiver();
    const { endpoint, secret: old } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/rotated') }, ALLOW);
    expect(await outcome(rotateSecret({ db: db(), actor: dan }, endpoint.id))).toBe('403 forbidden');
    expect(await outcome(rotateSecret({ db: db(), actor: erin }, endpoint.id))).toBe('404 not_found');
    expect(await outcome(rotateSecret({ db: db(), actor: alice }, endpoint.id))).toBe('404 not_found');
    const rotated = await rotateSecret({ db: db(), actor: carol }, endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    expect(rotated.endpoint).not.toHaveProperty('secret');
    const event = await append(carol, acme.id);
    await deliver(clock);
    const message = siem.received.find((r) => r.headers['webhook-id'] === event.id)!;
    expect(new Webhook(rotated.secret).verify(message.body, message.headers)).toMatchObject({ type: 'privacy.data_exported' });
    expect(() => new Webhook(old).verify(message.body, message.headers)).toThrow();
    const [recorded] = await adminRows<{ payload: unknown }>(
      t(),
      `SELECT payload FROM governance_events WHERE kind = 'governance.forwarding_rotated' AND subject = $1`,
      [endpoint.id],
    );
    expect(recorded.payload).toEqual({ endpoint: endpoint.id, host: new URL(siem.url()).host });
    expect(JSON.stringify(await listEndpoints({ db: db(), actor: carol }))).not.toContain(rotated.secret.slice('whsec_'.length));
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('signs per Standard Webhooks with the secret, the event id as webhook-id and the exported event as payload', async () => {
    const clock = manualClock(new Date());
    const siem = await receiver();
    const { secret, endpoint } = await addEndpoint({ db: db(), actor: erin }, { url: siem.url('/globex') }, ALLOW);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const event = await append(erin, globex.id, 'governance.log_exported');
    await deliver(clock);
    const message = siem.received.find((r) => r.headers['webhook-id'] === event.id)!;
    expect(message).toBeDefined();
    expect(message.headers['content-type']).toBe('application/json');
    expect(Number(message.headers['webhook-timestamp'])).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(message.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);

    const verified = new Webhook(secret).verify(message.body, message.headers) as ForwardedMessage;
    expect(verified).toMatchObject({ type: 'governance.log_exported', data: { chain: `tenant:${globex.id}` } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(message.body, message.headers)).toThrow();
    expect(() => new Webhook(secret).verify(message.body.replace('log_exported', 'log_exporteD'), message.headers)).toThrow();
    expect(() => new Webhook(secret).verify(message.body, { ...message.headers, 'webhook-id': 'another' })).toThrow();

    // The event is the export's, byte for byte, and its hash checks from the body alone.
    const exported = (await exportText(t().db, tenantTarget(globex), clock, newSigningKey()))
      .trimEnd()
      .split('\n')
      .find((line) => line.includes(`"id":"${event.id}"`))!;
    const line = JSON.parse(exported) as { event: Record<string, unknown>; hash: string };
    expect(verified.data.event).toEqual(line.event);
    expect(verified.data.hash).toBe(line.hash);
    expect(verified.data.event.id).toBe(event.id);
    expect(verified.timestamp).toBe(line.event.time);
    const canonicalEvent = exported.slice('{"event":'.length, exported.indexOf(',"hash":'));
    expect(message.body).toContain(`"event":${canonicalEvent},`);
    const recomputed = createHash('sha256').update(Buffer.from(verified.data.prev_hash, 'hex')).update(canonicalEvent, 'utf8').digest('hex');
    expect(recomputed).toBe(verified.data.hash);
    await removeEndpoint({ db: db(), actor: erin }, endpoint.id);
  });

  it('queues deliveries in the same transaction as the append: no event without them, none without the event', async () => {
    const siem = await receiver();
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/atomic') }, ALLOW);
    const before = (await deliveriesOf(endpoint.id)).length;
    const failed = await withActor(db(), carol, async (tx) => {
      await appendEvent(tx, { tenantId: acme.id, kind: 'dpa.downloaded', subject: 'x' });
      throw new Error('the change failed');
    }).catch((e: Error) => e.message);
    expect(failed).toBe('the change failed');
    expect(await deliveriesOf(endpoint.id)).toHaveLength(before);
    const committed = await append(carol, acme.id, 'dpa.downloaded');
    expect((await deliveriesOf(endpoint.id)).map((d) => d.event_id)).toContain(committed.id);
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('lets two workers running side by side deliver each event once', async () => {
    const clock = manualClock(new Date());
    const siem = await receiver();
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/concurrent') }, ALLOW);
    const ids = [];
    for (let i = 0; i < 24; i++) ids.push((await append(carol, acme.id, 'privacy.data_exported')).id);
    const slow: typeof postWebhook = async (...args) => {
      await new Promise((r) => setTimeout(r, 20));
      return postWebhook(...args);
    };
    const worker = () => deliverDueForwarding(db(), clock, { policy: ALLOW, send: slow });
    let sent = 0;
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([worker(), worker()]);
      sent += a.delivered + b.delivered;
      if (a.delivered + b.delivered === 0) break;
    }
    expect(sent).toBe(25);
    const delivered = siem.deliveredIds();
    expect(delivered).toHaveLength(25);
    expect(new Set(delivered).size).toBe(25);
    expect(delivered).toEqual(expect.arrayContaining(ids));
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it("never sends tenant B's events, or the vendor's, to tenant A's endpoints", async () => {
    const clock = manualClock(new Date());
    const [forAcme, forGlobex, forVendor] = [await receiver(), await receiver(), await receiver()];
    const a = await addEndpoint({ db: db(), actor: carol }, { url: forAcme.url('/acme') }, ALLOW);
    const g = await addEndpoint({ db: db(), actor: erin }, { url: forGlobex.url('/globex') }, ALLOW);
    const v = await addEndpoint({ db: db(), actor: alice }, { url: forVendor.url('/vendor') }, ALLOW);
    await append(carol, acme.id);
    await append(erin, globex.id);
    await append(alice, null);
    await append({ ...bob, actingOnTenantId: globex.id }, globex.id);
    for (let i = 0; i < 5; i++) if ((await deliver(clock)).delivered === 0) break;
    const chains = (r: Receiver) => new Set(r.received.map((m) => (JSON.parse(m.body) as { data: { chain: string } }).data.chain));
    expect(chains(forAcme)).toEqual(new Set([`tenant:${acme.id}`]));
    expect(chains(forGlobex)).toEqual(new Set([`tenant:${globex.id}`]));
    expect(chains(forVendor)).toEqual(new Set(['vendor']));
    expect(forGlobex.received.length).toBe(3);
    // Each manager sees only their own chain's endpoints and deliveries.
    expect((await listEndpoints({ db: db(), actor: carol })).map((e) => e.id)).toEqual([a.endpoint.id]);
    expect((await listEndpoints({ db: db(), actor: alice })).map((e) => e.id)).toEqual([v.endpoint.id]);
    const globexDeliveries = await listDeliveries({ db: db(), actor: erin }, { limit: 50, offset: 0 });
    expect(globexDeliveries.deliveries.every((d) => d.endpointId === g.endpoint.id)).toBe(true);
    for (const [actor, id] of [
      [carol, a],
      [erin, g],
      [alice, v],
    ] as const)
      await removeEndpoint({ db: db(), actor }, id.endpoint.id);
  });

  it('refuses members, other tenants and staff other than trust admins, changing nothing', async () => {
    const siem = await receiver();
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/roles') }, ALLOW);
    const holder = await createStaff(t().admin, 'break_glass');
    const before = await counts();
    for (const actor of [dan, bob, { ...bob, actingOnTenantId: acme.id }, holder]) {
      expect(await outcome(listEndpoints({ db: db(), actor }))).toBe('403 forbidden');
      expect(await outcome(listDeliveries({ db: db(), actor }, { limit: 10, offset: 0 }))).toBe('403 forbidden');
      expect(await outcome(addEndpoint({ db: db(), actor }, { url: 'https://siem.example.com/x' }, ALLOW))).toBe('403 forbidden');
      expect(await outcome(removeEndpoint({ db: db(), actor }, endpoint.id))).toBe('403 forbidden');
      expect(await outcome(sendTestMessage({ db: db(), clock: manualClock(), actor }, endpoint.id, ALLOW))).toBe('403 forbidden');
    }
    // Another tenant's admin and a trust admin manage their own chains: acme's endpoint is not there.
    for (const actor of [erin, alice]) {
      expect(await outcome(removeEndpoint({ db: db(), actor }, endpoint.id))).toBe('404 not_found');
      expect(await outcome(sendTestMessage({ db: db(), clock: manualClock(), actor }, endpoint.id, ALLOW))).toBe('404 not_found');
      expect((await listEndpoints({ db: db(), actor })).map((e) => e.id)).not.toContain(endpoint.id);
    }
    expect(await counts()).toEqual(before);
    expect(siem.received).toHaveLength(0);
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('lets the database itself refuse what the application must not do', async () => {
    const siem = await receiver();
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/db') }, ALLOW);
    const run = (actor: CustomerActor | StaffActor, statement: string) =>
      withActor(db(), actor, (tx) => queryRows<Record<string, unknown>>(tx, sql.raw(statement))).then(
        (rows) => rows,
        (e: unknown) => `sqlstate ${pgErrorCode(e)}`,
      );
    // Nobody reads a secret back, not even the endpoint's manager.
    expect(await run(carol, `SELECT secret FROM forwarding_endpoints WHERE id = '${endpoint.id}'`)).toBe('sqlstate 42501');
    expect(await run(carol, `SELECT forwarding_signing_secret('${endpoint.id}') AS s`)).toEqual([{ s: null }]);
    // A member cannot add, a manager cannot queue or rewrite deliveries, nor move an endpoint to another chain.
    expect(
      await run(
        dan,
        `INSERT INTO forwarding_endpoints (tenant_id, url, secret, created_by) VALUES ('${acme.id}', 'https://x.example.com/', '${'whsec_' + 'A'.repeat(43)}=', '${dan.userId}')`,
      ),
    ).toBe('sqlstate 42501');
    expect(
      await run(carol, `UPDATE forwarding_deliveries SET state = 'delivered', delivered_at = now() WHERE endpoint_id = '${endpoint.id}' RETURNING id`),
    ).toEqual([]);
    expect(await run(carol, `UPDATE forwarding_endpoints SET tenant_id = '${globex.id}' WHERE id = '${endpoint.id}'`)).toBe('sqlstate 42501');
    expect(
      await run(
        carol,
        `INSERT INTO forwarding_deliveries (endpoint_id, tenant_id, event_id, next_attempt_at) SELECT endpoint_id, tenant_id, event_id, now() FROM forwarding_deliveries LIMIT 1`,
      ),
    ).toBe('sqlstate 42501');
    expect(await run(erin, `DELETE FROM forwarding_endpoints WHERE id = '${endpoint.id}' RETURNING id`)).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toEqual([expect.objectContaining({ state: 'pending' })]);
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const taken = await addEndpoint({ db: db(), actor: carol }, { url: 'https://siem.acme.example/taken' }, DENY);
    const before = await counts();
    const bad: [unknown, string][] = [
      [{}, '400 invalid_url'],
      [{ url: '' }, '400 invalid_url'],
      [{ url: 42 }, '400 invalid_url'],
      [{ url: 'not a url' }, '400 invalid_url'],
      [{ url: 'ftp://siem.example.com/' }, '400 invalid_url'],
      [{ url: 'http://siem.example.com/hooks' }, '400 invalid_url'],
      [{ url: 'https://user:password@siem.example.com/hooks' }, '400 invalid_url'],
      [{ url: 'https://127.0.0.1:8443/hooks' }, '400 invalid_url'],
      [{ url: 'https://2130706433/' }, '400 invalid_url'],
      [{ url: 'https://10.1.2.3/' }, '400 invalid_url'],
      [{ url: 'https://192.168.1.10/' }, '400 invalid_url'],
      [{ url: 'https://169.254.169.254/latest/meta-data' }, '400 invalid_url'],
      [{ url: 'https://[::1]/' }, '400 invalid_url'],
      [{ url: 'https://[::ffff:10.0.0.1]/' }, '400 invalid_url'],
      [{ url: 'https://[fd00:ec2::254]/' }, '400 invalid_url'],
      [{ url: 'https://localhost/' }, '400 invalid_url'],
      [{ url: 'https://siem.localhost/' }, '400 invalid_url'],
      [{ url: 'https://metadata.google.internal/' }, '400 invalid_url'],
      [{ url: 'https://intranet-siem/' }, '400 invalid_url'],
      [{ url: `https://siem.example.com/${'x'.repeat(2000)}` }, '400 invalid_url'],
      [{ url: 'https://siem.example.com/', description: 'd'.repeat(201) }, '400 invalid_description'],
      [{ url: 'https://siem.acme.example/taken' }, '409 endpoint_exists'],
    ];
    for (const [input, expected] of bad)
      expect(await outcome(addEndpoint({ db: db(), actor: carol }, input, DENY)), JSON.stringify(input).slice(0, 80)).toBe(expected);
    expect(await outcome(removeEndpoint({ db: db(), actor: carol }, 'not-a-uuid'))).toBe('404 not_found');
    expect(await outcome(removeEndpoint({ db: db(), actor: carol }, '00000000-0000-0000-0000-000000000001'))).toBe('404 not_found');
    expect(await counts()).toEqual(before);
    await removeEndpoint({ db: db(), actor: carol }, taken.endpoint.id);
  });

  it('refuses at delivery a target that is private, reserved or redirects, without following it', async () => {
    const clock = manualClock(new Date());
    const elsewhere = await receiver();
    const moving = await receiver(({ path }) => (path === '/moved' ? 302 : 200));
    const plain = await addEndpoint({ db: db(), actor: carol }, { url: elsewhere.url('/plain') }, ALLOW);
    const local = await addEndpoint({ db: db(), actor: carol }, { url: elsewhere.url('/local').replace('http:', 'https:') }, ALLOW);
    const redirecting = await addEndpoint({ db: db(), actor: carol }, { url: moving.url('/moved') }, ALLOW);
    const documentation = await addEndpoint({ db: db(), actor: carol }, { url: 'https://siem.acme.example/hooks' }, DENY);
    // The worker runs without the flag: the loopback endpoint registered while it was on is refused.
    await deliver(clock, DENY);
    expect(elsewhere.received).toHaveLength(0);
    expect((await deliveriesOf(plain.endpoint.id))[0]).toMatchObject({ state: 'pending', attempts: 1, last_status: null, last_error: 'the URL is not https' });
    expect((await deliveriesOf(local.endpoint.id))[0]).toMatchObject({ state: 'pending', attempts: 1, last_status: null });
    expect((await deliveriesOf(local.endpoint.id))[0].last_error).toMatch(/^the address 127\.0\.0\.1 is private or reserved$/);
    expect((await deliveriesOf(documentation.endpoint.id)).at(-1)?.last_error).toMatch(/reserved for documentation/);
    // With the flag the redirect is answered, and not followed.
    clock.advance(RETRY_DELAYS_MS[0] + SECOND);
    await deliver(clock, ALLOW);
    expect(moving.received.map((r) => r.path)).toEqual(expect.arrayContaining(['/moved']));
    expect(moving.received.some((r) => r.path === '/redirected')).toBe(false);
    expect((await deliveriesOf(redirecting.endpoint.id)).at(-1)).toMatchObject({ last_status: 302, last_error: 'HTTP 302: redirects are not followed' });
    for (const e of [plain, local, redirecting, documentation]) await removeEndpoint({ db: db(), actor: carol }, e.endpoint.id);
  });

  it('shows the secret once: never in lists, deliveries or the governance log', async () => {
    const clock = manualClock(new Date());
    const siem = await receiver();
    const { endpoint, secret } = await addEndpoint({ db: db(), actor: alice }, { url: `${siem.url('/vendor')}?token=abc`, description: 'Vendor SIEM' }, ALLOW);
    expect(endpoint).not.toHaveProperty('secret');
    await deliver(clock);
    const listed = JSON.stringify([
      await listEndpoints({ db: db(), actor: alice }),
      await listDeliveries({ db: db(), actor: alice }, { limit: 50, offset: 0 }),
    ]);
    expect(listed).toContain(endpoint.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(secret.slice('whsec_'.length));
    const [added] = await adminRows<{ payload: Record<string, unknown> }>(
      t(),
      `SELECT payload FROM governance_events WHERE kind = 'governance.forwarding_added' AND subject = $1`,
      [endpoint.id],
    );
    expect(added.payload).toEqual({ endpoint: endpoint.id, host: new URL(siem.url()).host });
    await removeEndpoint({ db: db(), actor: alice }, endpoint.id);
    const [removed] = await adminRows<{ tenant_id: string | null; payload: Record<string, unknown> }>(
      t(),
      `SELECT tenant_id, payload FROM governance_events WHERE kind = 'governance.forwarding_removed' AND subject = $1`,
      [endpoint.id],
    );
    expect(removed).toEqual({ tenant_id: null, payload: { endpoint: endpoint.id, host: new URL(siem.url()).host } });
    const all = await adminRows<{ text: string }>(t(), `SELECT string_agg(payload::text || subject || reason, ' ') AS text FROM governance_events`);
    expect(all[0].text).not.toContain(secret.slice('whsec_'.length));
    expect(all[0].text).not.toContain('token=abc');
  });

  it('removes an endpoint with its queued deliveries, recording the removal in the chain', async () => {
    const clock = manualClock(new Date());
    const siem = await receiver(() => 500);
    const { endpoint } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/removed') }, ALLOW);
    await append(carol, acme.id);
    await deliver(clock);
    expect(siem.received).toHaveLength(2);
    expect(await removeEndpoint({ db: db(), actor: carol }, endpoint.id)).toEqual({ id: endpoint.id });
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    clock.advance(MINUTE);
    await append(carol, acme.id);
    await deliver(clock);
    expect(siem.received).toHaveLength(2);
    expect(await outcome(removeEndpoint({ db: db(), actor: carol }, endpoint.id))).toBe('404 not_found');
  });

  it('sends a signed test message on request, outside the log', async () => {
    const siem = await receiver();
    const { endpoint, secret } = await addEndpoint({ db: db(), actor: carol }, { url: siem.url('/test') }, ALLOW);
    const eventsBefore = (await counts()).events;
    const result = await sendTestMessage({ db: db(), clock: manualClock(new Date()), actor: carol }, endpoint.id, ALLOW);
    expect(result).toEqual({ ok: true, status: 200, error: null });
    const [message] = siem.received;
    expect(message.headers['webhook-id']).toMatch(/^test_[0-9a-f-]{36}$/);
    expect(new Webhook(secret).verify(message.body, message.headers)).toMatchObject({
      type: 'governance.forwarding_test',
      data: { chain: `tenant:${acme.id}`, endpoint: endpoint.id },
    });
    expect((await counts()).events).toBe(eventsBefore);
    expect(await sendTestMessage({ db: db(), clock: manualClock(new Date()), actor: carol }, endpoint.id, DENY)).toMatchObject({ ok: false, status: null });
    await removeEndpoint({ db: db(), actor: carol }, endpoint.id);
  });
});

describe('sending a webhook', () => {
  it('connects to the address it resolved and checked, and refuses a name that resolves privately', async () => {
    const local = await startReceiver();
    try {
      const byName = local.url('/named').replace('127.0.0.1', 'localhost');
      expect(await postWebhook(byName, { 'webhook-id': 'named' }, '{}', ALLOW)).toEqual({ ok: true, status: 200, error: null });
      expect(local.received.map((r) => [r.path, r.headers.host])).toEqual([['/named', new URL(byName).host]]);
      expect(await postWebhook(byName, { 'webhook-id': 'named' }, '{}', DENY)).toEqual({ ok: false, status: null, error: 'the URL is not https' });
      expect(await postWebhook(byName.replace('http:', 'https:'), {}, '{}', DENY)).toEqual({ ok: false, status: null, error: 'the host is a local name' });
      expect(await postWebhook('https://[::ffff:127.0.0.1]/', {}, '{}', DENY)).toMatchObject({
        ok: false,
        error: 'the address ::ffff:7f00:1 is private or reserved',
      });
      expect(local.received).toHaveLength(1);
    } finally {
      await local.close();
    }
  });

  it('gives up on a receiver that does not answer within 10 seconds', { timeout: 20_000 }, async () => {
    const silent = await startReceiver(() => 'hang');
    try {
      const started = Date.now();
      const result = await postWebhook(silent.url(), { 'webhook-id': 'x' }, '{}', ALLOW);
      expect(result).toEqual({ ok: false, status: null, error: 'no answer within 10 s' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
      expect(Date.now() - started).toBeLessThan(12_000);
    } finally {
      await silent.close();
    }
  });
});
