import { SubmitButton } from '@/components/ui/button';
import { formatDateTime } from '@/lib/core/dates';
import Link from 'next/link';
import type { NotificationView } from '@/lib/notifications/inbox';

/**
 * The signed-in person's latest notifications, unread ones marked, with "Mark all read"
 * (a form posting to /api/notifications/read that comes back to `back?done=read`).
 */
export function NotificationsPanel({ items, unread, back }: { items: NotificationView[]; unread: number; back: string }) {
  return (
    <section aria-labelledby="notifications" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="notifications" className="text-lg font-semibold">
          Notifications
          {unread > 0 ? <span className="ml-2 rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">{unread} unread</span> : null}
        </h2>
        {unread > 0 ? (
          <form method="post" action="/api/notifications/read">
            <input type="hidden" name="back" value={back} />
            <SubmitButton variant="secondary" size="sm">
              Mark all read
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No notifications yet. Lockbox requests, decisions and break-glass sessions that concern you appear here.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`p-4 ${n.read ? '' : 'bg-brand-50/60'}`} data-notification={n.id}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">
                  {n.read ? null : <span className="mr-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">New</span>}
                  {n.link ? (
                    <Link href={n.link} className="text-brand-700 underline hover:text-brand-900">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="text-xs text-slate-600">{formatDateTime(n.createdAt)}</p>
              </div>
              <div className="mt-1 space-y-1 text-sm text-slate-700">
                {n.body.split(/\n{2,}/).map((para, i) => (
                  <p key={i} className="whitespace-pre-line break-words">
                    {para}
                  </p>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
