import type { Metadata } from 'next';
import { ACCESS_ERRORS, AccessTabs } from '@/components/access/access-tabs';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { Pagination, pageParam } from '@/components/ui/pagination';
import { listActiveGrants } from '@/lib/access/grants';
import { countPendingRequests } from '@/lib/access/queue';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { formatDay, formatDayTime } from '@/lib/documents/format';

export const metadata: Metadata = { title: 'Active grants', description: 'Who can open confidential documents now, and revoking that access.' };

const PAGE_SIZE = 20;

export default async function ActiveGrants({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireTrustAdmin('/admin/access-requests/grants');
  const query = await searchParams;
  const page = pageParam(query.page);
  const db = await getDatabase();
  const [{ items, total }, pending] = await Promise.all([
    listActiveGrants({ db, clock: systemClock, actor }, { page, pageSize: PAGE_SIZE }),
    countPendingRequests(db, actor),
  ]);
  return (
    <div>
      <AccessTabs current="/admin/access-requests/grants" pending={pending} />
      <FormNotice
        error={typeof query.error === 'string' ? query.error : undefined}
        errors={ACCESS_ERRORS}
        success={query.revoked ? 'Revoked. The link and downloads through it stopped working at once.' : undefined}
      />
      <h2 className="sr-only">Grants that work now</h2>
      {items.length === 0 ? (
        <EmptyState title="No active grants">When a request is approved, its grant is listed here until it expires or you revoke it.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Reviewer</th>
                <th scope="col" className="px-4 py-2 font-medium">Documents</th>
                <th scope="col" className="px-4 py-2 font-medium">Granted</th>
                <th scope="col" className="px-4 py-2 font-medium">Expires</th>
                <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((g) => (
                <tr key={g.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium">{g.name}</span>
                    <span className="block text-xs text-slate-600">
                      {g.email} · {g.company}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{g.documents.join(', ')}</td>
                  <td className="px-4 py-3 text-slate-700">
                    {formatDay(g.createdAt)}
                    <span className="block text-xs text-slate-600">{g.lastUsedAt ? `Last used ${formatDayTime(g.lastUsedAt)}` : 'Not used yet'}</span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{formatDay(g.expiresAt)}</td>
                  <td className="px-4 py-3 text-right">
                    <form method="post" action={`/api/admin/access/grants/${g.id}/revoke`}>
                      <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
                        Revoke<span className="sr-only"> the access of {g.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/access-requests/grants" page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
