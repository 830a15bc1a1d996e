import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { config } from '@/lib/core/config';
import { getDatabase } from '@/lib/db';
import { listOutbox, type OutboxEntry } from '@/lib/mail/outbox';

export const metadata: Metadata = { title: 'Mail outbox', description: 'Every mail the trust portal sent or queued.' };

const PAGE_SIZE = 25;

function Status({ mail }: { mail: OutboxEntry }) {
  if (mail.sentAt) return <span className="text-emerald-800">Sent {formatDateTime(mail.sentAt)}</span>;
  if (mail.lastError) {
    return (
      <span className="text-red-800">
        Failed {mail.attempts}× — {mail.lastError}
      </span>
    );
  }
  return <span className="text-amber-800">Queued</span>;
}

export default async function OutboxPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/outbox');
  const page = pageParam((await searchParams).page);
  const { total, entries } = await listOutbox(await getDatabase(), actor, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const smtp = Boolean(config().smtpUrl);
  return (
    <div>
      <PageHeading title="Mail outbox">
        {smtp
          ? 'Every mail the portal sends passes through here and is delivered over SMTP; failed deliveries are retried with back-off.'
          : 'No SMTP server is configured (SMTP_URL), so mail is kept here instead of being sent. Copy links from here while you test, and set SMTP_URL before reviewers rely on mail.'}
      </PageHeading>
      {entries.length === 0 ? (
        <EmptyState title="No mail yet">Confirmations, notices and access decisions will appear here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {entries.map((mail) => (
            <li key={mail.id} className="px-4 py-3 text-sm">
              <details>
                <summary className="cursor-pointer list-none">
                  <span className="block font-medium text-slate-900">{mail.subject}</span>
                  <span className="mt-0.5 block text-slate-600">
                    To {mail.to} · {mail.kind} · {formatDateTime(mail.createdAt)} · <Status mail={mail} />
                  </span>
                </summary>
                <pre className="mt-3 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-slate-800">{mail.text}</pre>
                {mail.attachmentName && <p className="mt-2 text-slate-600">Attachment: {mail.attachmentName}</p>}
              </details>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/admin/outbox" page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
