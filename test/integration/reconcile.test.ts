import type { WorkOS } from '@workos-inc/node';
import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { reconcileDirectories } from '@/lib/identity/reconcile';
import { describeEachDatabase } from '../helpers/databases';
import { FAKE_PROFILES } from '../helpers/fake-workos/fixtures';
import type { FakeDirectoryUser } from '../helpers/fake-workos/server';
import { fakeWorkOSForSuite } from '../helpers/fake-workos/suite';

const person = (name: string, directoryId: string, groups: string[], state: 'active' | 'inactive' = 'active'): FakeDirectoryUser => ({
  id: `directory_user_${name}`,
  directoryId,
  organizationId: directoryId.replace('directory_', 'org_'),
  email: `${name}@${directoryId === 'directory_vendor' ? 'vendor' : directoryId.replace('directory_', '')}.example`,
  firstName: name[0].toUpperCase() + name.slice(1),
  lastName: 'Synced',
  state,
  groups,
});

describeEachDatabase('workos sync', (t) => {
  let workos: WorkOS;
  const clock = manualClock(new Date());

  const fake = fakeWorkOSForSuite(t, {
    profiles: FAKE_PROFILES,
    groups: [
      { id: 'g_acme_admins', directoryId: 'directory_acme', organizationId: 'org_acme', name: 'Trust Center Admins' },
      { id: 'g_vendor_support', directoryId: 'directory_vendor', organizationId: 'org_vendor', name: 'Support Engineers' },
    ],
    users: [
      person('carol', 'directory_acme', ['g_acme_admins']),
      // dan is missing from acme's directory: he was removed while webhooks were down.
      person('paul', 'directory_acme', ['g_acme_admins']),
      person('quinn', 'directory_acme', [], 'inactive'),
      person('erin', 'directory_globex', []),
      person('rita', 'directory_vendor', ['g_vendor_support']),
    ],
  });
  beforeAll(() => {
    workos = fake.client();
  });

  const state = () =>
    t().admin.transaction((q) => q.query<{ email: string; role: string; status: string }>('SELECT email, role, status FROM users ORDER BY email'));

  it('converges users, groups and roles to the directories, and a second run changes nothing', async () => {
    const reports = await reconcileDirectories(t().db, clock, workos, { vendorDirectoryId: 'directory_vendor' });
    expect(reports.find((r) => r.directory === 'directory_acme')).toMatchObject({ users: 3, groups: 1, deprovisioned: 1 });
    const after = await state();
    const byEmail = Object.fromEntries(after.map((u) => [u.email, u]));
    expect(byEmail['paul@acme.example']).toMatchObject({ role: 'customer_admin', status: 'active' });
    expect(byEmail['quinn@acme.example']).toMatchObject({ status: 'suspended' });
    expect(byEmail['dan@acme.example']).toMatchObject({ status: 'suspended' });
    expect(byEmail['carol@acme.example']).toMatchObject({ role: 'customer_admin', status: 'active' });
    expect(byEmail['rita@vendor.example']).toMatchObject({ role: 'support', status: 'active' });
    expect(byEmail['alice@vendor.example'], 'staff the directory never provisioned are left alone').toMatchObject({ status: 'active' });

    await reconcileDirectories(t().db, clock, workos, { vendorDirectoryId: 'directory_vendor' });
    expect(await state()).toEqual(after);
  });
});
