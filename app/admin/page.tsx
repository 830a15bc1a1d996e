import { Table } from '@/components/ui/table';
import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DONE_MESSAGES, LOCKBOX_ERRORS } from '@/components/lockbox/format';
import { tenantDirectory } from '@/components/lockbox/tenant-directory';
import { NotificationsPanel } from '@/components/notifications/notifications-panel';
import { FormNotice } from '@/components/ui/notice';
import { requireStaff } from '@/lib/auth/request';
import { listSessions } from '@/lib/break-glass/sessions';
import { listNotifications } from '@/lib/notifications/inbox';
import { ROLE_LABELS } from '@/lib/core/roles';
import { PortalDashboard } from '@/components/portal-dashboard';
import { systemClock } from '@/lib/core/clock';
import { portalActivity } from '@/lib/dashboard/portal-activity';
import { getDatabase } from '@/lib/db';
import { listTenants } from '@/lib/tenants/list-tenants';
import { NoAdminBadge } from '@/components/tenants/no-admin';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Staff admin' };

export default async function AdminHome({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireStaff('/admin');
  const query = await searchParams;
  const db = await getDatabase();
  const seesReviews = actor.role === 'trust_admin' || actor.role === 'break_glass';
  const [tenants, activity, inbox, reviews, directory] = await Promise.all([
    listTenants(db, actor),
    actor.role === 'trust_admin' ? portalActivity(db, actor, systemClock) : null,
    listNotifications({ db, actor }),
    seesReviews ? listSessions({ db, clock: systemClock, actor }, { openReviews: true, limit: 20 }) : null,
    seesReviews ? tenantDirectory(db, actor) : null,
  ]);
  const done = singleParam(query.done);
  return (
    <div>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      <h1 className="text-2xl font-bold tracking-tight">Welcome, {actor.name.split(' ')[0]}</h1>
      <p className="mt-1 text-slate-700">You are signed in as {ROLE_LABELS[actor.role].toLowerCase()}.</p>
      <NotificationsPanel items={inbox.items} unread={inbox.unread} back="/admin" />
      {reviews ? (
        <Section id="open-reviews" title="Open break-glass reviews" className="mt-8">
          <p className="mt-1 text-sm text-slate-600">Break-glass sessions without their post-incident review, newest first.</p>
          {reviews.sessions.length === 0 ? (
            <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No reviews are open.</p>
          ) : (
            <Table columns={[{ label: 'Tenant' }, { label: 'Incident' }, { label: 'Opened by' }, { label: 'Started' }, { label: 'State' }]} className="mt-3">
              {reviews.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="px-4 py-2 font-medium">
                    {directory?.byId.get(s.tenantId)?.legalName ?? 'Unknown tenant'}
                  </th>
                  <td className="px-4 py-2">{s.incident}</td>
                  <td className="px-4 py-2">{s.invoker.name}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(s.startedAt)}</td>
                  <td className="px-4 py-2">
                    {s.state === 'active'
                      ? 'Active: review after it ends'
                      : actor.role === 'break_glass' && s.invoker.id !== actor.userId
                        ? 'Ended: your review is needed'
                        : 'Ended: awaiting review'}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <p className="mt-2 text-sm">
            <Link href="/admin/break-glass" className="text-brand-700 underline hover:text-brand-900">
              Go to break-glass sessions
            </Link>
          </p>
        </Section>
      ) : null}
      {activity && <PortalDashboard activity={activity} />}
      <Section id="tenants" title="Tenants" className="mt-8">
        <p className="mt-1 text-sm text-slate-600">
          Customers of this trust center. Their confidential records stay hidden from staff unless the customer approves access.
        </p>
        {tenants.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No tenants yet. Tenants appear here when a customer organization is connected.
          </p>
        ) : (
          <Table columns={[{ label: 'Legal name' }, { label: 'Slug' }, { label: 'Since' }]} className="mt-4">
            {tenants.map((t) => (
              <tr key={t.slug}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/tenants/${t.slug}`} className="text-brand-700 underline hover:text-brand-900">
                    {t.legalName}
                  </Link>
                  {t.customerAdmins === 0 ? <NoAdminBadge /> : null}
                </td>
                <td className="px-4 py-2 font-mono text-slate-700">{t.slug}</td>
                <td className="px-4 py-2 text-slate-700">{formatDate(t.createdAt)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
