import { SubmitButton } from '@/components/ui/button';
import { type PageSearchParams, type SearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { ChangeList } from '@/components/subprocessors/change-list';
import { SubprocessorTable } from '@/components/subprocessors/subprocessor-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { isoDate } from '@/lib/subprocessors/dates';
import { readAdminSubprocessors } from '@/lib/subprocessors/read';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Sub-processors', description: 'Schedule, announce and cancel sub-processor changes.' };

const ERRORS: Record<string, string> = {
  nothing_to_announce: 'There are no drafts to announce.',
  notice_too_short: 'A draft’s effective date is now too early for the notice rule (see the drafts below): cancel it and schedule it again with a later date.',
  later_changes: 'That change has later changes of the same sub-processor scheduled after it: cancel those first.',
  already_effective: 'That change has already taken effect: schedule a new change to undo it.',
  already_cancelled: 'That change was already cancelled.',
  not_found: 'That change no longer exists.',
  subprocessor_exists: 'A draft no longer fits: its sub-processor already exists on that date. Cancel the draft.',
  not_a_subprocessor: 'A draft no longer fits: its sub-processor does not exist on that date. Cancel the draft.',
};

function success(p: SearchParams) {
  if (typeof p.scheduled === 'string') return `Draft saved for ${p.scheduled}. Announce it to publish it and notify subscribers.`;
  if (typeof p.announced === 'string')
    return `Announced ${p.announced} change${p.announced === '1' ? '' : 's'}: subscribers are being notified, and the public page and feed show ${p.announced === '1' ? 'it' : 'them'}.`;
  if (p.cancelled === '1') return 'Change cancelled.';
  return undefined;
}

/** Cancels a drafted or announced change; `label` says which, for screen readers. */
function CancelForm({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <form method="post" action={`/api/admin/subprocessors/changes/${id}/cancel`}>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50"
        aria-label={label}
      >
        {children}
      </button>
    </form>
  );
}

export default async function AdminSubprocessors({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/subprocessors');
  const params = await searchParams;
  const view = await readAdminSubprocessors({ db: await getDatabase(), clock: systemClock, actor });
  const n = view.drafts.length;

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Sub-processors</h1>
          <p className="mt-1 max-w-2xl text-slate-700">
            Changes are scheduled as drafts, then announced together: subscribers get one e-mail, the feed one entry per change, and each change takes effect by
            itself on its date.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/subprocessors/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Schedule a new sub-processor
          </Link>
          <Link href="/admin/subprocessors/subscribers" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            Subscribers
          </Link>
        </div>
      </div>
      <div className="mt-4">
        <FormNotice error={singleParam(params.error)} errors={ERRORS} success={success(params)} />
      </div>

      <section aria-labelledby="drafts" className="mt-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="drafts" className="text-lg font-semibold">
            Drafts
          </h2>
          {n ? (
            <form method="post" action="/api/admin/subprocessors/announce">
              <SubmitButton>
                Announce {n} change{n === 1 ? '' : 's'}
              </SubmitButton>
            </form>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">Only trust admins see drafts. The notice rule is checked again when you announce.</p>
        <div className="mt-3">
          {n ? (
            <ChangeList
              changes={view.drafts}
              extra={(d) => (
                <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
                  <p className={`text-sm ${d.onTime ? 'text-slate-600' : 'font-medium text-red-800'}`}>
                    {d.noticeDays ? `Needs ${d.noticeDays} days’ notice: ` : 'Needs no notice: '}
                    {d.onTime
                      ? `announced today, it may take effect from ${d.earliestDate}.`
                      : `too early if announced today; the earliest effective date is now ${d.earliestDate}.`}
                  </p>
                  <CancelForm id={d.id} label={`Cancel the draft: ${d.name}, effective ${isoDate(d.effectiveAt)}`}>
                    Cancel draft
                  </CancelForm>
                </div>
              )}
            />
          ) : (
            <EmptyState title="No drafts">Schedule an addition, or change or remove a current sub-processor.</EmptyState>
          )}
        </div>
      </section>

      <Section id="upcoming" title="Announced, not yet in effect" className="mt-10">
        <div className="mt-3">
          {view.upcoming.length ? (
            <ChangeList
              changes={view.upcoming}
              extra={(c) => (
                <div className="mt-3 flex justify-end border-t border-slate-100 pt-3">
                  <CancelForm id={c.id} label={`Cancel the announced change: ${c.name}, effective ${isoDate(c.effectiveAt)}`}>
                    Cancel change and tell subscribers
                  </CancelForm>
                </div>
              )}
            />
          ) : (
            <EmptyState title="Nothing announced is pending" />
          )}
        </div>
      </Section>

      <Section id="current" title="Current sub-processors" className="mt-10">
        <div className="mt-3 md:overflow-hidden md:rounded-lg md:border md:border-slate-200 md:bg-white">
          {view.current.length ? (
            <SubprocessorTable
              rows={view.current}
              caption="Current sub-processors"
              compact
              action={(s) => (
                <Link
                  href={`/admin/subprocessors/${s.slug}/change`}
                  className="text-sm font-medium text-brand-700 underline"
                  aria-label={`Change or remove ${s.name}`}
                >
                  Change or remove
                </Link>
              )}
            />
          ) : (
            <EmptyState title="No current sub-processors">Schedule one; it appears here on its effective date.</EmptyState>
          )}
        </div>
      </Section>
    </div>
  );
}
