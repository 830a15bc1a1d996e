import { Table } from '@/components/ui/table';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { NoAdminBadge } from '@/components/tenants/no-admin';
import { requireStaff } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';

import { listTenants } from '@/lib/tenants/list-tenants';

export const metadata: Metadata = { title: 'Tenants', description: 'The customers of this trust center, and access to their data.' };

export default async function TenantsPage() {
  const actor = await requireStaff('/admin/tenants');
  const tenants = await listTenants(await getDatabase(), actor);
  return (
    <div>
      <PageHeading title="Tenants">
        The customers of this trust center. Their data stays hidden from staff until a customer admin approves a lockbox request, or a break-glass holder opens
        emergency access.
      </PageHeading>
      {tenants.length === 0 ? (
        <EmptyState title="No tenants yet">Tenants appear here when a customer organization is connected.</EmptyState>
      ) : (
        <Table
          columns={[{ label: 'Legal name' }, { label: 'Slug' }, { label: 'Customer admins' }, { label: 'Customer since' }, { label: 'Data' }]}
          caption="Tenants"
        >
          {tenants.map((t) => (
            <tr key={t.slug}>
              <th scope="row" className="px-4 py-2 font-medium">
                <Link href={`/admin/tenants/${t.slug}`} className="text-brand-700 underline hover:text-brand-900">
                  {t.legalName}
                </Link>
                {t.customerAdmins === 0 ? <NoAdminBadge /> : null}
              </th>
              <td className="px-4 py-2 font-mono text-slate-700">{t.slug}</td>
              <td className="px-4 py-2 text-slate-700">{t.customerAdmins}</td>
              <td className="px-4 py-2 text-slate-700">{formatDate(t.createdAt)}</td>
              <td className="px-4 py-2">
                <Link href={`/admin/tenants/${t.slug}/data`} className="text-brand-700 underline hover:text-brand-900">
                  Data<span className="sr-only"> of {t.legalName}</span>
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
