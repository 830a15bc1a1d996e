import { WorkOS } from '@workos-inc/node';
import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '@/lib/clock';
import { createSession, resolveSession } from '@/lib/auth/sessions';
import { addMapping, removeMapping } from '@/lib/identity/mappings';
import { handleWorkosWebhook, type WebhookDeps } from '@/lib/identity/webhook';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';
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
  const send = (body: string, signature = signWebhook(body, FAKE_WORKOS.webhookSecret)) => handleWorkosWebhook(deps, body, signature);
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
      workos: new WorkOS(FAKE_WORKOS.apiKey, { clientId: FAKE_WORKOS.clientId, https: false, apiHostname: '127.0.0.1', port: 9 }),
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
    await send(event('dsync.group.user_added', { directory_id: 'directory_vendor', user: hank, group: wireGroup('g_vendor_admins', 'Trust Center Admins', 'directory_vendor') }));
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
    await expect(send(body, signWebhook(body, FAKE_WORKOS.webhookSecret, Date.now() - 10 * 60_000))).rejects.toMatchObject({ status: 401 });
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
    const created = await addMapping(t().db, clock, carolActor, { groupName: 'security team', role: 'customer_admin' });
    expect((await userByEmail('olga@acme.example')).role).toBe('customer_admin');
    expect((await userByEmail('carol@acme.example')).role, 'people in no group keep their role').toBe('customer_admin');
    await removeMapping(t().db, clock, carolActor, created.id);
    expect((await userByEmail('olga@acme.example')).role).toBe('customer_member');
    await expect(addMapping(t().db, clock, { ...carolActor, role: 'customer_member' }, { groupName: 'x', role: 'customer_admin' })).rejects.toMatchObject({
      status: 403,
    });
  });
});
