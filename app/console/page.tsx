import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { DONE_MESSAGES, LOCKBOX_ERRORS } from '@/components/lockbox/format';
import { NotificationsPanel } from '@/components/notifications/notifications-panel';
import { FormNotice } from '@/components/ui/notice';
import { requireCustomer } from '@/lib/auth/request';
import { listNotifications } from '@/lib/notifications/inbox';
import { ROLE_LABELS } from '@/lib/core/roles';
import { getDatabase } from '@/lib/db';
import { listOwnRecords } from '@/lib/tenants/list-records';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Customer console' };

export default async function ConsoleHome({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer('/console');
  const query = await searchParams;
  const db = await getDatabase();
  const [records, inbox] = await Promise.all([listOwnRecords(db, actor), listNotifications({ db, actor })]);
  const done = singleParam(query.done);
  return (
    <div>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      <h1 className="text-2xl font-bold tracking-tight">{actor.tenantName}</h1>
      <p className="mt-1 text-slate-700">
        Signed in as {actor.name}, {ROLE_LABELS[actor.role].toLowerCase()}.
      </p>
      <NotificationsPanel items={inbox.items} unread={inbox.unread} back="/console" />
      <Section id="records" title="Your data held by the vendor" className="mt-8">
        <p className="mt-1 text-sm text-slate-600">
          Only your organization’s users can read these records. Vendor staff see them only while a lockbox request you approved is active.
        </p>
        {records.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            The vendor holds no records for your organization.
          </p>
        ) : (
          <ul className="mt-4 grid gap-3">
            {records.map((r) => (
              <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{r.category}</p>
                <h3 className="mt-1 font-semibold">{r.title}</h3>
                <p className="mt-1 text-sm leading-6 text-slate-700">{r.body}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
