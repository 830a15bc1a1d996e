import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { createSession, resolveSession } from '@/lib/auth/sessions';
import { addMapping, removeMapping } from '@/lib/identity/mappings';
import { handleWorkosWebhook, type WebhookDeps } from '@/lib/identity/webhook';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';
import { emailsOnly, lifecycle, withEmail } from '../helpers/fake-workos/documented-events';
import { FAKE_WORKOS } from '../helpers/fake-workos/fixtures';
import { signWebhook } from '../helpers/fake-workos/sign';

const vendor = { vendorOrganizationId: 'org_vendor', vendorDirectoryId: 'directory_vendor' };
let sequence = 0;

const wireUser = (id: string, email: string, directoryId: string, state = 'active') => ({
  object: 'directory_user',
  id,
  directory_id: directoryId,
  organization_id: 'org_x',
  idp_id: id,
  email,
  first_name: 'Frank',
  last_name: 'Foster',
  state,
  custom_attributes: {},
  raw_attributes: {},
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const wireGroup = (id: string, name: string, directoryId: string) => ({
  object: 'directory_group',
  id,
  idp_id: id,
  directory_id: directoryId,
  organization_id: 'org_x',
  name,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const event = (name: string, data: unknown) =>
  JSON.stringify({ object: 'event', id: `event_${++sequence}_${Date.now()}`, event: name, data, created_at: new Date().toISOString() });

describeEachDatabase('Directory Sync webhooks', (t) => {
  const clock = manualClock(new Date());
  let deps: WebhookDeps;
  // Signed at the handler's own clock: the signature's age is judged by that clock.
  const signedAt = (body: string, offsetMs = 0) => signWebhook(body, FAKE_WORKOS.webhookSecret, clock.now().getTime() + offsetMs);
  const send = (body: string, signature = signedAt(body)) => handleWorkosWebhook(deps, body, signature);
  const userByEmail = async (email: string) => {
    const [row] = await t().admin.transaction((q) =>
      q.query<{ id: string; role: string; status: string; slug: string | null; kind: string }>(
        'SELECT u.id, u.role, u.status, u.kind, t.slug FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id WHERE email = $1',
        [email],
      ),
    );
    return row;
  };

  beforeAll(async () => {
    await seedDemoData(t().admin);
    deps = {
      db: t().db,
      clock,
      webhookSecret: FAKE_WORKOS.webhookSecret,
      vendor,
    };
  });

  it('creates a user, makes them admin through a mapped group, and deprovisions them with their sessions', async () => {
    const frank = wireUser('directory_user_frank', 'frank@acme.example', 'directory_acme');
    expect(await send(event('dsync.user.created', frank))).toBe('applied');
    expect(await userByEmail('frank@acme.example')).toMatchObject({ role: 'customer_member', status: 'active', slug: 'acme', kind: 'customer' });

    const admins = wireGroup('directory_group_acme_admins', 'Trust Center Admins', 'directory_acme');
    await send(event('dsync.group.user_added', { directory_id: 'directory_acme', user: frank, group: admins }));
    const promoted = await userByEmail('frank@acme.example');
    expect(promoted.role).toBe('customer_admin');

    const sessionDeps = { db: t().db, clock, secret: 'x'.repeat(40), policy: { idleMs: 300_000, maxMs: 28_800_000 } };
    const { cookieValue } = await createSession(sessionDeps, promoted.id, null);
    expect(await resolveSession(sessionDeps, cookieValue)).not.toBeNull();
    await send(event('dsync.group.user_removed', { directory_id: 'directory_acme', user: frank, group: admins }));
    expect((await userByEmail('frank@acme.example')).role).toBe('customer_member');
    expect(await resolveSession(sessionDeps, cookieValue), 'a role change ends the sessions').toBeNull();

    const again = await createSession(sessionDeps, promoted.id, null);
    await send(event('dsync.user.deleted', frank));
    expect((await userByEmail('frank@acme.example')).status).toBe('suspended');
    expect(await resolveSession(sessionDeps, again.cookieValue), 'deprovisioning ends the sessions').toBeNull();
  });

  it('deprovisions a user the directory marks inactive', async () => {
    const gina = wireUser('directory_user_gina', 'gina@globex.example', 'directory_globex');
    await send(event('dsync.user.created', gina));
    expect((await userByEmail('gina@globex.example')).status).toBe('active');
    await send(event('dsync.user.updated', { ...gina, state: 'inactive' }));
    expect((await userByEmail('gina@globex.example')).status).toBe('suspended');
  });

  it("keeps the vendor's staff suspended until a mapped group gives them a role", async () => {
    const hank = wireUser('directory_user_hank', 'hank@vendor.example', 'directory_vendor');
    await send(event('dsync.user.created', hank));
    expect(await userByEmail('hank@vendor.example')).toMatchObject({ kind: 'staff', status: 'suspended', slug: null });
    await send(
      event('dsync.group.user_added', {
        directory_id: 'directory_vendor',
        user: hank,
        group: wireGroup('g_vendor_admins', 'Trust Center Admins', 'directory_vendor'),
      }),
    );
    expect(await userByEmail('hank@vendor.example')).toMatchObject({ role: 'trust_admin', status: 'active' });
  });

  it('applies a replayed event once', async () => {
    const body = event('dsync.user.created', wireUser('directory_user_ivan', 'ivan@acme.example', 'directory_acme'));
    expect(await send(body)).toBe('applied');
    expect(await send(body)).toBe('duplicate');
  });

  it('refuses bad and stale signatures and malformed bodies, changing nothing', async () => {
    const body = event('dsync.user.created', wireUser('directory_user_judy', 'judy@acme.example', 'directory_acme'));
    await expect(send(body, signWebhook(body, 'another-secret'))).rejects.toMatchObject({ status: 401 });
    await expect(send(body, signedAt(body, -10 * 60_000))).rejects.toMatchObject({ status: 401 });
    await expect(send(body, 'garbage')).rejects.toMatchObject({ status: 401 });
    await expect(handleWorkosWebhook(deps, body, null)).rejects.toMatchObject({ status: 401 });
    const malformed = event('dsync.user.created', { id: 'directory_user_kate', directory_id: 'directory_acme', email: 'not-an-email', state: 'active' });
    await expect(send(malformed)).rejects.toMatchObject({ status: 400 });
    expect(await userByEmail('judy@acme.example')).toBeUndefined();
  });

  it('cannot move or squat a user of another organization through a directory event', async () => {
    // acme's directory announcing a globex address changes nothing: the domain is not acme's.
    expect(await send(event('dsync.user.created', wireUser('directory_user_evil', 'erin@globex.example', 'directory_acme')))).toBe('applied');
    const erin = await t().admin.transaction((q) =>
      q.query<{ slug: string }>('SELECT t.slug FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE email = $1', ['erin@globex.example']),
    );
    expect(erin).toEqual([{ slug: 'globex' }]);
    // A second directory entry claiming an address another entry owns is refused.
    await expect(send(event('dsync.user.created', wireUser('directory_user_carol_2', 'carol@acme.example', 'directory_acme')))).rejects.toMatchObject({
      status: 409,
      code: 'email_in_other_organization',
    });
  });

  it('ignores an event older than the version already applied (WorkOS does not promise order)', async () => {
    const pia = wireUser('directory_user_pia', 'pia@acme.example', 'directory_acme');
    await send(event('dsync.user.created', { ...pia, updated_at: '2026-03-01T10:00:00.000Z' }));
    await send(event('dsync.user.deleted', { ...pia, state: 'inactive', updated_at: '2026-03-01T12:00:00.000Z' }));
    await send(event('dsync.user.updated', { ...pia, state: 'active', updated_at: '2026-03-01T11:00:00.000Z' }));
    expect((await userByEmail('pia@acme.example')).status).toBe('suspended');
  });

  it('re-derives roles when a group is renamed, and acknowledges events it has no use for', async () => {
    const rob = wireUser('directory_user_rob', 'rob@acme.example', 'directory_acme');
    const group = wireGroup('directory_group_acme_renamed', 'Trust Center Admins', 'directory_acme');
    await send(event('dsync.group.user_added', { directory_id: 'directory_acme', user: rob, group }));
    expect((await userByEmail('rob@acme.example')).role).toBe('customer_admin');
    await send(event('dsync.group.updated', { ...group, name: 'Former Admins' }));
    expect((await userByEmail('rob@acme.example')).role).toBe('customer_member');
    expect(await send(event('dsync.activated', { object: 'directory', id: 'directory_acme' }))).toBe('ignored');
  });

  it('re-derives roles when an admin maps a group, and only within their organization', async () => {
    const olga = wireUser('directory_user_olga', 'olga@acme.example', 'directory_acme');
    const security = wireGroup('directory_group_acme_security', 'Security Team', 'directory_acme');
    await send(event('dsync.group.user_added', { directory_id: 'directory_acme', user: olga, group: security }));
    expect((await userByEmail('olga@acme.example')).role).toBe('customer_member');
    const [carol] = await t().admin.transaction((q) =>
      q.query<{ id: string; tenant_id: string }>("SELECT id, tenant_id FROM users WHERE email = 'carol@acme.example'"),
    );
    const carolActor = {
      kind: 'customer' as const,
      userId: carol.id,
      tenantId: carol.tenant_id,
      email: 'carol@acme.example',
      name: 'Carol',
      role: 'customer_admin' as const,
      tenantSlug: 'acme',
      tenantName: 'Acme Corp',
    };
    const created = await addMapping({ db: t().db, clock, actor: carolActor }, { groupName: 'security team', role: 'customer_admin' });
    expect((await userByEmail('olga@acme.example')).role).toBe('customer_admin');
    expect((await userByEmail('carol@acme.example')).role, 'people in no group keep their role').toBe('customer_admin');
    await removeMapping({ db: t().db, clock, actor: carolActor }, created.id);
    expect((await userByEmail('olga@acme.example')).role).toBe('customer_member');
    await expect(
      addMapping({ db: t().db, clock, actor: { ...carolActor, role: 'customer_member' } }, { groupName: 'x', role: 'customer_admin' }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  const userDetail = async (email: string) => {
    const [row] = await t().admin.transaction((q) =>
      q.query<{ status: string; role: string; name: string; slug: string; groups: number }>(
        `SELECT u.status, u.role, u.name, t.slug, (SELECT count(*)::int FROM directory_memberships m WHERE m.user_id = u.id) AS groups
           FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.email = $1`,
        [email],
      ),
    );
    return row;
  };

  it("applies WorkOS's documented events for a directory user who has only emails[] (no top-level email)", async () => {
    const set = emailsOnly({ tag: 'int_a', name: 'veda' });
    const [created, added, updated, removed, deleted] = lifecycle(set).map((e) => JSON.stringify(e));
    expect(await send(created)).toBe('applied');
    expect(await userDetail(set.email)).toEqual({ status: 'active', role: 'customer_member', name: 'Lela Block', slug: 'acme', groups: 0 });
    expect(await send(added)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ status: 'active', name: 'Eric Schneider', groups: 1 });
    expect(await send(updated)).toBe('applied');
    expect(await userDetail(set.email), 'the documented example spells last_name "ast_name"').toMatchObject({ name: 'Lela', groups: 1 });
    expect(await send(removed)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ status: 'active', groups: 0 });
    expect(await send(deleted)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ status: 'suspended' });
  });

  it("applies WorkOS's documented events as its events reference shows them today (top-level email)", async () => {
    const set = withEmail({ tag: 'int_b', name: 'lela' });
    const [created, added, updated, removed, deleted] = lifecycle(set).map((e) => JSON.stringify(e));
    expect(await send(created)).toBe('applied');
    expect(await userDetail(set.email)).toEqual({ status: 'active', role: 'customer_member', name: 'Lela Block', slug: 'acme', groups: 0 });
    expect(await send(added)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ groups: 1 });
    expect(await send(updated)).toBe('applied');
    expect(await send(removed)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ status: 'active', groups: 0 });
    expect(await send(deleted)).toBe('applied');
    expect(await userDetail(set.email)).toMatchObject({ status: 'suspended' });
  });

  it('takes the primary address of emails[], else the first, when there is no top-level email', async () => {
    const primary = emailsOnly({ tag: 'int_c', name: 'una' });
    const secondary = 'una.secondary@acme.example';
    primary.created.data.emails = [
      { primary: false, type: 'home', value: secondary },
      { primary: true, type: 'work', value: primary.email },
    ];
    expect(await send(JSON.stringify(primary.created))).toBe('applied');
    expect(await userDetail(primary.email)).toMatchObject({ status: 'active' });
    expect(await userDetail(secondary)).toBeUndefined();

    const first = emailsOnly({ tag: 'int_d', name: 'vic' });
    first.created.data.emails = [
      { type: 'work', value: first.email },
      { type: 'home', value: 'vic.other@acme.example' },
    ];
    expect(await send(JSON.stringify(first.created))).toBe('applied');
    expect(await userDetail(first.email)).toMatchObject({ status: 'active' });

    const invalid = emailsOnly({ tag: 'int_e', name: 'wes' });
    invalid.created.data.emails = [{ primary: true, type: 'work', value: 'not-an-address' }];
    await expect(send(JSON.stringify(invalid.created))).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('refuses a signed event with an invalid or out-of-range date (400), applying nothing', async () => {
    const set = withEmail({ tag: 'int_f', name: 'xena' });
    for (const bad of ['not-a-date', '2024-13-45', '2024-13-45T10:00:00.000Z', '+275760-09-13T00:00:00.001Z', '275761-01-01T00:00:00.000Z']) {
      const body = JSON.stringify({ ...set.created, data: { ...set.created.data, updated_at: bad } });
      await expect(send(body), bad).rejects.toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('updated_at') });
      expect(await userDetail(set.email), bad).toBeUndefined();
    }
    // Nothing of the refused event was recorded: the same event, corrected, is applied.
    expect(await send(JSON.stringify(set.created))).toBe('applied');

    const member = { ...set.userAdded, data: { ...set.userAdded.data, user: { ...set.userAdded.data.user, updated_at: 'not-a-date' } } };
    await expect(send(JSON.stringify(member))).rejects.toMatchObject({ status: 400 });
    expect(await userDetail(set.email)).toMatchObject({ groups: 0, name: 'Lela Block' });
    const deletion = { ...set.deleted, data: { ...set.deleted.data, updated_at: '2024-13-45' } };
    await expect(send(JSON.stringify(deletion))).rejects.toMatchObject({ status: 400 });
    expect(await userDetail(set.email)).toMatchObject({ status: 'active' });
  });

  it('refuses a signature dated more than five minutes ahead, or more than three minutes old (401)', async () => {
    const set = withEmail({ tag: 'int_g', name: 'yuri' });
    const body = JSON.stringify(set.created);
    await expect(send(body, signedAt(body, 5 * 60_000 + 1_000))).rejects.toMatchObject({ status: 401, code: 'invalid_signature' });
    await expect(send(body, signedAt(body, 24 * 3_600_000))).rejects.toMatchObject({ status: 401 });
    await expect(send(body, signedAt(body, -(3 * 60_000 + 1_000)))).rejects.toMatchObject({ status: 401 });
    expect(await userDetail(set.email)).toBeUndefined();
    expect(await send(body, signedAt(body, 4 * 60_000)), 'a clock a little ahead is tolerated').toBe('applied');
  });
});
