import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NextRequest, NextResponse } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRequest as approveAccess, denyRequest as denyAccess } from '@/lib/access/decide';
import { addDomainRule, removeDomainRule } from '@/lib/access/domain-rules';
import { recordExpiredGrants } from '@/lib/access/expire';
import { redeemToken, revokeGrant } from '@/lib/access/grants';
import { publishNda } from '@/lib/access/nda';
import { submitAccessRequest } from '@/lib/access/submit';
import type { Actor, CustomerActor, StaffActor } from '@/lib/core/actor';
import { demoSignIn } from '@/lib/auth/demo';
import { createSession, revokeSession } from '@/lib/auth/sessions';
import { ACCOUNT_FAILURE_LIMIT, SIGN_IN_FAILURES } from '@/lib/auth/sign-in-events';
import { manualClock } from '@/lib/core/clock';
import { withActor } from '@/lib/db/with-actor';
import { downloadDocument } from '@/lib/documents/download';
import { createDocument, setArchived } from '@/lib/documents/edit';
import { readVersionFile, uploadVersion } from '@/lib/documents/versions';
import { renderExecutedDpa } from '@/lib/dpa/document';
import { executeDpa } from '@/lib/dpa/executions';
import { publishDpaDraft, saveDpaDraft } from '@/lib/dpa/versions';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { EVENT_KINDS, KIND_PATTERN } from '@/lib/governance/kinds';
import { noteActor } from '@/lib/governance/refusal-scope';
import { recordRefusal, REFUSALS } from '@/lib/governance/refusals';
import { answer, answerError } from '@/lib/http/answer';
import { pathPattern } from '@/lib/http/path-pattern';
import { type RefusalLog, routeWith } from '@/lib/http/route';
import {
  addMembership,
  deleteGroup,
  deprovisionDirectory,
  removeMembership,
  upsertGroup,
  upsertUser,
  type DirectoryScope,
} from '@/lib/identity/directory-sync';
import { finishSso, startSso, type SsoDeps } from '@/lib/identity/sso';
import { addMapping, removeMapping, setJitProvisioning } from '@/lib/identity/mappings';
import { invokeBreakGlass } from '@/lib/break-glass/sessions';
import { fileRequest } from '@/lib/lockbox/requests';
import { approveRequest as approveLockbox } from '@/lib/lockbox/decisions';
import { updateTenantRecord } from '@/lib/lockbox/tenant-data';
import { createCertification, updateCertification } from '@/lib/portal/certifications';
import { createSecurityBlock, deleteSecurityBlock, moveSecurityBlock } from '@/lib/portal/security-blocks';
import { updateSettings } from '@/lib/portal/settings';
import { createUpdate, deleteUpdate } from '@/lib/portal/updates';
import { exportAnswers, exportQuestionnairePdf } from '@/lib/questionnaires/export';
import { getQuestionnaire } from '@/lib/questionnaires/read';
import { updateAnswers } from '@/lib/questionnaires/update';
import { DEMO_DPA } from '@/lib/seed/portal/dpa';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { cancelChange } from '@/lib/subprocessors/cancel';
import { changeInput } from '@/lib/subprocessors/fields';
import { scheduleChange } from '@/lib/subprocessors/schedule';
import { describeEachDatabase } from '../helpers/databases';
import { checkedSample, documentFields } from '../helpers/documents';
import { createCustomer, createRecord, createStaff, createTenant } from '../helpers/factories';
import { exportText, newSigningKey, tenantTarget, verifyText } from '../helpers/governance';
import { clockNow, designateHolders, outcome } from '../helpers/lockbox';
import { installQuestionnaires, PUBLIC_SET } from '../helpers/questionnaires';
import { ADD, TEST_LINK_KEYS } from '../helpers/subprocessors';

const unique = () => randomBytes(4).toString('hex');
const DAY = 86_400_000;

