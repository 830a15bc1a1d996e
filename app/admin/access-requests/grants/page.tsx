import { SubmitButton } from '@/components/ui/button';
import { Table } from '@/components/ui/table';
import type { PageSearchParams } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { ReviewerCell } from '@/components/access/reviewer-cell';
import { AccessTabPage, readAccessTab } from '@/components/access/access-tab-page';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { listActiveGrants } from '@/lib/access/grants';
import { systemClock } from '@/lib/core/clock';

export const metadata: Metadata = { title: 'Active grants', description: 'Who can open confidential documents now, and revoking that access.' };

const PAGE_SIZE = 20;

export default async function ActiveGrants({ searchParams }: { searchParams: PageSearchParams }) {
  const { items, total, query, page, pending } = await readAccessTab('/admin/access-requests/grants', searchParams, (ctx, page) =>
    listActiveGrants({ ...ctx, clock: systemClock }, { page, pageSize: PAGE_SIZE }),
  );
  return (
    <AccessTabPage
      current="/admin/access-requests/grants"
      pending={pending}
      query={query}
      success={query.revoked ? 'Revoked. The link and downloads through it stopped working at once.' : undefined}
    >
      <h2 className="sr-only">Grants that work now</h2>
      {items.length === 0 ? (
        <EmptyState title="No active grants">When a request is approved, its grant is listed here until it expires or you revoke it.</EmptyState>
      ) : (
        <Table
          columns={[{ label: 'Reviewer' }, { label: 'Documents' }, { label: 'Granted' }, { label: 'Expires' }, { label: 'Actions', srOnly: true }]}
          minWidth="lg"
        >
          {items.map((g) => (
            <tr key={g.id}>
              <ReviewerCell name={g.name} email={g.email} company={g.company} />
              <td className="px-4 py-3 text-slate-700">{g.documents.join(', ')}</td>
              <td className="px-4 py-3 text-slate-700">
                {formatDate(g.createdAt)}
                <span className="block text-xs text-slate-600">{g.lastUsedAt ? `Last used ${formatDateTime(g.lastUsedAt)}` : 'Not used yet'}</span>
              </td>
              <td className="px-4 py-3 text-slate-700">{formatDate(g.expiresAt)}</td>
              <td className="px-4 py-3 text-right">
                <form method="post" action={`/api/admin/access/grants/${g.id}/revoke`}>
                  <SubmitButton variant="dangerOutline" size="sm">
                    Revoke<span className="sr-only"> the access of {g.name}</span>
                  </SubmitButton>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination basePath="/admin/access-requests/grants" page={page} pageSize={PAGE_SIZE} total={total} />
    </AccessTabPage>
  );
}
