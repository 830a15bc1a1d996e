import { Table } from '@/components/ui/table';
import type { PageSearchParams } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { ReviewerCell } from '@/components/access/reviewer-cell';
import { AccessTabPage, readAccessTab } from '@/components/access/access-tab-page';
import { RULE_LABELS } from '@/components/access/rule-label';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { listAccessRequests } from '@/lib/access/queue';

export const metadata: Metadata = { title: 'Access decisions', description: 'Recent decisions on access requests, by people and by rules.' };

const PAGE_SIZE = 20;

export default async function AccessDecisions({ searchParams }: { searchParams: PageSearchParams }) {
  const { items, total, query, page, pending } = await readAccessTab('/admin/access-requests/decided', searchParams, (ctx, page) =>
    listAccessRequests(ctx, { view: 'decided', page, pageSize: PAGE_SIZE }),
  );
  const now = new Date();
  return (
    <AccessTabPage current="/admin/access-requests/decided" pending={pending} query={query}>
      <h2 className="sr-only">Decisions, newest first</h2>
      {items.length === 0 ? (
        <EmptyState title="No decisions yet">Approved and denied requests are listed here, newest first.</EmptyState>
      ) : (
        <Table columns={[{ label: 'Requester' }, { label: 'Documents' }, { label: 'Decision' }, { label: 'Access' }]} minWidth="lg">
          {items.map((r) => {
            const active = r.grant && !r.grant.revokedAt && r.grant.expiresAt > now;
            return (
              <tr key={r.id}>
                <ReviewerCell name={r.name} email={r.email} company={r.company} />
                <td className="px-4 py-3 text-slate-700">{r.documents.map((d) => d.title).join(', ')}</td>
                <td className="px-4 py-3">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                      r.status === 'approved' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-red-50 text-red-800 ring-red-200'
                    }`}
                  >
                    {r.status === 'approved' ? 'Approved' : 'Denied'}
                  </span>
                  <span className="block text-xs text-slate-600">
                    {r.decidedByRule ? `By rule: ${RULE_LABELS[r.decidedByRule]}` : `By ${r.decidedBy ?? 'a former admin'}`} ·{' '}
                    {r.decidedAt ? formatDateTime(r.decidedAt) : ''}
                  </span>
                  {r.decisionNote ? <span className="block text-xs text-slate-600">{r.decisionNote}</span> : null}
                </td>
                <td className="px-4 py-3">
                  {!r.grant ? (
                    <span className="text-slate-500">None</span>
                  ) : active ? (
                    <form method="post" action={`/api/admin/access/grants/${r.grant.id}/revoke`} className="flex flex-col items-start gap-1">
                      <span className="text-xs text-slate-700">Until {formatDate(r.grant.expiresAt)}</span>
                      <button type="submit" className="text-sm font-medium text-red-800 hover:underline">
                        Revoke<span className="sr-only"> the access of {r.name}</span>
                      </button>
                    </form>
                  ) : (
                    <span className="text-slate-600">
                      {r.grant.revokedAt ? `Revoked ${formatDate(r.grant.revokedAt)}` : `Expired ${formatDate(r.grant.expiresAt)}`}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <Pagination basePath="/admin/access-requests/decided" page={page} pageSize={PAGE_SIZE} total={total} />
    </AccessTabPage>
  );
}
