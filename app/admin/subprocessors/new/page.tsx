import { SubmitButton } from '@/components/ui/button';
import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { ChangeFields, FormError } from '@/components/subprocessors/change-form';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { readChangeFormState } from '@/lib/subprocessors/form-state';
import { NOTICE_DAYS, earliestEffectiveDate } from '@/lib/subprocessors/notice';
import { BackLink } from '@/components/ui/back-link';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Schedule a new sub-processor', description: 'Schedule the addition of a sub-processor with the notice it needs.' };

export default async function NewSubprocessor({ searchParams }: { searchParams: PageSearchParams }) {
  await requireTrustAdmin('/admin/subprocessors/new');
  const state = readChangeFormState(await searchParams);
  const now = systemClock.now();
  const standard = earliestEffectiveDate(now, NOTICE_DAYS.standard);
  const records = earliestEffectiveDate(now, NOTICE_DAYS.customerRecords);
  return (
    <div>
      <BackLink href="/admin/subprocessors" className="text-sm" underline="always">
        Sub-processors
      </BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Schedule a new sub-processor</h1>
      <p className="mt-1 max-w-2xl text-slate-700">
        It is saved as a draft; nobody outside the trust admins sees it until you announce it. A new sub-processor needs {NOTICE_DAYS.standard} days’ notice, or{' '}
        {NOTICE_DAYS.customerRecords} when it processes customer records.
      </p>
      <FormCard id="change" action="/api/admin/subprocessors/changes" className="mt-6 p-5">
        <FormError state={state} />
        <input type="hidden" name="kind" value="add" />
        <ChangeFields
          values={state.values}
          noticeHint={`If announced today: from ${standard}, or from ${records} if it processes customer records. Takes effect at 00:00 UTC.`}
        />
        <div className="mt-5">
          <SubmitButton>Save draft</SubmitButton>
        </div>
      </FormCard>
    </div>
  );
}
