import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DONE_MESSAGES, LOCKBOX_ERRORS } from '@/components/lockbox/format';
import { RequestCard } from '@/components/lockbox/request-card';
import { tenantDirectory } from '@/components/lockbox/tenant-directory';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireStaffRole } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { type ListOptions, listRequests } from '@/lib/lockbox/requests';

export const metadata: Metadata = { title: 'Lockbox requests', description: 'Requests for access to customers’ data, and their answers.' };

const PAGE_SIZE = 10;

// Each tab is a stored status; the cards show the state now (a grant past its end reads
// "expired" before the sweeper records it).
const TABS: { key: string; label: string; states?: ListOptions['states'] }[] = [
  { key: 'all', label: 'All' },
  { key: 'pending', label: 'Pending', states: ['pending'] },
  { key: 'active', label: 'Active', states: ['active'] },
  { key: 'denied', label: 'Denied', states: ['denied'] },
  { key: 'expired', label: 'Expired', states: ['expired'] },
  { key: 'revoked', label: 'Revoked', states: ['revoked'] },
];

export default async function LockboxRequestsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireStaffRole('/admin/lockbox', ['support', 'trust_admin']);
  const query = await searchParams;
  const tab = TABS.find((t) => t.key === singleParam(query.state)) ?? TABS[0];
  const page = pageParam(query.page);
  const db = await getDatabase();
  const now = systemClock.now();
  const [{ total, requests }, tenants] = await Promise.all([
    listRequests({ db, clock: systemClock, actor }, { states: tab.states, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    tenantDirectory(db, actor),
  ]);
  const done = singleParam(query.done);
  return (
    <div>
      <PageHeading title="Lockbox requests">
        {actor.role === 'support'
          ? 'Your requests for access to customers’ data, across tenants. To ask a tenant, open it from Tenants.'
          : 'Every support engineer’s requests for access to customers’ data, and the customers’ answers.'}
      </PageHeading>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      <nav aria-label="Filter by state" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <Link
            key={t.key}
            href={t.key === 'all' ? '/admin/lockbox' : `/admin/lockbox?state=${t.key}`}
            aria-current={t.key === tab.key ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              t.key === tab.key ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-700 hover:text-slate-950'
            }`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <h2 className="sr-only">{tab.label} requests</h2>
      {requests.length === 0 ? (
        <EmptyState title={tab.key === 'all' ? 'No requests yet' : `No ${tab.label.toLowerCase()} requests`}>
          {actor.role === 'support' ? (
            <>
              Ask a tenant for access from its page under{' '}
              <Link href="/admin/tenants" className="text-brand-700 underline hover:text-brand-900">
                Tenants
              </Link>
              .
            </>
          ) : (
            'Support engineers’ requests appear here.'
          )}
        </EmptyState>
      ) : (
        <ol className="space-y-4">
          {requests.map((r) => {
            const tenant = tenants.byId.get(r.tenantId);
            return (
              <RequestCard key={r.id} request={r} now={now} tenant={tenant}>
                {actor.role === 'trust_admin' ? (
                  <p className="mt-3 text-sm text-slate-700">
                    Requested by {r.requester.name} ({r.requester.email})
                  </p>
                ) : null}
              </RequestCard>
            );
          })}
        </ol>
      )}
      <Pagination basePath="/admin/lockbox" page={page} pageSize={PAGE_SIZE} total={total} params={{ state: tab.key === 'all' ? undefined : tab.key }} />
    </div>
  );
}
