import type { Metadata } from 'next';
import { UsersAndRoles, noticeFrom, type UsersSearch } from '@/components/users-and-roles';
import { STAFF_ROLES } from '@/lib/core/roles';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { listMappings, listPeople } from '@/lib/identity/mappings';

export const metadata: Metadata = { title: 'Staff and roles' };

export default async function AdminUsers({ searchParams }: { searchParams: UsersSearch }) {
  const actor = await requireTrustAdmin('/admin/users');
  const db = await getDatabase();
  const [people, mappings] = await Promise.all([listPeople(db, actor), listMappings({ db, actor })]);
  return <UsersAndRoles organization="the vendor" people={people} mappings={mappings} roles={STAFF_ROLES} notice={await noticeFrom(searchParams)} />;
}