describe('the catalog of event kinds', () => {
  it('names every kind as lower-case words joined by dots, and documents each one with its chain', () => {
    const doc = fs.readFileSync(path.join(process.cwd(), 'docs/governance-events.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([a-z_.]+)` \| ([a-z ]+) \|/gm)].map((m) => [m[1], m[2].trim()] as const));
    const chains = { tenant: 'tenant', vendor: 'vendor', either: 'tenant or vendor' } as const;
    for (const [kind, { chain, description }] of Object.entries(EVENT_KINDS)) {
      expect(kind, kind).toMatch(KIND_PATTERN);
      expect(kind).toMatch(/^[a-z_.]{1,100}$/);
      expect(description.length, kind).toBeGreaterThan(10);
      expect(rows.get(kind), `docs/governance-events.md documents ${kind}`).toBe(chains[chain]);
    }
    expect([...rows.keys()].sort()).toEqual(Object.keys(EVENT_KINDS).sort());
  });

  it('documents the kinds of actor of each kind as the catalog gives them to the database', () => {
    const doc = fs.readFileSync(path.join(process.cwd(), 'docs/governance-events.md'), 'utf8');
    const actorsOf = new Map(
      [...doc.matchAll(/^\| `([a-z_.]+)` \| [a-z ]+ \| ([^|]+) \|/gm)].map((m) => [m[1], [...m[2].matchAll(/`([a-z_]+)`/g)].map((a) => a[1])] as const),
    );
    for (const [kind, { actors }] of Object.entries(EVENT_KINDS)) expect(actorsOf.get(kind), kind).toEqual([...actors]);
  });

  it('keeps the existing lockbox and break-glass kinds as they were', () => {
    for (const kind of ['lockbox.requested', 'lockbox.approved', 'support.break_glass_invoked', 'support.break_glass_data_read', 'governance.log_exported']) {
      expect(EVENT_KINDS).toHaveProperty([kind]);
    }
  });
});

describe('route patterns', () => {
  it('replaces each dynamic segment with its name, whatever it holds', () => {
    expect(pathPattern('/api/lockbox/requests/2b1f/approve', { id: '2b1f' })).toBe('/api/lockbox/requests/[id]/approve');
    expect(pathPattern('/access/abc%2Fdef', { token: 'abc/def' })).toBe('/access/[token]');
    expect(pathPattern('/api/admin/documents/versions/versions/3', { id: 'versions', version: '3' })).toBe('/api/admin/documents/versions/[id]/[version]');
    expect(pathPattern('/api/tenants/acme/records/r1', { slug: 'acme', id: 'r1' })).toBe('/api/tenants/[slug]/records/[id]');
    expect(pathPattern('/api/auth/demo', {})).toBe('/api/auth/demo');
  });
});

describe('the flood guard', () => {
  it('lets one event per key and window through and counts the ones held back', () => {
    const guard = new EventCoalescer(60_000, 2);
    expect(guard.admit('a', 0)).toEqual({ write: true, suppressed: 0 });
    expect(guard.admit('a', 1_000)).toEqual({ write: false });
    expect(guard.admit('a', 59_999)).toEqual({ write: false });
    expect(guard.admit('b', 2_000)).toEqual({ write: true, suppressed: 0 });
    expect(guard.admit('a', 60_000)).toEqual({ write: true, suppressed: 2 });
    expect(guard.admit('a', 61_000)).toEqual({ write: false });
    guard.failed('a', 0);
    expect(guard.admit('a', 61_001)).toEqual({ write: true, suppressed: 1 });
  });
});

interface EventRow {
  chain: string;
  seq: number;
  kind: string;
  actor_kind: string;
  /** The user behind the actor's pseudonym (null for non-person actors). */
  actor_user: string | null;
  subject: string;
  reason: string;
  payload: Record<string, unknown>;
  /** The user behind payload.user's pseudonym. */
  about_user: string | null;
}

describeEachDatabase('governance events from everything', (t) => {
  const key = newSigningKey();
  const clock = clockNow();
  const refusals = new EventCoalescer();
  const log: RefusalLog = async () => ({ db: t().db, clock, coalescer: refusals });
  /** Every event any test produced, for the checks that hold for all of them. */
  const produced: EventRow[] = [];
  /** Strings that must never appear in an event: e-mail addresses, names, tokens, secrets. */
  const secrets = new Set<string>();

  let acme: Awaited<ReturnType<typeof createTenant>>;
  let globex: Awaited<ReturnType<typeof createTenant>>;
  let carol: CustomerActor;
  let dan: CustomerActor;
  let alice: StaffActor;
  let bob: StaffActor;
  let grace: StaffActor;

  const SECRET = 's'.repeat(40);
  const sessionDeps = () => ({ db: t().db, clock, secret: SECRET, policy: { idleMs: 300_000, maxMs: 28_800_000 }, failureCoalescer: new EventCoalescer() });
  const chainOf = (tenantId: string | null) => tenantId ?? 'vendor';

  const rows = async (): Promise<EventRow[]> => {
    const found = await t().admin.transaction((q) =>
      q.query<Omit<EventRow, 'payload'> & { payload: unknown; [column: string]: unknown }>(
        `SELECT coalesce(e.tenant_id::text, 'vendor') AS chain, e.seq::int AS seq, e.kind, e.actor_kind, a.user_id::text AS actor_user,
                e.subject, e.reason, e.payload, p.user_id::text AS about_user
         FROM governance_events e
         LEFT JOIN governance_actors a ON a.id = e.actor_id
         LEFT JOIN governance_actors p ON p.id::text = e.payload->>'user'
         ORDER BY 1, 2`,
      ),
    );
    return found.map((r) => ({ ...r, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }));
  };

  /** The events `fn` appended, in chain order; also kept for the checks over every event. */
  async function during(fn: () => Promise<unknown>): Promise<EventRow[]> {
    const before = new Set((await rows()).map((r) => `${r.chain}:${r.seq}`));
    await fn();
    const added = (await rows()).filter((r) => !before.has(`${r.chain}:${r.seq}`));
    produced.push(...added);
    return added;
  }

  const kinds = (events: EventRow[]) => events.map((e) => e.kind);
  const one = (events: EventRow[], kind: string) => {
    const found = events.filter((e) => e.kind === kind);
    expect(found, `one ${kind} among ${kinds(events).join(', ')}`).toHaveLength(1);
    return found[0];
  };

  /**
   * A request through route(), the wrapper of every route handler: the handler notes the
   * session's actor (as requireApiActor does) and runs the action; a form post goes through
   * answer() and answerError(), as the console forms do (lib/api/handler.ts).
   */
  async function viaRoute(actor: Actor | null, pattern: { path: string; params?: Record<string, string> }, action: () => Promise<unknown>, form = false) {
    const handler = routeWith(log, async (request: NextRequest) => {
      if (actor && actor.kind !== 'anonymous') noteActor(actor);
      if (form) {
        await request.text();
        return action().then(
          () => answer(true, '/console', { done: 'ok' }),
          (error: unknown) => answerError('/console', error),
        );
      }
      await action();
      return NextResponse.json({ ok: true });
    });
    const request = new NextRequest(`http://127.0.0.1:3000${pattern.path}`, {
      method: 'POST',
      body: form ? 'comment=x' : '{}',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    });
    return handler(request, { params: Promise.resolve(pattern.params ?? {}) });
  }

  /** A refused action through route(): a 403 (or a form sent back with its code), and exactly one auth.refused. */
  async function expectRefused(
    actor: Actor,
    pattern: { path: string; params?: Record<string, string> },
    action: () => Promise<unknown>,
    expected: { chain: string | null; code?: string; form?: boolean; not: string[] },
  ) {
    let status = 0;
    let location: string | null = null;
    const events = await during(async () => {
      const response = await viaRoute(actor, pattern, action, expected.form);
      status = response.status;
      location = response.headers.get('location');
    });
    if (expected.form) expect(location).toMatch(/\?error=/);
    else expect(status).toBe(403);
    expect(kinds(events)).toEqual(['auth.refused']);
    const refused = events[0];
    expect(refused).toMatchObject({
      chain: chainOf(expected.chain),
      actor_kind: actor.kind,
      actor_user: actor.kind === 'anonymous' ? null : actor.userId,
      payload: { method: 'POST', code: expected.code ?? 'forbidden', suppressed: 0 },
    });
    expect(refused.payload.path).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    for (const kind of expected.not) expect(kinds(events)).not.toContain(kind);
    return refused;
  }

  beforeAll(async () => {
    const { admin } = t();
    REFUSALS.clear();
    SIGN_IN_FAILURES.clear();
    acme = await createTenant(admin, `Acme ${unique()}`);
    globex = await createTenant(admin, `Globex ${unique()}`);
    carol = await createCustomer(admin, acme, 'customer_admin');
    dan = await createCustomer(admin, acme, 'customer_member');
    alice = await createStaff(admin, 'trust_admin');
    bob = await createStaff(admin, 'support');
    grace = await createStaff(admin, 'break_glass');
    await designateHolders(t(), grace);
    await admin.transaction(async (q) => {
      await q.query('INSERT INTO identity_domains (domain, tenant_id) VALUES ($1, $2), ($3, NULL)', [`${acme.slug}.example`, acme.id, 'vendor.example']);
      await q.query('INSERT INTO identity_settings (tenant_id) VALUES ($1)', [acme.id]);
    });
    for (const actor of [carol, dan, alice, bob, grace]) {
      secrets.add(actor.email);
      secrets.add(actor.name);
    }
    secrets.add(SECRET);
  });

  describe('1. sign-in', () => {
    it('records sign-ins and sign-outs in the person’s chain, as the sign-in actor, about the person', async () => {
      let cookie = '';
      const signedIn = await during(async () => {
        cookie = (await demoSignIn({ ...sessionDeps(), enabled: true }, carol.email, 'vitest')).cookieValue;
        await demoSignIn({ ...sessionDeps(), enabled: true }, alice.email, 'vitest');
      });
      secrets.add(cookie);
      expect(kinds(signedIn)).toEqual(['auth.signed_in', 'auth.signed_in']);
      expect(signedIn.find((e) => e.chain === acme.id)).toMatchObject({
        actor_kind: 'auth',
        subject: 'demo',
        payload: { method: 'demo' },
        about_user: carol.userId,
      });
      expect(signedIn.find((e) => e.chain === 'vendor')).toMatchObject({ actor_kind: 'auth', about_user: alice.userId });

      const signedOut = await during(() => revokeSession(sessionDeps(), cookie));
      expect(one(signedOut, 'auth.signed_out')).toMatchObject({
        chain: acme.id,
        actor_kind: 'auth',
        subject: 'session',
        payload: { reason: 'signed_out' },
        about_user: carol.userId,
      });
      // Signing out twice ends nothing and records nothing.
      expect(await during(() => revokeSession(sessionDeps(), cookie))).toEqual([]);
    });

    it('records failed sign-ins: unknown, suspended, demo off, coalesced per minute with the count held back', async () => {
      const deps = { ...sessionDeps(), enabled: true };
      const unknown = await during(() => outcome(demoSignIn(deps, `mallory-${unique()}@evil.example`, null)));
      expect(one(unknown, 'auth.sign_in_failed')).toMatchObject({
        chain: 'vendor',
        actor_kind: 'auth',
        subject: 'demo',
        payload: { method: 'demo', reason: 'unknown_account', suppressed: 0 },
      });

      const suspended = await createCustomer(t().admin, acme, 'customer_member');
      secrets.add(suspended.email);
      await t().admin.transaction((q) => q.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [suspended.userId]));
      const refusedSuspended = await during(async () => expect(await outcome(demoSignIn(deps, suspended.email, null))).toBe('404 unknown_account'));
      expect(one(refusedSuspended, 'auth.sign_in_failed')).toMatchObject({
        chain: acme.id,
        payload: { reason: 'account_suspended' },
        about_user: suspended.userId,
      });

      const off = await during(async () => expect(await outcome(demoSignIn({ ...deps, enabled: false }, carol.email, null))).toBe('403 demo_sign_in_disabled'));
      expect(one(off, 'auth.sign_in_failed')).toMatchObject({ chain: 'vendor', payload: { reason: 'demo_sign_in_disabled' } });

      // The same failure again within the minute is counted, not written; the next one after it says how many.
      const again = await during(async () => {
        await outcome(demoSignIn(deps, `eve-${unique()}@evil.example`, null));
        await outcome(demoSignIn(deps, `eve-${unique()}@evil.example`, null));
      });
      expect(again).toEqual([]);
      clock.advance(61_000);
      const later = await during(() => outcome(demoSignIn(deps, `eve-${unique()}@evil.example`, null)));
      expect(one(later, 'auth.sign_in_failed').payload).toMatchObject({ reason: 'unknown_account', suppressed: 2 });
    });

    it('refuses an account after too many failures (429), recorded as rate_limited; other accounts sign in', async () => {
      const deps = { ...sessionDeps(), enabled: true };
      const client = `client-${unique()}`;
      const guessed = `x-${unique()}@evil.example`;
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT.limit; i++) await outcome(demoSignIn(deps, guessed, null, client));
      const limited = await during(async () => expect(await outcome(demoSignIn(deps, guessed, null, client))).toBe('429 rate_limited'));
      expect(one(limited, 'auth.sign_in_failed')).toMatchObject({ chain: 'vendor', payload: { method: 'demo', reason: 'rate_limited' } });
      expect(kinds(limited)).not.toContain('auth.signed_in');
      expect(await outcome(demoSignIn(deps, carol.email, null, client))).toBe('ok');
    });

    it('records SSO failures: a forged or expired state, an unknown domain', async () => {
      const deps = {
        ...sessionDeps(),
        workos: {} as SsoDeps['workos'],
        cfg: {
          appUrl: new URL('http://127.0.0.1:3000'),
          workos: { clientId: 'client_x', vendorOrganizationId: 'org_vendor', vendorDirectoryId: 'directory_vendor' },
        },
      } as unknown as SsoDeps;
      const forged = await during(async () =>
        expect(await outcome(finishSso(deps, { code: 'x', state: 'forged' }, 'forged.cookie', null))).toBe('400 sso_state_mismatch'),
      );
      expect(one(forged, 'auth.sign_in_failed')).toMatchObject({ chain: 'vendor', subject: 'sso', payload: { method: 'sso', reason: 'sso_state_mismatch' } });
      const unknownDomain = await during(async () => expect(await outcome(startSso(deps, `x@${unique()}.example`, null))).toBe('404 unknown_domain'));
      expect(one(unknownDomain, 'auth.sign_in_failed').payload).toMatchObject({ reason: 'unknown_domain' });
    });

    it('records a reviewer’s link that is not (or no longer) valid', async () => {
      const bad = await during(() => redeemToken(t().db, clock, 'A'.repeat(43)));
      expect(one(bad, 'auth.sign_in_failed')).toMatchObject({ chain: 'vendor', actor_kind: 'system', subject: 'access_link', payload: { reason: 'invalid' } });
    });
  });

  describe('2. refusals', () => {
    it('records a wrong role’s refusal in the customer’s chain with the route pattern, and no decision', async () => {
      const session = await createSession(sessionDeps(), dan.userId, null);
      secrets.add(session.cookieValue);
      const id = crypto.randomUUID();
      const refused = await expectRefused(
        dan,
        { path: `/api/lockbox/requests/${id}/approve`, params: { id } },
        () => approveLockbox({ db: t().db, clock, actor: dan }, id, {}),
        {
          chain: acme.id,
          not: ['lockbox.approved', 'lockbox.approval_recorded'],
        },
      );
      expect(refused).toMatchObject({ subject: 'POST /api/lockbox/requests/[id]/approve', payload: { path: '/api/lockbox/requests/[id]/approve' } });
    });

    it('records a form post sent back for a 403 as the refusal it is', async () => {
      const id = crypto.randomUUID();
      await expectRefused(dan, { path: `/api/lockbox/requests/${id}/deny`, params: { id } }, () => approveLockbox({ db: t().db, clock, actor: dan }, id, {}), {
        chain: acme.id,
        form: true,
        not: ['lockbox.denied'],
      });
    });

    it('records a staff member’s refusal on a tenant in that tenant’s chain, and a vendor-wide one in the vendor chain', async () => {
      await createRecord(t().admin, acme.id);
      const [record] = await t().admin.transaction((q) => q.query<{ id: string }>('SELECT id FROM tenant_records WHERE tenant_id = $1 LIMIT 1', [acme.id]));
      await expectRefused(
        bob,
        { path: `/api/tenants/${acme.slug}/records/${record.id}`, params: { slug: acme.slug, id: record.id } },
        () => updateTenantRecord({ db: t().db, clock, actor: bob }, acme.slug, record.id, { title: 'x', body: 'y' }),
        { chain: acme.id, not: ['support.tenant_record_updated'] },
      );
      // A support engineer asking for break-glass on acme: acme hears of it.
      await expectRefused(
        bob,
        { path: '/api/break-glass' },
        () => invokeBreakGlass({ db: t().db, clock, actor: bob }, { tenant: acme.slug, justification: 'Production incident on exports', incident: 'INC-9' }),
        {
          chain: acme.id,
          not: ['support.break_glass_invoked'],
        },
      );
      // A trust admin filing a lockbox request: only support engineers do.
      await expectRefused(
        alice,
        { path: '/api/lockbox/requests' },
        () => fileRequest({ db: t().db, clock, actor: alice }, { tenant: acme.slug, justification: 'Investigating an export failure', ticket: 'T-1' }),
        {
          chain: acme.id,
          not: ['lockbox.requested'],
        },
      );
      await expectRefused(
        bob,
        { path: '/api/admin/certifications' },
        () => createCertification({ db: t().db, clock, actor: bob }, { framework: 'ISO 27001', status: 'certified' }),
        {
          chain: null,
          not: ['content.certification_created'],
        },
      );
    });

    it('coalesces a flood of refusals: one event per actor, path and code per minute, then the count', async () => {
      const id = crypto.randomUUID();
      const target = { path: `/api/lockbox/requests/${id}/revoke`, params: { id } };
      const flood = await during(async () => {
        for (let i = 0; i < 5; i++) expect((await viaRoute(dan, target, () => approveLockbox({ db: t().db, clock, actor: dan }, id, {}))).status).toBe(403);
      });
      expect(kinds(flood)).toEqual(['auth.refused']);
      clock.advance(61_000);
      const next = await during(() => viaRoute(dan, target, () => approveLockbox({ db: t().db, clock, actor: dan }, id, {})));
      expect(one(next, 'auth.refused').payload).toMatchObject({ suppressed: 4 });
    });

    it('records an anonymous refusal in the vendor chain, and never fails the answer for want of a log', async () => {
      const events = await during(() =>
        recordRefusal({ db: t().db, clock, coalescer: new EventCoalescer() }, null, { method: 'get', path: '/documents/[file]', code: 'access_required' }),
      );
      expect(one(events, 'auth.refused')).toMatchObject({ chain: 'vendor', actor_kind: 'anonymous', actor_user: null, subject: 'GET /documents/[file]' });
      const broken = routeWith(
        async () => ({ db: { transaction: () => Promise.reject(new Error('down')) } as never, clock }),
        async () => NextResponse.json({}, { status: 403 }),
      );
      const quiet = console.error;
      console.error = () => {};
      try {
        expect((await broken(new NextRequest('http://127.0.0.1:3000/api/x'), {})).status).toBe(403);
      } finally {
        console.error = quiet;
      }
    });

    it('adds no refusal to a failed sign-in, which is recorded as such', async () => {
      const events = await during(() => viaRoute(null, { path: '/api/auth/demo' }, () => demoSignIn({ ...sessionDeps(), enabled: false }, carol.email, null)));
      expect(kinds(events)).toEqual(['auth.sign_in_failed']);
    });
  });

  describe('3 and 4. roles, user management and Directory Sync', () => {
    const scope = (): DirectoryScope => ({ tenantId: acme.id });
    const directory = () => ({ kind: 'directory' as const, tenantId: acme.id });
    let frank: string;

    it('records what the directory changes, as the directory, in the tenant’s chain', async () => {
      const now = clock.now();
      const events = await during(() =>
        withActor(t().db, directory(), async (tx) => {
          frank = (await upsertUser(
            tx,
            scope(),
            { id: `du_${unique()}`, email: `frank-${unique()}@${acme.slug}.example`, firstName: 'Frank', lastName: 'Foster', state: 'active' },
            now,
          ))!;
          await upsertGroup(tx, scope(), { id: 'dg_admins', directoryId: 'dir_acme', name: 'Trust Center Admins' }, now);
          await upsertGroup(tx, scope(), { id: 'dg_old', directoryId: 'dir_acme', name: 'Old' }, now);
          await addMembership(tx, scope(), frank, 'dg_admins', now);
          await addMembership(tx, scope(), frank, 'dg_old', now);
          await removeMembership(tx, scope(), frank, 'dg_old', now);
          await upsertGroup(tx, scope(), { id: 'dg_old', directoryId: 'dir_acme', name: 'Older' }, now);
          await deleteGroup(tx, scope(), 'dg_old', now);
          await upsertUser(tx, scope(), { id: `du_evil_${unique()}`, email: `eve@${globex.slug}.example`, state: 'active' }, now);
        }),
      );
      expect(kinds(events)).toEqual([
        'directory.user_created',
        'directory.group_created',
        'directory.group_created',
        'directory.member_added',
        'directory.member_added',
        'directory.member_removed',
        'directory.group_renamed',
        'directory.group_deleted',
        'directory.user_refused',
      ]);
      for (const e of events) expect(e).toMatchObject({ chain: acme.id, actor_kind: 'directory', actor_user: null });
      expect(one(events, 'directory.user_created')).toMatchObject({
        subject: 'user',
        about_user: frank,
        payload: { role: 'customer_member', status: 'active' },
      });
      expect(events.find((e) => e.kind === 'directory.member_added')).toMatchObject({
        subject: 'dg_admins',
        about_user: frank,
        payload: { group: 'dg_admins' },
      });
      expect(one(events, 'directory.user_refused').payload).toMatchObject({ reason: 'email_domain_not_owned' });
      // A re-sync of the same user changes nothing and records nothing.
      const [row] = await t().admin.transaction((q) =>
        q.query<{ directory_user_id: string; email: string }>('SELECT directory_user_id, email FROM users WHERE id = $1', [frank]),
      );
      secrets.add(row.email);
      const resync = await during(() =>
        withActor(t().db, directory(), (tx) =>
          upsertUser(tx, scope(), { id: row.directory_user_id, email: row.email, firstName: 'Frank', lastName: 'Foster', state: 'active' }, clock.now()),
        ),
      );
      expect(resync).toEqual([]);
    });

    it('records a mapping by the customer admin, and the role change it causes, as the directory', async () => {
      let mappingId = '';
      const added = await during(async () => {
        mappingId = (await addMapping({ db: t().db, clock, actor: carol }, { groupName: 'Trust Center Admins', role: 'customer_admin' })).id;
      });
      expect(kinds(added)).toEqual(['identity.mapping_added', 'identity.role_changed']);
      expect(added[0]).toMatchObject({
        chain: acme.id,
        actor_kind: 'customer',
        actor_user: carol.userId,
        subject: mappingId,
        payload: { groupName: 'Trust Center Admins', role: 'customer_admin' },
      });
      expect(added[1]).toMatchObject({
        chain: acme.id,
        actor_kind: 'directory',
        subject: 'user',
        about_user: frank,
        payload: { previousRole: 'customer_member', role: 'customer_admin', previousStatus: 'active', status: 'active' },
      });
      const removed = await during(() => removeMapping({ db: t().db, clock, actor: carol }, mappingId));
      expect(kinds(removed)).toEqual(['identity.mapping_removed', 'identity.role_changed']);
      expect(removed[1].payload).toMatchObject({ previousRole: 'customer_admin', role: 'customer_member' });

      const jit = await during(() => setJitProvisioning({ db: t().db, clock, actor: carol }, true));
      expect(one(jit, 'identity.jit_provisioning_changed')).toMatchObject({
        chain: acme.id,
        actor_kind: 'customer',
        subject: acme.id,
        payload: { allow: true },
      });
    });

    it('refuses a customer member’s mapping with auth.refused and no mapping event', async () => {
      await expectRefused(
        dan,
        { path: '/api/identity/mappings' },
        () => addMapping({ db: t().db, clock, actor: dan }, { groupName: 'Everyone', role: 'customer_admin' }),
        {
          chain: acme.id,
          not: ['identity.mapping_added', 'identity.role_changed'],
        },
      );
    });

    it('records the staff directory in the vendor chain, and a deleted directory', async () => {
      const vendorScope = { tenantId: null };
      const staff = await during(() =>
        withActor(t().db, { kind: 'directory', tenantId: null }, (tx) =>
          upsertUser(tx, vendorScope, { id: `du_${unique()}`, email: `vic-${unique()}@vendor.example`, state: 'active' }, clock.now()),
        ),
      );
      expect(one(staff, 'directory.user_created')).toMatchObject({ chain: 'vendor', actor_kind: 'vendor_directory', payload: { status: 'suspended' } });
      const deleted = await during(() => withActor(t().db, directory(), (tx) => deprovisionDirectory(tx, scope(), clock.now())));
      expect(kinds(deleted)).toEqual(['directory.user_deprovisioned', 'directory.deleted']);
      expect(deleted[0]).toMatchObject({ about_user: frank, payload: { reason: 'directory_deleted' } });
      expect(deleted[1].payload).toEqual({ deprovisioned: 1 });
    });
  });

  describe('5. content and certifications', () => {
    it('records every change to the portal in the vendor chain, as the trust admin, with ids and field names only', async () => {
      let certification = '';
      const events = await during(async () => {
        certification = (
          await createCertification(
            { db: t().db, clock, actor: alice },
            { framework: `SOC 2 ${unique()}`, status: 'in_progress', targetDate: new Date(clock.now().getTime() + 90 * DAY).toISOString().slice(0, 10) },
          )
        ).id;
        await updateCertification({ db: t().db, clock, actor: alice }, certification, { description: 'Security and availability.' });
        await updateSettings({ db: t().db, clock, actor: alice }, { vendorName: 'Northwind Cloud', securityContact: 'mailto:security@northwind.example' });
        await updateSettings({ db: t().db, clock, actor: alice }, { tagline: 'Trust, verified' });
        const block = await createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Encryption', body: 'AES-256 at rest.' });
        const second = await createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Access control', body: 'SSO everywhere.' });
        await moveSecurityBlock({ db: t().db, clock, actor: alice }, second.id, { direction: 'up' });
        await deleteSecurityBlock({ db: t().db, actor: alice }, block.id);
        const update = await createUpdate({ db: t().db, clock, actor: alice }, { title: 'SOC 2 audit started', body: 'Our window opened.' });
        await deleteUpdate({ db: t().db, actor: alice }, update.id);
      });
      secrets.add('security@northwind.example');
      expect(kinds(events)).toEqual([
        'content.certification_created',
        'content.certification_updated',
        'content.settings_updated',
        'content.security_txt_updated',
        'content.settings_updated',
        'content.security_block_created',
        'content.security_block_created',
        'content.security_blocks_reordered',
        'content.security_block_deleted',
        'content.update_created',
        'content.update_deleted',
      ]);
      for (const e of events) expect(e).toMatchObject({ chain: 'vendor', actor_kind: 'staff', actor_user: alice.userId });
      expect(one(events, 'content.certification_updated').payload).toMatchObject({ certification, fields: ['description'], status: 'in_progress' });
      expect(one(events, 'content.security_txt_updated').payload).toMatchObject({ fields: expect.arrayContaining(['securityContact']) });
      expect(events.filter((e) => e.kind === 'content.settings_updated').map((e) => e.payload.fields)).toEqual([
        expect.arrayContaining(['vendorName']),
        ['tagline'],
      ]);
    });

    it('records documents, versions, NDA, DPA, questionnaires and sub-processor changes', async () => {
      await installQuestionnaires(t().admin);
      const { sections } = await getQuestionnaire({ db: t().db, actor: alice }, PUBLIC_SET.slug);
      const question = sections[0].questions[0];
      const effectiveDate = new Date(clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
      let slug = '';
      const events = await during(async () => {
        const doc = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ visibility: 'nda' }), await checkedSample());
        slug = doc.slug;
        await uploadVersion({ db: t().db, clock, actor: alice }, doc.id, await checkedSample(), 'Second audit');
        await readVersionFile({ db: t().db, actor: alice }, doc.id, 2);
        await setArchived({ db: t().db, clock, actor: alice }, doc.id, true);
        await setArchived({ db: t().db, clock, actor: alice }, doc.id, false);
        await publishNda({ db: t().db, clock, actor: alice }, { title: 'Mutual NDA', body: 'Keep it secret.' });
        await saveDpaDraft({ db: t().db, clock, actor: alice }, DEMO_DPA);
        await publishDpaDraft({ db: t().db, clock, actor: alice }, { changeNote: 'First version' });
        await updateAnswers({ db: t().db, clock, actor: alice }, PUBLIC_SET.slug, [
          { questionId: question.questionId, answer: question.answer === 'yes' ? 'no' : 'yes', comment: 'Changed.', evidence: null },
        ]);
        await exportAnswers({ db: t().db, actor: alice }, PUBLIC_SET.slug, 'csv');
        await exportQuestionnairePdf({ db: t().db, clock, actor: alice }, PUBLIC_SET.slug);
        const change = await scheduleChange({ db: t().db, clock, actor: alice }, changeInput.parse({ ...ADD, name: `Mailer ${unique()}`, effectiveDate }));
        await announceDrafts({ db: t().db, clock, actor: alice }, TEST_LINK_KEYS);
        await cancelChange({ db: t().db, clock, actor: alice }, TEST_LINK_KEYS, change.id);
      });
      expect(kinds(events)).toEqual([
        'content.document_created',
        'content.document_version_uploaded',
        'content.document_version_downloaded',
        'content.document_archived',
        'content.document_restored',
        'content.nda_published',
        'content.dpa_draft_saved',
        'content.dpa_published',
        'content.questionnaire_answers_updated',
        'content.questionnaire_exported',
        'content.questionnaire_exported',
        'content.subprocessor_change_scheduled',
        'content.subprocessor_changes_announced',
        'content.subprocessor_change_cancelled',
      ]);
      for (const e of events) expect(e).toMatchObject({ chain: 'vendor', actor_kind: 'staff', actor_user: alice.userId });
      expect(one(events, 'content.document_version_uploaded')).toMatchObject({ subject: slug, reason: 'Second audit', payload: { slug, version: 2 } });
      expect(one(events, 'content.questionnaire_answers_updated').payload).toEqual({ questionnaire: PUBLIC_SET.slug, changed: 1, via: 'edit' });
      expect(events.filter((e) => e.kind === 'content.questionnaire_exported').map((e) => e.payload.format)).toEqual(['csv', 'pdf']);
      expect(one(events, 'content.subprocessor_change_cancelled').payload).toMatchObject({ announced: true });
    });

    it('refuses a support engineer’s document with auth.refused and no content event', async () => {
      await expectRefused(
        bob,
        { path: '/api/admin/documents' },
        async () => createDocument({ db: t().db, clock, actor: bob }, documentFields(), await checkedSample()),
        {
          chain: null,
          not: ['content.document_created'],
        },
      );
    });
  });

  describe('6 and 7. access requests, grants, downloads and the DPA', () => {
    let nda: { id: string; sha256: string };
    let gated: { id: string; slug: string };
    const request = (email: string) => ({
      name: 'Rita Reviewer',
      email,
      company: 'Prospect Ltd',
      reason: 'Vendor due diligence.',
      documents: [gated.slug],
      ndaVersionId: nda.id,
      ndaSha256: nda.sha256,
      typedName: 'Rita Reviewer',
      acceptNda: true,
    });
    const tokenOf = async (email: string) => {
      const [mail] = await t().admin.transaction((q) =>
        q.query<{ text_body: string }>(`SELECT text_body FROM mail_outbox WHERE to_address = $1 AND kind = 'access_granted'`, [email]),
      );
      return mail.text_body.match(/\/access\/([A-Za-z0-9_-]{43})/)![1];
    };

    beforeAll(async () => {
      const published = await publishNda({ db: t().db, clock, actor: alice }, { title: 'NDA', body: `Body ${unique()}` });
      nda = { id: published.id, sha256: published.sha256 };
      gated = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ visibility: 'nda', title: 'SOC 2 report' }), await checkedSample());
    });

    it('records a request, its NDA acceptance, a person’s decision, the grant, the link, the download and the revocation', async () => {
      const email = `rita-${unique()}@prospect-${unique()}.example`;
      secrets.add(email);
      secrets.add('Rita Reviewer');
      secrets.add('Prospect Ltd');
      let id = '';
      const filed = await during(async () => {
        id = (await submitAccessRequest(t().db, clock, request(email), { ip: '203.0.113.7', userAgent: 'Reviewer/1.0', notify: [] })).id;
      });
      expect(kinds(filed)).toEqual(['access.nda_accepted', 'access.requested']);
      for (const e of filed) expect(e).toMatchObject({ chain: 'vendor', actor_kind: 'anonymous', actor_user: null });
      expect(filed[1]).toMatchObject({ subject: id, payload: { request: id, documents: [gated.slug], rules: 'review' } });

      const wrong = await expectRefused(
        bob,
        { path: `/api/admin/access/requests/${id}/approve`, params: { id } },
        () => approveAccess({ db: t().db, clock, actor: bob }, id, {}),
        {
          chain: null,
          not: ['access.approved'],
        },
      );
      expect(wrong.payload.path).toBe('/api/admin/access/requests/[id]/approve');

      const approved = await during(() => approveAccess({ db: t().db, clock, actor: alice }, id, { note: 'Known prospect' }));
      expect(kinds(approved)).toEqual(['access.approved', 'access.grant_created']);
      expect(approved[0]).toMatchObject({
        actor_kind: 'staff',
        actor_user: alice.userId,
        subject: id,
        reason: 'Known prospect',
        payload: { decidedBy: 'trust_admin' },
      });
      const grant = approved[1].subject;
      expect(approved[1].payload).toMatchObject({ grant, request: id, documents: [gated.slug] });

      const token = await tokenOf(email);
      secrets.add(token);
      const used = await during(async () => {
        expect(await redeemToken(t().db, clock, token)).toMatchObject({ status: 'valid' });
        expect(await downloadDocument(t().db, clock, gated.slug, { grantTokens: [token] })).toMatchObject({ kind: 'file', gated: true });
      });
      expect(kinds(used)).toEqual(['auth.signed_in', 'access.document_downloaded']);
      expect(used[0]).toMatchObject({ actor_kind: 'system', subject: 'access_link', payload: { method: 'access_link', grant } });
      expect(used[1]).toMatchObject({ actor_kind: 'system', subject: gated.slug, payload: { document: gated.id, grant } });

      const revoked = await during(() => revokeGrant({ db: t().db, clock, actor: alice }, grant));
      expect(one(revoked, 'access.grant_revoked')).toMatchObject({ subject: grant, actor_user: alice.userId });
      const replayed = await during(() => redeemToken(t().db, clock, token));
      expect(one(replayed, 'auth.sign_in_failed').payload).toMatchObject({ method: 'access_link', reason: 'revoked', grant });
    });

    it('records rules, the decisions they make, a person’s denial and a grant’s end, once', async () => {
      const domain = `partner-${unique()}.example`;
      let ruleId = '';
      let autoId = '';
      let deniedId = '';
      let freeMailId = '';
      const events = await during(async () => {
        ruleId = (await addDomainRule({ db: t().db, clock, actor: alice }, { domain, decision: 'approve', note: 'Signed partner' })).id;
        autoId = (await submitAccessRequest(t().db, clock, request(`pat@${domain}`), { ip: null, userAgent: null, notify: [] })).id;
        await removeDomainRule({ db: t().db, actor: alice }, ruleId);
        freeMailId = (await submitAccessRequest(t().db, clock, request(`rita.${unique()}@gmail.com`), { ip: null, userAgent: null, notify: [] })).id;
        deniedId = (await submitAccessRequest(t().db, clock, request(`sam@other-${unique()}.example`), { ip: null, userAgent: null, notify: [] })).id;
        await denyAccess({ db: t().db, clock, actor: alice }, deniedId, { note: 'Not a prospect' });
      });
      expect(kinds(events)).toEqual([
        'access.rule_added',
        'access.nda_accepted',
        'access.requested',
        'access.auto_approved',
        'access.grant_created',
        'access.rule_removed',
        'access.nda_accepted',
        'access.requested',
        'access.auto_denied',
        'access.nda_accepted',
        'access.requested',
        'access.denied',
      ]);
      expect(events[0]).toMatchObject({ subject: ruleId, payload: { domain, decision: 'approve', mutualNda: false } });
      expect(events[3]).toMatchObject({ actor_kind: 'system', subject: autoId, payload: { decidedBy: 'domain_rule' } });
      expect(events[8]).toMatchObject({ actor_kind: 'system', subject: freeMailId, payload: { decidedBy: 'free_mail' } });
      expect(events[11]).toMatchObject({ actor_kind: 'staff', subject: deniedId });

      const sweep = manualClock(new Date(clock.now().getTime() + 8 * DAY));
      const ended = await during(() => recordExpiredGrants(t().db, sweep));
      expect(kinds(ended)).toContain('access.grant_expired');
      expect(ended.every((e) => e.kind === 'access.grant_expired' && e.actor_kind === 'system' && e.chain === 'vendor')).toBe(true);
      expect(ended.map((e) => e.subject)).toContain(events[4].subject);
      expect(await during(() => recordExpiredGrants(t().db, sweep))).toEqual([]);
    });

    it('records the DPA’s execution and each download of it in the tenant’s chain; a member is refused', async () => {
      await expectRefused(
        dan,
        { path: '/api/dpa/executions' },
        () => executeDpa({ db: t().db, clock, actor: dan }, { signerName: 'Dan', signerTitle: 'Member', authority: true }),
        {
          chain: acme.id,
          not: ['dpa.executed'],
        },
      );
      let execution = '';
      const events = await during(async () => {
        execution = (await executeDpa({ db: t().db, clock, actor: carol }, { signerName: 'Carol Admin', signerTitle: 'CISO', authority: true })).id;
        expect(await renderExecutedDpa(t().db, clock, dan)).not.toBeNull();
      });
      secrets.add('Carol Admin');
      expect(kinds(events)).toEqual(['dpa.executed', 'dpa.downloaded']);
      expect(events[0]).toMatchObject({ chain: acme.id, actor_kind: 'customer', actor_user: carol.userId, subject: execution });
      expect(events[1]).toMatchObject({ chain: acme.id, actor_kind: 'customer', actor_user: dan.userId, subject: execution });
      // Another tenant's execution is not theirs to download, and nothing is recorded.
      const erin = await createCustomer(t().admin, globex, 'customer_admin');
      secrets.add(erin.email);
      expect(await during(() => renderExecutedDpa(t().db, clock, erin, execution))).toEqual([]);
    });
  });

  describe('8. lockbox and break-glass', () => {
    it('records every transition of a request and a session, and the reads under them, in the tenant’s chain', async () => {
      const events = await during(async () => {
        const filed = await fileRequest(
          { db: t().db, clock, actor: bob },
          { tenant: acme.slug, justification: 'Investigating an export failure', ticket: 'T-1', durationMinutes: 60, access: 'read' },
        );
        await approveLockbox({ db: t().db, clock, actor: carol }, filed.id, { comment: 'ok' });
        await invokeBreakGlass(
          { db: t().db, clock, actor: grace },
          { tenant: acme.slug, justification: 'Production incident on exports', incident: 'INC-7', durationMinutes: 30 },
        );
      });
      expect(kinds(events)).toEqual(['lockbox.requested', 'lockbox.approved', 'support.break_glass_invoked']);
      for (const e of events) expect(e.chain).toBe(acme.id);
    });
  });

  describe('every event', () => {
    afterAll(() => {
      produced.length = 0;
    });

    it('holds no e-mail address, name, token or secret, and no value from what people typed', async () => {
      expect(produced.length).toBeGreaterThan(80);
      for (const e of produced) {
        const text = JSON.stringify({ subject: e.subject, payload: e.payload });
        expect(text, `${e.kind}: ${text}`).not.toMatch(/@/);
        for (const secret of secrets) expect(text.includes(secret), `${e.kind} holds ${secret}`).toBe(false);
        expect(e.subject.length).toBeLessThanOrEqual(200);
      }
      // Every kind an event was written with is in the catalog.
      for (const e of await rows()) expect(EVENT_KINDS, e.kind).toHaveProperty([e.kind]);
    });

    it('leaves every chain it touched exported and verifying', async () => {
      const chains = [...new Set(produced.map((e) => e.chain))];
      expect(chains).toEqual(expect.arrayContaining(['vendor', acme.id]));
      for (const chain of chains) {
        const target = chain === 'vendor' ? { tenantId: null, tenant: null } : tenantTarget(chain === acme.id ? acme : globex);
        const result = await verifyText(await exportText(t().db, target, clock, key), { publicKeys: [key.publicJwk] });
        expect(result, `chain ${chain}: ${result.summary}`).toMatchObject({ ok: true });
      }
    });
  });
});
