import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { ChangeList } from '@/components/subprocessors/change-list';
import { SubprocessorTable } from '@/components/subprocessors/subprocessor-table';
import { SubscribeForm } from '@/components/subprocessors/subscribe-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { publicSettings } from '@/lib/portal/public-settings';

import { filterOptions, filterSubprocessors, isFiltered, parseFilter } from '@/lib/subprocessors/filter';
import { NOTICE_DAYS } from '@/lib/subprocessors/notice';
import { publicSubprocessors } from '@/lib/subprocessors/public';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = {
  title: 'Sub-processors',
  description:
    'The third parties that process data on our behalf: purpose, data, locations and transfer mechanism, with upcoming changes and their effective dates.',
  alternates: { types: { 'application/atom+xml': '/subprocessors/feed.xml', 'application/json': '/subprocessors.json' } },
};

const field = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal';

export default async function SubprocessorsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = await searchParams;
  const [view, settings] = await Promise.all([publicSubprocessors(), publicSettings()]);
  const filter = parseFilter(params);
  const shown = filterSubprocessors(view.current, filter);
  const options = filterOptions(view.current);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <PageHeading eyebrow="Trust Center" title="Sub-processors">
        <p>
          The third parties {settings.vendorName} uses to run its service, and what each does with data. We announce a new sub-processor at least{' '}
          {NOTICE_DAYS.standard} days before it starts, and {NOTICE_DAYS.customerRecords} days before when it will process customer records; the same goes for a
          change that widens what one does.
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {view.updatedAt ? <>Last updated {formatDate(view.updatedAt)}. </> : null}
          Also as{' '}
          <a href="/subprocessors.json" className="text-brand-700 underline">
            JSON
          </a>{' '}
          and as an{' '}
          <a href="/subprocessors/feed.xml" className="text-brand-700 underline">
            Atom feed
          </a>
          .
        </p>
      </PageHeading>

      <Section id="upcoming" title="Upcoming changes" className="mt-8" headingClassName="text-xl font-semibold text-slate-900">
        <div className="mt-3">
          {view.upcoming.length ? (
            <ChangeList changes={view.upcoming} />
          ) : (
            <EmptyState title="No changes are scheduled">Announced changes appear here with their effective dates.</EmptyState>
          )}
        </div>
      </Section>

      <Section id="current" title="Current sub-processors" className="mt-10" headingClassName="text-xl font-semibold text-slate-900">
        <form
          method="get"
          action="/subprocessors"
          role="search"
          aria-label="Sub-processors"
          className="no-print mt-3 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end"
        >
          <label className="flex flex-col text-sm font-medium">
            Search
            <input type="search" name="q" defaultValue={filter.q} maxLength={100} placeholder="Name, purpose, data or country" className={field} />
          </label>
          <label className="flex flex-col text-sm font-medium">
            Location
            <select name="location" defaultValue={filter.location} className={field}>
              <option value="">All locations</option>
              {options.locations.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-medium">
            Data category
            <select name="category" defaultValue={filter.category} className={field}>
              <option value="">All data categories</option>
              {options.categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-center gap-3">
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Apply
            </button>
            {isFiltered(filter) ? (
              <a href="/subprocessors" className="text-sm text-brand-700 underline">
                Clear
              </a>
            ) : null}
          </div>
        </form>
        <p className="mt-3 text-sm text-slate-700" role="status">
          {isFiltered(filter) ? `${shown.length} of ${view.current.length} sub-processors match.` : `${view.current.length} sub-processors.`}
        </p>
        <div className="mt-2 md:overflow-hidden md:rounded-lg md:border md:border-slate-200 md:bg-white">
          {shown.length ? (
            <SubprocessorTable rows={shown} caption={`Current sub-processors of ${settings.vendorName}`} />
          ) : (
            <EmptyState title={view.current.length ? 'No sub-processor matches' : 'No sub-processors yet'}>
              {view.current.length ? 'Try another search or clear the filters.' : 'When we use one, it is announced here first.'}
            </EmptyState>
          )}
        </div>
      </Section>

      <div className="no-print mt-10">
        <SubscribeForm subscribed={params.subscribed === '1'} error={singleParam(params.subscribe_error)} />
      </div>
    </div>
  );
}
