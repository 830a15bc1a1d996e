import { SubmitButton } from '@/components/ui/button';
import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChangeFields, FormError, Input } from '@/components/subprocessors/change-form';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readChangeFormState } from '@/lib/subprocessors/form-state';
import { NOTICE_DAYS, earliestEffectiveDate } from '@/lib/subprocessors/notice';
import { readAdminSubprocessors } from '@/lib/subprocessors/read';
import { stateAfter } from '@/lib/subprocessors/timeline';
import { Section } from '@/components/ui/section';
import { BackLink } from '@/components/ui/back-link';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Change or remove a sub-processor', description: 'Schedule an update or the removal of a sub-processor.' };

export default async function ChangeSubprocessor({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: PageSearchParams }) {
  const { slug } = await params;
  const actor = await requireTrustAdmin(`/admin/subprocessors/${encodeURIComponent(slug)}/change`, '/admin/subprocessors/[slug]/change');
  const view = await readAdminSubprocessors({ db: await getDatabase(), clock: systemClock, actor });
  const known = view.known.find((k) => k.slug === slug);
  if (!known) notFound();
  const current = view.current.find((c) => c.slug === slug);
  // The form starts from what it will be once every scheduled change has taken effect.
  const scheduled = stateAfter([...view.upcoming, ...view.drafts].filter((c) => c.slug === slug));
  const initial = scheduled ?? current;
  const state = readChangeFormState(await searchParams);
  const updateState = state.values.kind === 'remove' ? { values: {}, issues: [] } : state;
  const removeState = state.values.kind === 'remove' ? state : { values: {}, issues: [] };
  const now = systemClock.now();
  const today = earliestEffectiveDate(now, 0);

  return (
    <div>
      <BackLink href="/admin/subprocessors" className="text-sm" underline="always">
        Sub-processors
      </BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{known.name}</h1>
      <p className="mt-1 max-w-2xl text-slate-700">
        {current ? 'A current sub-processor.' : 'Not current yet: its addition is scheduled.'} Each change is saved as a draft and published when you announce
        it.
      </p>

      <Section id="update" title="Schedule a change" className="mt-6">
        <FormCard id="change" action="/api/admin/subprocessors/changes" className="mt-3 p-5">
          <FormError state={updateState} before={initial ?? null} />
          <input type="hidden" name="kind" value="update" />
          <input type="hidden" name="subprocessor" value={slug} />
          <ChangeFields
            initial={initial ?? undefined}
            values={updateState.values}
            noticeHint={`If announced today: from ${today} when it only narrows or rewords; from ${earliestEffectiveDate(now, NOTICE_DAYS.standard)} when it adds a location or data category, or from ${earliestEffectiveDate(now, NOTICE_DAYS.customerRecords)} when it then processes customer records.`}
          />
          <div className="mt-5">
            <SubmitButton>Save change as draft</SubmitButton>
          </div>
        </FormCard>
      </Section>

      <Section id="remove-heading" title="Schedule its removal" className="mt-10">
        <FormCard id="remove" action="/api/admin/subprocessors/changes" className="mt-3 p-5">
          <FormError state={removeState} />
          <input type="hidden" name="kind" value="remove" />
          <input type="hidden" name="subprocessor" value={slug} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Input
              id="remove-effectiveDate"
              name="effectiveDate"
              label="Effective date"
              hint={`A removal needs no notice: from ${today}.`}
              type="date"
              required
              defaultValue={removeState.values.effectiveDate}
            />
            <Input id="remove-reason" name="reason" label="Reason for the removal" maxLength={1000} defaultValue={removeState.values.reason} />
          </div>
          <div className="mt-5">
            <SubmitButton variant="dangerOutline">Save removal as draft</SubmitButton>
          </div>
        </FormCard>
      </Section>
    </div>
  );
}
