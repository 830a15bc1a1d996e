import type { Metadata } from 'next';
import { UsersAndRoles, noticeFrom, type UsersSearch } from '@/components/users-and-roles';
import { CUSTOMER_ROLES } from '@/lib/core/roles';
import { requireCustomerRole } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { jitProvisioning, listMappings, listPeople } from '@/lib/identity/mappings';

export const metadata: Metadata = { title: 'Users and roles' };

export default async function ConsoleUsers({ searchParams }: { searchParams: UsersSearch }) {
  const actor = await requireCustomerRole('/console/users', ['customer_admin']);
  const db = await getDatabase();
  const [people, mappings, jit] = await Promise.all([listPeople(db, actor), listMappings({ db, actor }), jitProvisioning(db, actor)]);
  return (
    <UsersAndRoles
      organization={actor.tenantName}
      people={people}
      mappings={mappings}
      roles={CUSTOMER_ROLES}
      notice={await noticeFrom(searchParams)}
      jitProvisioning={jit}
    />
  );
}
