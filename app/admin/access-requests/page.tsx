import { SubmitButton } from '@/components/ui/button';
import type { PageSearchParams } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { AccessTabPage, openAccessTab } from '@/components/access/access-tab-page';
import { VisibilityBadge } from '@/components/documents/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { listAccessRequests } from '@/lib/access/queue';

export const metadata: Metadata = { title: 'Access requests', description: 'Approve or deny reviewers’ requests for confidential documents.' };

const PAGE_SIZE = 10;

export default async function AccessRequestQueue({ searchParams }: { searchParams: PageSearchParams }) {
  const { actor, query, page, db } = await openAccessTab('/admin/access-requests', searchParams);
  const { items, total } = await listAccessRequests({ db, actor }, { view: 'pending', page, pageSize: PAGE_SIZE });
  const success =
    query.decided === 'approved'
      ? 'Approved. The reviewer was e-mailed a sign-in link.'
      : query.decided === 'denied'
        ? 'Denied. The reviewer was e-mailed a polite refusal.'
        : undefined;
  return (
    <AccessTabPage current="/admin/access-requests" pending={total} query={query} success={success}>
      <h2 className="sr-only">Pending requests</h2>
      {items.length === 0 ? (
        <EmptyState title="No requests waiting">New requests that the domain rules send to review appear here, oldest first.</EmptyState>
      ) : (
        <ol className="space-y-4">
          {items.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <article aria-labelledby={`request-${r.id}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id={`request-${r.id}`} className="font-semibold text-slate-900">
                    {r.name} <span className="font-normal text-slate-700">· {r.company}</span>
                  </h3>
                  <p className="text-sm text-slate-600">{formatDateTime(r.createdAt)}</p>
                </div>
                <p className="text-sm text-slate-700">{r.email}</p>
                <blockquote className="mt-3 border-l-4 border-slate-200 pl-3 text-sm text-slate-800">{r.reason}</blockquote>
                <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="font-medium text-slate-700">Documents</dt>
                  <dd>
                    <ul className="space-y-1">
                      {r.documents.map((d) => (
                        <li key={d.slug}>
                          {d.title} <VisibilityBadge visibility={d.visibility} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                  <dt className="font-medium text-slate-700">NDA</dt>
                  <dd>{r.ndaVersion ? `Accepted version ${r.ndaVersion} (click-through, record mailed to you)` : 'Covered by a signed mutual NDA'}</dd>
                  <dt className="font-medium text-slate-700">Rules say</dt>
                  <dd>{r.ruleOutcome?.reason ?? 'Review'}</dd>
                </dl>
                <form method="post" action={`/api/admin/access/requests/${r.id}/approve`} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
                  <label className="block flex-1 text-sm font-medium text-slate-800">
                    Note <span className="font-normal text-slate-600">(kept with the decision, not sent)</span>
                    <input name="note" maxLength={2000} className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2 font-normal" />
                  </label>
                  <div className="flex gap-2">
                    <SubmitButton>
                      Approve<span className="sr-only"> the request of {r.name}</span>
                    </SubmitButton>
                    <button
                      type="submit"
                      formAction={`/api/admin/access/requests/${r.id}/deny`}
                      className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
                    >
                      Deny<span className="sr-only"> the request of {r.name}</span>
                    </button>
                  </div>
                </form>
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination basePath="/admin/access-requests" page={page} pageSize={PAGE_SIZE} total={total} />
    </AccessTabPage>
  );
}
