import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import { formatDate, isoDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { RichText } from '@/components/portal/rich-text';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { publicSettings } from '@/lib/portal/public-settings';
import { publicUpdatesPage, UPDATES_PAGE_SIZE } from '@/lib/portal/public-updates';

export async function generateMetadata(): Promise<Metadata> {
  const { vendorName } = await publicSettings();
  return {
    title: 'Updates',
    description: `News from ${vendorName} about security, compliance and the trust center, newest first.`,
  };
}

export default async function UpdatesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const page = pageParam((await searchParams).page);
  const { updates, total } = await publicUpdatesPage(page);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeading eyebrow="News" title="Updates">
        <p>
          Changes to our security and compliance posture, newest first. Sub-processor changes are announced on the{' '}
          <a href="/subprocessors" className="text-brand-700 underline">
            sub-processors page
          </a>
          .
        </p>
      </PageHeading>
      {updates.length === 0 ? (
        total === 0 ? (
          <EmptyState title="No updates yet">News about our security and compliance will appear here.</EmptyState>
        ) : (
          <EmptyState title="There is nothing on this page">
            <a href="/updates" className="text-brand-700 underline">
              Go to the latest updates
            </a>
          </EmptyState>
        )
      ) : (
        <ol className="space-y-6">
          {updates.map((u) => (
            <li key={u.id}>
              <article
                id={`update-${u.id}`}
                aria-labelledby={`update-${u.id}-title`}
                className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm print:break-inside-avoid print:shadow-none"
              >
                <p className="text-sm text-slate-600">
                  <time dateTime={isoDateTime(u.publishedAt)}>{formatDate(u.publishedAt)}</time>
                </p>
                <h2 id={`update-${u.id}-title`} className="mt-1 text-xl font-semibold text-slate-950">
                  {u.title}
                </h2>
                <RichText text={u.body} headingLevel={3} className="mt-3" />
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination basePath="/updates" page={page} pageSize={UPDATES_PAGE_SIZE} total={total} />
    </div>
  );
}
