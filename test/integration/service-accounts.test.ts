import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, jwtVerify } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { endBreakGlass, invokeBreakGlass } from '@/lib/break-glass/sessions';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { authenticateService } from '@/lib/integration/authenticate';
import { decideAccess, decisionInput } from '@/lib/integration/decision';
import { GRANT_TOKEN_TYPE, grantTokenKeys, issueGrantToken, tokenInput, tokenIssuer } from '@/lib/integration/grant-tokens';
import { createServiceAccount, listServiceAccounts, revokeServiceAccount, rotateServiceAccount } from '@/lib/integration/service-accounts';
import { setTenantKey } from '@/lib/integration/tenant-key';
import { approveRequest, revokeGrant } from '@/lib/lockbox/decisions';
import { fileRequest } from '@/lib/lockbox/requests';
import { closeEnded } from '@/lib/lockbox/expire';
import { feedQuery, grantChanges } from '@/lib/integration/grant-feed';
import { reportAccess, reportInput } from '@/lib/integration/access-reports';
import { type TestDatabase, describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import {
  HOUR,
  type LockboxWorld,
  MINUTE,
  adminRows,
  asAppRole,
  asCustomer,
  asStaff,
  clockNow,
  createLockboxWorld,
  designateHolders,
  eventKinds,
  mailKinds,
  notificationKinds,
  outcome,
  requestBody,
  tryInSql,
} from '../helpers/lockbox';

const bearer = (secret: string, address = `10.0.0.${Math.floor(Math.random() * 250) + 1}`) =>
  new NextRequest('http://localhost/api/v1/lockbox/decisions', { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': address } });

/** A trust admin, and a break-glass holder in a slot: once per database. */
async function integrationStaff(t: TestDatabase) {
  const [alice, grace] = await Promise.all([createStaff(t.admin, 'trust_admin'), createStaff(t.admin, 'break_glass')]);
  await designateHolders(t, grace);
  return { alice, grace };
}

describeEachDatabase('service accounts and the access decision', (t) => {
  let alice: StaffActor;
  let grace: StaffActor;
  let w: LockboxWorld;
  let clock: ReturnType<typeof clockNow>;

  beforeAll(async () => {
    ({ alice, grace } = await integrationStaff(t()));
  });

  beforeEach(async () => {
    w = await createLockboxWorld(t().admin);
    clock = clockNow();
  });

  const ctx = <A>(actor: A) => ({ db: t().db, clock, actor });
  const create = (scopes: string[] = ['lockbox:check']) => createServiceAccount(ctx(alice), { name: `Billing ${Math.random()}`, scopes });

  it('shows a new secret once, keeps only its hash, and records creation, rotation and revocation in the vendor chain', async () => {
    const { account, secret } = await create(['lockbox:check', 'grants:read']);
    expect(secret).toMatch(/^tcs_[A-Za-z0-9_-]{43}$/);
    expect(account).toMatchObject({ scopes: ['grants:read', 'lockbox:check'], revokedAt: null, lastUsedAt: null, createdByName: expect.any(String) });
    expect(JSON.stringify(account)).not.toContain(secret.slice(4));
    const [stored] = await adminRows<{ secret_hash: string }>(t(), 'select secret_hash from service_accounts where id = $1', [account.id]);
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    const signedIn = await authenticateService(t().db, bearer(secret), 'lockbox:check');
    expect(signedIn).toMatchObject({ kind: 'service', serviceAccountId: account.id });
    expect((await listServiceAccounts(ctx(alice))).find((a) => a.id === account.id)?.lastUsedAt).toBeInstanceOf(Date);

    const rotated = await rotateServiceAccount(ctx(alice), account.id);
    expect(await outcome(authenticateService(t().db, bearer(secret), 'lockbox:check'))).toBe('401 unauthenticated');
    expect(await outcome(authenticateService(t().db, bearer(rotated.secret), 'lockbox:check'))).toBe('ok');

    await revokeServiceAccount(ctx(alice), account.id);
    expect(await outcome(authenticateService(t().db, bearer(rotated.secret), 'lockbox:check'))).toBe('401 unauthenticated');
    expect(await outcome(rotateServiceAccount(ctx(alice), account.id))).toBe('404 not_found');
    expect(await eventKinds(t(), { subject: account.id })).toEqual([
      'integration.service_account_created',
      'integration.service_account_rotated',
      'integration.service_account_revoked',
    ]);
  });

  it('refuses everyone but trust admins, in the app and in the database', async () => {
    const { account } = await create();
    for (const who of [w.bob, w.carol, grace]) {
      expect(await outcome(listServiceAccounts(ctx(who)))).toBe('403 forbidden');
      expect(await outcome(createServiceAccount(ctx(who), { name: 'x', scopes: ['lockbox:check'] }))).toBe('403 forbidden');
      expect(await outcome(revokeServiceAccount(ctx(who), account.id))).toBe('403 forbidden');
    }
    // A support engineer writing SQL as the app's role sees no account and changes none.
    expect(await asAppRole(t(), asStaff(w.bob, w.acme), (q) => q.query('select id from service_accounts'))).toEqual([]);
    expect(await tryInSql(t(), asStaff(w.bob, w.acme), `update service_accounts set revoked_at = now() where id = '${account.id}'`)).toEqual({ rows: 0 });
    expect(await tryInSql(t(), asStaff(w.bob, w.acme), `select * from service_account_for_secret('${'0'.repeat(64)}')`)).toEqual({ rows: 0 });
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = (await listServiceAccounts(ctx(alice))).length;
    expect(await outcome(createServiceAccount(ctx(alice), { name: '', scopes: ['lockbox:check'] }))).toBe('400 invalid_name');
    expect(await outcome(createServiceAccount(ctx(alice), { name: 'x', scopes: [] }))).toBe('400 invalid_scopes');
    expect(await outcome(createServiceAccount(ctx(alice), { name: 'x', scopes: ['admin:all'] }))).toBe('400 invalid_scopes');
    const { account } = await create();
    expect(await outcome(createServiceAccount(ctx(alice), { name: account.name.toUpperCase(), scopes: ['grants:read'] }))).toBe('409 name_taken');
    expect((await listServiceAccounts(ctx(alice))).length).toBe(before + 1);
  });

  it('answers 401 for malformed secrets and 403 without the scope', async () => {
    const { secret } = await create(['grants:read']);
    expect(await outcome(authenticateService(t().db, bearer('nonsense'), 'lockbox:check'))).toBe('401 unauthenticated');
    expect(await outcome(authenticateService(t().db, bearer(`tcs_${'A'.repeat(43)}`), 'lockbox:check'))).toBe('401 unauthenticated');
    expect(await outcome(authenticateService(t().db, bearer(secret), 'lockbox:check'))).toBe('403 missing_scope');
    expect(await outcome(authenticateService(t().db, bearer(secret), 'grants:read'))).toBe('ok');
  });

  it('slows a client address down after 20 bad secrets in a minute', async () => {
    // Its own address: the limit is kept in the process, across the databases tested.
    const address = `192.0.2.${t().backend === 'postgres' ? 78 : 77}`;
    for (let i = 0; i < 20; i++) expect(await outcome(authenticateService(t().db, bearer('bad', address), 'lockbox:check'))).toBe('401 unauthenticated');
    expect(await outcome(authenticateService(t().db, bearer('bad', address), 'lockbox:check'))).toBe('429 rate_limited');
  });
});

describeEachDatabase('the access decision', (t) => {
  let alice: StaffActor;
  let grace: StaffActor;
  let w: LockboxWorld;
  let clock: ReturnType<typeof clockNow>;
  let service: Awaited<ReturnType<typeof authenticateService>>;

  beforeAll(async () => {
    ({ alice, grace } = await integrationStaff(t()));
  });

  beforeEach(async () => {
    w = await createLockboxWorld(t().admin);
    clock = clockNow();
    await setTenantKey({ db: t().db, actor: alice }, w.acme.slug, { externalKey: `cust-${w.acme.id}` });
    await setTenantKey({ db: t().db, actor: alice }, w.globex.slug, { externalKey: `cust-${w.globex.id}` });
    const { secret } = await createServiceAccount({ db: t().db, actor: alice }, { name: `Product ${Math.random()}`, scopes: ['lockbox:check'] });
    service = await authenticateService(t().db, bearer(secret), 'lockbox:check');
  });

  const ask = (tenant: { id: string }, staff: { email?: string; directoryUserId?: string }, access: 'read' | 'read_write' = 'read') =>
    decideAccess({ db: t().db, clock, actor: service }, decisionInput.parse({ tenant: `cust-${tenant.id}`, staff, access }), new EventCoalescer());
  const grant = async (access: 'read' | 'read_write' = 'read') => {
    const request = await fileRequest({ db: t().db, clock, actor: w.bob }, requestBody(w.acme, { access }));
    await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, { comment: 'ok' });
    return request.id;
  };

  it('answers no before approval, yes while the grant runs, no after revocation and after its end; never for another tenant', async () => {
    expect(await ask(w.acme, { email: w.bob.email })).toMatchObject({ allowed: false, reason: 'no_grant', grant: null });
    const id = await grant('read');
    const yes = await ask(w.acme, { email: w.bob.email.toUpperCase() });
    expect(yes).toMatchObject({ allowed: true, reason: 'granted', grant: { id, kind: 'lockbox', access: 'read' } });
    expect(new Date(yes.grant!.endsAt).getTime() - new Date(yes.grant!.startsAt).getTime()).toBe(HOUR);
    expect(await ask(w.acme, { email: w.bob.email }, 'read_write')).toMatchObject({ allowed: false, reason: 'insufficient_access', grant: { id } });
    expect(await ask(w.globex, { email: w.bob.email })).toMatchObject({ allowed: false, reason: 'no_grant' });

    clock.advance(HOUR + MINUTE);
    expect(await ask(w.acme, { email: w.bob.email })).toMatchObject({ allowed: false, reason: 'no_grant' });

    clock = clockNow();
    const second = await grant('read_write');
    expect(await ask(w.acme, { email: w.bob.email }, 'read_write')).toMatchObject({ allowed: true, grant: { id: second, access: 'read_write' } });
    await revokeGrant({ db: t().db, clock, actor: w.carol }, second, { comment: 'done' });
    expect(await ask(w.acme, { email: w.bob.email }, 'read_write')).toMatchObject({ allowed: false });
  });

  it('answers for a break-glass holder’s open session, by directory user id too', async () => {
    const session = await invokeBreakGlass(
      { db: t().db, clock, actor: grace },
      { tenant: w.acme.slug, justification: 'Outage affecting all exports since 09:00', incident: 'INC-7' },
    );
    await adminRows(t(), `update users set directory_user_id = 'directory_user_grace_${session.id}' where id = $1`, [grace.userId]);
    expect(await ask(w.acme, { directoryUserId: `directory_user_grace_${session.id}` }, 'read_write')).toMatchObject({
      allowed: true,
      grant: { id: session.id, kind: 'break_glass', access: 'read_write' },
    });
  });

  it('says unknown_staff for a person who is not active staff, and 404 for an unknown tenant key', async () => {
    expect(await ask(w.acme, { email: w.carol.email })).toMatchObject({ allowed: false, reason: 'unknown_staff' });
    expect(await ask(w.acme, { email: 'nobody@vendor.example' })).toMatchObject({ allowed: false, reason: 'unknown_staff' });
    expect(
      await outcome(decideAccess({ db: t().db, clock, actor: service }, decisionInput.parse({ tenant: 'no-such-key', staff: { email: w.bob.email } }))),
    ).toBe('404 unknown_tenant');
  });

  it('records each answer in the tenant’s chain, once a minute for the same answer', async () => {
    await grant();
    const coalescer = new EventCoalescer();
    const input = decisionInput.parse({ tenant: `cust-${w.acme.id}`, staff: { email: w.bob.email } });
    for (let i = 0; i < 3; i++) await decideAccess({ db: t().db, clock, actor: service }, input, coalescer);
    const events = await adminRows<{ kind: string; payload: { allowed: boolean; reason: string } }>(
      t(),
      `select kind, payload from governance_events where tenant_id = $1 and kind = 'integration.access_checked'`,
      [w.acme.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ allowed: true, reason: 'granted' });
  });

  it('refuses a revoked account at the database, whatever the app holds', async () => {
    await revokeServiceAccount({ db: t().db, clock, actor: alice }, service.serviceAccountId);
    expect(await ask(w.acme, { email: w.bob.email }).catch((e: { code?: string }) => e.code)).toBe('unknown_tenant');
  });

  it('refuses bad decision input', () => {
    for (const bad of [
      {},
      { tenant: 'x' },
      { tenant: 'x', staff: {} },
      { tenant: 'x', staff: { email: 'a@b.c', directoryUserId: 'd' } },
      { tenant: 'x', staff: { email: 'no' } },
      { tenant: 'x', staff: { email: 'a@b.co' }, access: 'admin' },
    ]) {
      expect(decisionInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  describe('grant tokens', () => {
    const issue = (audience = 'billing-api', access: 'read' | 'read_write' = 'read') =>
      issueGrantToken(
        { db: t().db, clock, actor: service },
        tokenInput.parse({ tenant: `cust-${w.acme.id}`, staff: { email: w.bob.email }, access, audience }),
      );
    const verify = (token: string, options: { audience?: string; at?: Date; keys?: ReturnType<typeof grantTokenKeys> } = {}) =>
      jwtVerify(token, createLocalJWKSet(options.keys ?? grantTokenKeys()), {
        issuer: tokenIssuer(),
        audience: options.audience ?? 'billing-api',
        typ: GRANT_TOKEN_TYPE,
        currentDate: options.at ?? clock.now(),
      });

    it('signs a token the product verifies offline, for at most 60 s, naming the grant, the staff member and the tenant', async () => {
      expect(await outcome(issue())).toBe('403 no_access');
      const id = await grant('read');
      const { token, expiresAt, grant: g } = await issue();
      expect(g.id).toBe(id);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: grantTokenKeys().keys[0].kid });
      const { payload } = await verify(token);
      expect(payload).toMatchObject({
        sub: w.bob.userId,
        email: w.bob.email.toLowerCase(),
        tenant: `cust-${w.acme.id}`,
        access: 'read',
        grant: id,
        grant_kind: 'lockbox',
      });
      expect(payload.exp! - payload.iat!).toBe(60);
      expect(new Date(expiresAt).getTime()).toBe(payload.exp! * 1000);

      expect(await outcome(verify(token, { audience: 'another-api' }))).toMatch(/claim/);
      expect(await outcome(verify(token, { at: new Date(payload.exp! * 1000 + 1000) }))).toMatch(/exp/);
      const stranger = { keys: [{ ...(await exportJWK(generateKeyPairSync('ed25519').publicKey)), kid: grantTokenKeys().keys[0].kid, alg: 'EdDSA' }] };
      expect(await outcome(verify(token, { keys: stranger as never }))).toMatch(/signature/);
      expect(await outcome(issue('billing-api', 'read_write'))).toBe('403 no_access');
    });

    it('never lets a token outlive its grant, and issues none once the grant is revoked', async () => {
      const id = await grant('read');
      clock.advance(HOUR - 20_000);
      const { token } = await issue();
      const { payload } = await verify(token);
      const [row] = await adminRows<{ grant_ends_at: Date }>(t(), 'select grant_ends_at from lockbox_requests where id = $1', [id]);
      expect(payload.exp! * 1000).toBe(Math.floor(new Date(row.grant_ends_at).getTime() / 1000) * 1000);
      // Cut short by the grant's end: less than the full lifetime.
      expect(payload.exp! - payload.iat!).toBeLessThan(60);
      await revokeGrant({ db: t().db, clock, actor: w.carol }, id, { comment: 'done' });
      expect(await outcome(issue())).toBe('403 no_access');
    });

    it('refuses a bad audience', () => {
      for (const audience of ['', ' ', 'a b', 'x'.repeat(201)]) {
        expect(tokenInput.safeParse({ tenant: 'k', staff: { email: 'a@b.co' }, audience }).success, audience).toBe(false);
      }
    });
  });

  describe('the grant feed', () => {
    let reader: Awaited<ReturnType<typeof authenticateService>>;
    let start: string;

    beforeEach(async () => {
      const { secret } = await createServiceAccount({ db: t().db, actor: alice }, { name: `Feed ${Math.random()}`, scopes: ['grants:read'] });
      reader = await authenticateService(t().db, bearer(secret), 'grants:read');
      const [head] = await adminRows<{ seq: string }>(t(), 'select seq::text from grant_feed_head');
      start = head.seq;
    });

    const changes = async (after = start, extra: Record<string, string> = {}) =>
      grantChanges({ db: t().db, clock, actor: reader }, feedQuery.parse({ after, ...extra }));
    const mine = (list: Awaited<ReturnType<typeof changes>>['changes'], ids: string[]) =>
      list.filter((c) => ids.includes(c.grant.id)).map((c) => `${c.change} ${c.grant.kind}`);

    it('carries every grant change in order: approved, revoked, expired, break-glass opened and ended', async () => {
      const revoked = await grant('read');
      await revokeGrant({ db: t().db, clock, actor: w.carol }, revoked, { comment: 'done' });
      const expired = await grant('read_write');
      const session = await invokeBreakGlass(
        { db: t().db, clock, actor: grace },
        { tenant: w.acme.slug, justification: 'Outage affecting all exports since 09:00', incident: 'INC-8' },
      );
      await endBreakGlass({ db: t().db, clock, actor: grace }, session.id);
      // A request that expires unanswered is no grant: it is not in the feed.
      await fileRequest({ db: t().db, clock, actor: w.bob }, requestBody(w.acme));
      clock.advance(13 * HOUR);
      await closeEnded(t().db, clock);

      const { changes: list, cursor } = await changes();
      expect(mine(list, [revoked, expired, session.id])).toEqual([
        'approved lockbox',
        'revoked lockbox',
        'approved lockbox',
        'opened break_glass',
        'ended break_glass',
        'expired lockbox',
      ]);
      const first = list.find((c) => c.grant.id === revoked)!;
      expect(first).toMatchObject({ tenant: `cust-${w.acme.id}`, staff: { id: w.bob.userId, email: w.bob.email }, grant: { access: 'read' } });
      const cursors = list.map((c) => BigInt(c.cursor));
      expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : 1)));
      expect(cursor).toBe(list.at(-1)!.cursor);
      const revokedAt = list.find((c) => c.grant.id === revoked && c.change === 'revoked')!;
      expect(new Date(revokedAt.grant.endsAt).getTime()).toBeLessThan(new Date(first.grant.endsAt).getTime());
    });

    it('resumes exactly after a cursor, a page at a time', async () => {
      const ids = [await grant('read'), await grant('read'), await grant('read')];
      const page1 = await changes(start, { limit: '2' });
      expect(page1.changes).toHaveLength(2);
      const page2 = await changes(page1.cursor, { limit: '1000' });
      expect(mine([...page1.changes, ...page2.changes], ids)).toEqual(['approved lockbox', 'approved lockbox', 'approved lockbox']);
      expect(new Set([...page1.changes, ...page2.changes].map((c) => c.cursor)).size).toBe(page1.changes.length + page2.changes.length);
      expect((await changes(page2.cursor)).changes).toEqual([]);
    });

    it('waits for the next change when asked to, and answers as soon as it commits', async () => {
      const { cursor } = await changes();
      const started = Date.now();
      const waiting = changes(cursor, { wait: '10' });
      setTimeout(() => void grant('read'), 400);
      const { changes: list } = await waiting;
      expect(list.map((c) => c.change)).toEqual(['approved']);
      expect(Date.now() - started).toBeLessThan(3000);
      const empty = Date.now();
      expect((await changes(list[0].cursor, { wait: '0.5' })).changes).toEqual([]);
      expect(Date.now() - empty).toBeGreaterThanOrEqual(400);
    });

    it('shows nothing to an account without grants:read, nor to the application role', async () => {
      await grant('read');
      expect((await grantChanges({ db: t().db, clock, actor: service }, feedQuery.parse({ after: start }))).changes).toEqual([]);
      expect(await tryInSql(t(), asStaff(w.bob, w.acme), 'select * from grant_changes')).toEqual({ rows: 0 });
      expect(await tryInSql(t(), asCustomer(w.erin), `select * from grant_changes where tenant_id = '${w.acme.id}'`)).toEqual({ rows: 0 });
      expect(await tryInSql(t(), asCustomer(w.carol), `delete from grant_changes`)).toMatchObject({ code: '42501' });
      expect(await tryInSql(t(), asStaff(w.bob, w.acme), `select * from service_grant_changes(0, 10)`)).toEqual({ rows: 0 });
      expect(
        await tryInSql(t(), asStaff(w.bob, w.acme), `select record_grant_change(null, 'lockbox', null, 'approved', null, 'read', now(), now())`),
      ).toMatchObject({ code: '42501' });
    });

    it('refuses a bad cursor, limit or wait', () => {
      for (const bad of [{ after: '-1' }, { after: 'abc' }, { after: '01' }, { limit: '0' }, { limit: '1001' }, { wait: '31' }, { wait: 'soon' }]) {
        expect(feedQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      }
    });
  });

  describe('access reports', () => {
    let reporter: Awaited<ReturnType<typeof authenticateService>>;

    beforeEach(async () => {
      const { secret } = await createServiceAccount({ db: t().db, actor: alice }, { name: `Agent ${Math.random()}`, scopes: ['access:report'] });
      reporter = await authenticateService(t().db, bearer(secret), 'access:report');
    });

    const report = (extra: Record<string, unknown> = {}) =>
      reportAccess(
        { db: t().db, clock, actor: reporter },
        reportInput.parse({
          reportId: `r-${Math.random().toString(36).slice(2)}`,
          tenant: `cust-${w.acme.id}`,
          staff: { email: w.bob.email },
          action: 'read',
          resource: 'invoices',
          records: ['inv-1', 'inv-2'],
          // The database stamps grants with its own time, a moment after the test's clock began.
          occurredAt: new Date().toISOString(),
          ...extra,
        }),
      );
    const reports = (tenantId: string) =>
      adminRows<{ report_id: string; covered: boolean; grant_id: string | null }>(
        t(),
        'select report_id, covered, grant_id from access_reports where tenant_id = $1 order by reported_at',
        [tenantId],
      );

    it('records an access under a grant in the tenant’s log, with the grant the database found', async () => {
      const id = await grant('read');
      const made = await report();
      expect(made).toMatchObject({ covered: true, grant: { id, kind: 'lockbox' }, duplicate: false });
      const [event] = await adminRows<{ subject: string; payload: Record<string, unknown> }>(
        t(),
        `select subject, payload from governance_events where tenant_id = $1 and kind = 'integration.access_reported'`,
        [w.acme.id],
      );
      expect(event).toMatchObject({ subject: id, payload: { covered: true, grant: id, action: 'read', resource: 'invoices', records: ['inv-1', 'inv-2'] } });
      expect(await notificationKinds(t(), w.carol.userId)).not.toContain('access_without_grant');
      // carol sees it; erin does not.
      expect(await tryInSql(t(), asCustomer(w.carol), 'select * from access_reports')).toEqual({ rows: 1 });
      expect(await tryInSql(t(), asCustomer(w.erin), 'select * from access_reports')).toEqual({ rows: 0 });
    });

    it('keeps a report sent twice once', async () => {
      await grant('read');
      const first = await report({ reportId: 'same-id' });
      const again = await report({ reportId: 'same-id' });
      expect(again).toMatchObject({ id: first.id, duplicate: true });
      expect(await reports(w.acme.id)).toHaveLength(1);
      expect(await eventKinds(t(), { tenantId: w.acme.id, kind: 'integration.access_reported' })).toHaveLength(1);
      expect(await outcome(report({ reportId: 'same-id', tenant: `cust-${w.globex.id}` }))).toBe('409 report_conflict');
    });

    it('records an access no grant covered, and tells the tenant’s admins at once', async () => {
      const id = await grant('read');
      expect(await report({ action: 'write' })).toMatchObject({ covered: false, grant: null });
      // Before the grant began, and after it was revoked.
      expect(await report({ occurredAt: new Date(clock.now().getTime() - HOUR).toISOString() })).toMatchObject({ covered: false });
      await revokeGrant({ db: t().db, clock, actor: w.carol }, id, { comment: 'done' });
      expect(await report()).toMatchObject({ covered: false });
      expect(await report({ staff: { email: 'stranger@vendor.example' } })).toMatchObject({ covered: false });
      expect((await notificationKinds(t(), w.carol.userId)).filter((k) => k === 'access_without_grant')).toHaveLength(4);
      expect((await mailKinds(t(), w.carol.email)).filter((k) => k === 'access_without_grant')).toHaveLength(4);
      expect(await notificationKinds(t(), w.erin.userId)).not.toContain('access_without_grant');
    });

    it('refuses an unknown tenant, a time outside the window, bad input, and accounts without access:report', async () => {
      expect(await outcome(report({ tenant: 'no-such-key' }))).toBe('404 unknown_tenant');
      expect(await outcome(report({ occurredAt: new Date(clock.now().getTime() + HOUR).toISOString() }))).toBe('400 invalid_occurredAt');
      expect(await outcome(report({ occurredAt: new Date(clock.now().getTime() - 31 * 24 * HOUR).toISOString() }))).toBe('400 invalid_occurredAt');
      for (const bad of [
        { reportId: 'a b' },
        { action: 'delete' },
        { resource: '' },
        { records: Array.from({ length: 101 }, (_, i) => `r${i}`) },
        { occurredAt: 'yesterday' },
        { extra: 1 },
      ]) {
        expect(
          reportInput.safeParse({
            reportId: 'x',
            tenant: 'k',
            staff: { email: 'a@b.co' },
            action: 'read',
            resource: 'r',
            occurredAt: new Date().toISOString(),
            ...bad,
          }).success,
          JSON.stringify(bad),
        ).toBe(false);
      }
      // A service account without access:report writes nothing, even in SQL.
      expect(
        await outcome(
          reportAccess(
            { db: t().db, clock, actor: service },
            reportInput.parse({
              reportId: 'x',
              tenant: `cust-${w.acme.id}`,
              staff: { email: w.bob.email },
              action: 'read',
              resource: 'r',
              occurredAt: clock.now().toISOString(),
            }),
          ),
        ),
      ).toMatch(/sqlstate 42501/);
    });
  });
});
