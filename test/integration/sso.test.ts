import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { resolveSession } from '@/lib/auth/sessions';
import { finishSso, startSso, type SsoDeps } from '@/lib/identity/sso';
import { users } from '@/drizzle/schema';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { describeEachDatabase } from '../helpers/databases';
import { FAKE_WORKOS } from '../helpers/fake-workos/fixtures';
import { fakeWorkOSForSuite } from '../helpers/fake-workos/suite';

describeEachDatabase('SSO sign-in', (t) => {
  let deps: SsoDeps;

  const fake = fakeWorkOSForSuite(t, {
    profiles: [
      { email: 'carol@acme.example', organizationId: 'org_acme', firstName: 'Carol', lastName: 'Clark' },
      { email: 'sam@acme.example', organizationId: 'org_acme', firstName: 'Sam', lastName: 'Stone' },
      { email: 'vic@vendor.example', organizationId: 'org_vendor', firstName: 'Vic', lastName: 'Vane' },
    ],
  });
  beforeAll(() => {
    const port = fake.port();
    deps = {
      db: t().db,
      clock: manualClock(new Date()),
      secret: 's'.repeat(40),
      policy: { idleMs: 300_000, maxMs: 28_800_000 },
      workos: fake.client(),
      cfg: {
        appUrl: new URL('http://127.0.0.1:3000'),
        workos: {
          apiKey: FAKE_WORKOS.apiKey,
          clientId: FAKE_WORKOS.clientId,
          webhookSecret: undefined,
          apiHostname: '127.0.0.1',
          port,
          https: false,
          vendorOrganizationId: 'org_vendor',
          vendorDirectoryId: 'directory_vendor',
        },
      },
    };
  });

  /** The browser's part: follow the authorization URL to the fake identity provider and back. */
  async function roundTrip(email: string) {
    const { url, stateCookie } = await startSso(deps, email, null);
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    return finishSso(deps, { code: back.searchParams.get('code'), state: back.searchParams.get('state') }, stateCookie, 'vitest');
  }

  it('signs a provisioned user in to their own tenant', async () => {
    const session = await roundTrip('carol@acme.example');
    const active = await resolveSession(deps, session.cookieValue);
    expect(active?.actor).toMatchObject({ kind: 'customer', email: 'carol@acme.example', tenantSlug: 'acme', role: 'customer_admin' });
  });

  it('creates an unprovisioned user only when the tenant allows just-in-time provisioning, and never staff', async () => {
    await expect(roundTrip('sam@acme.example')).rejects.toMatchObject({ code: 'account_not_provisioned', status: 403 });
    await t().admin.transaction((q) =>
      q.query(`UPDATE identity_settings SET allow_jit_provisioning = true WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')`),
    );
    const session = await roundTrip('sam@acme.example');
    expect((await resolveSession(deps, session.cookieValue))?.actor).toMatchObject({ email: 'sam@acme.example', role: 'customer_member', tenantSlug: 'acme' });
    await t().admin.transaction((q) => q.query('UPDATE identity_settings SET allow_jit_provisioning = true WHERE tenant_id IS NULL'));
    await expect(roundTrip('vic@vendor.example')).rejects.toMatchObject({ code: 'account_not_provisioned' });
  });

  it('refuses a forged or missing state, and an unknown domain', async () => {
    const { stateCookie } = await startSso(deps, 'carol@acme.example', null);
    await expect(finishSso(deps, { code: 'x', state: 'forged' }, stateCookie, null)).rejects.toMatchObject({ code: 'sso_state_mismatch' });
    await expect(finishSso(deps, { code: 'x', state: 'forged' }, undefined, null)).rejects.toMatchObject({ code: 'sso_state_mismatch' });
    await expect(startSso(deps, 'someone@nowhere.example', null)).rejects.toMatchObject({ code: 'unknown_domain', status: 404 });
  });

  it('lets sign-in create nothing but a customer member of a tenant that allows it, in the database itself', async () => {
    const attempts = [
      { tenantId: null, kind: 'staff' as const, role: 'trust_admin' as const, email: 'mallory@vendor.example', name: 'M' },
      { tenantId: null, kind: 'customer' as const, role: 'customer_admin' as const, email: 'mallory@acme.example', name: 'M' },
    ];
    const [acme] = await t().admin.transaction((q) => q.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'acme'"));
    const [globex] = await t().admin.transaction((q) => q.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'globex'"));
    attempts[1].tenantId = acme.id as never;
    attempts.push({ tenantId: acme.id as never, kind: 'customer', role: 'customer_member' as never, email: 'mallory@globex.example', name: 'M' });
    attempts.push({ tenantId: globex.id as never, kind: 'customer', role: 'customer_member' as never, email: 'mallory@globex.example', name: 'M' });
    for (const values of attempts) {
      const error = await withActor(t().db, { kind: 'auth' }, (tx) => tx.insert(users).values(values)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(pgErrorCode(error), JSON.stringify(values)).toBe('42501');
    }
  });
});
