import { formatDate } from '@/lib/core/dates';
import Link from 'next/link';
import type { PortalActivity } from '@/lib/dashboard/portal-activity';
import { ActivityChart } from './activity-chart';
import { Section } from '@/components/ui/section';

const KIND_LABELS = { add: 'New', update: 'Change', remove: 'Removal' } as const;

function Card({ title, href, linkLabel, children }: { title: string; href: string; linkLabel: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{title}</h3>
        <Link href={href} className="text-sm text-brand-700 hover:underline">
          {linkLabel}
        </Link>
      </div>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

/** The trust admin's view of the portal: activity, and what waits for them. */
export function PortalDashboard({ activity }: { activity: PortalActivity }) {
  return (
    <Section id="portal-activity" title="Trust portal" className="mt-8">
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <ActivityChart days={activity.days} />
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={`Pending access requests (${activity.pendingRequestCount})`} href="/admin/access-requests" linkLabel="Open queue">
          {activity.pendingRequests.length === 0 ? (
            <p className="text-slate-600">Nothing waits for a decision.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {activity.pendingRequests.map((r) => (
                <li key={r.id} className="py-1.5">
                  <span className="font-medium">{r.name}</span>, {r.company} <span className="text-slate-600">· {formatDate(r.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Upcoming sub-processor changes" href="/admin/subprocessors" linkLabel="Manage">
          {activity.upcomingChanges.length === 0 ? (
            <p className="text-slate-600">No announced change is waiting to take effect.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {activity.upcomingChanges.map((c) => (
                <li key={c.id} className="py-1.5">
                  {KIND_LABELS[c.kind]}: <span className="font-medium">{c.name}</span>{' '}
                  <span className="text-slate-600">· effective {formatDate(c.effectiveAt)}</span>
                </li>
              ))}
            </ul>
          )}
          {activity.draftChangeCount > 0 && (
            <p className="mt-2 text-amber-800">
              {activity.draftChangeCount} drafted change{activity.draftChangeCount === 1 ? '' : 's'} not announced yet.
            </p>
          )}
        </Card>
        <Card title="Documents expiring within 30 days" href="/admin/documents" linkLabel="Documents">
          {activity.expiringDocuments.length === 0 ? (
            <p className="text-slate-600">Every document is valid for at least another 30 days.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {activity.expiringDocuments.map((d) => (
                <li key={d.slug} className="py-1.5">
                  <span className="font-medium">{d.title}</span>{' '}
                  <span className={d.expired ? 'font-medium text-red-700' : 'text-slate-600'}>
                    · {d.expired ? 'expired' : 'valid until'} {formatDate(d.validUntil)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Mail" href="/admin/outbox" linkLabel="Outbox">
          <p className="text-slate-700">
            {activity.unsentMail === 0 ? 'Every mail has been delivered.' : `${activity.unsentMail} mail waiting in the outbox.`}
          </p>
        </Card>
      </div>
    </Section>
  );
}
