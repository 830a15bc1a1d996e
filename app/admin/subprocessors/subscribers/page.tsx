import { Table } from '@/components/ui/table';
import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';

import { SUBSCRIBERS_PAGE_SIZE, listSubscribers, type SubscriberStatus } from '@/lib/subscriptions/list';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Subscribers', description: 'Who is subscribed to sub-processor changes.' };

const STATUS: Record<SubscriberStatus, { label: string; className: string }> = {
  confirmed: { label: 'Confirmed', className: 'bg-emerald-100 text-emerald-900' },
  pending: { label: 'Awaiting confirmation', className: 'bg-amber-100 text-amber-900' },
  unsubscribed: { label: 'Unsubscribed', className: 'bg-slate-200 text-slate-800' },
};

export default async function Subscribers({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/subprocessors/subscribers');
  const page = pageParam((await searchParams).page);
  const { total, byStatus, subscribers } = await listSubscribers({ db: await getDatabase(), actor }, { page, pageSize: SUBSCRIBERS_PAGE_SIZE });
  return (
    <div>
      <BackLink href="/admin/subprocessors" className="text-sm" underline="always">
        Sub-processors
      </BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Subscribers</h1>
      <p className="mt-1 max-w-2xl text-slate-700">
        People who asked for e-mail about sub-processor changes. Only confirmed subscribers are mailed. These addresses are personal data: only trust admins see
        them.
      </p>
      <dl className="mt-4 flex flex-wrap gap-3 text-sm">
        {(Object.keys(STATUS) as SubscriberStatus[]).map((s) => (
          <div key={s} className="rounded-md border border-slate-200 bg-white px-3 py-2">
            <dt className="text-slate-600">{STATUS[s].label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{byStatus[s]}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-6">
        {subscribers.length ? (
          <Table columns={[{ label: 'E-mail' }, { label: 'Status' }, { label: 'Since' }]} caption="Subscribers, newest first">
            {subscribers.map((s) => (
              <tr key={s.id}>
                <td className="break-all px-4 py-2 font-medium">{s.email}</td>
                <td className="px-4 py-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[s.status].className}`}>{STATUS[s.status].label}</span>
                </td>
                <td className="px-4 py-2 text-slate-700">
                  {formatDate(
                    s.status === 'confirmed' && s.confirmedAt
                      ? s.confirmedAt
                      : s.status === 'unsubscribed' && s.unsubscribedAt
                        ? s.unsubscribedAt
                        : s.createdAt,
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState title={total ? 'No subscribers on this page' : 'No subscribers yet'}>
            {total ? (
              <Link href="/admin/subprocessors/subscribers" className="text-brand-700 underline">
                Go to the first page
              </Link>
            ) : (
              'Visitors subscribe on the public sub-processors page.'
            )}
          </EmptyState>
        )}
        <Pagination basePath="/admin/subprocessors/subscribers" page={page} pageSize={SUBSCRIBERS_PAGE_SIZE} total={total} />
      </div>
    </div>
  );
}
