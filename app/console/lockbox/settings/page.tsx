import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { Back } from '@/components/lockbox/controls';
import { Field, Select } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { DONE_MESSAGES, LOCKBOX_ERRORS } from '@/components/lockbox/format';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { requireCustomer } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { readLockboxSettings } from '@/lib/lockbox/settings';
import { Section } from '@/components/ui/section';
import { BackLink } from '@/components/ui/back-link';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Lockbox settings', description: 'How long lockbox requests wait, and how many admins approve them.' };

const HERE = '/console/lockbox/settings';

export default async function LockboxSettingsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer(HERE);
  const query = await searchParams;
  const settings = await readLockboxSettings({ db: await getDatabase(), actor });
  const hours = Math.round(settings.requestExpiryMinutes / 60);
  const done = singleParam(query.done);
  return (
    <div>
      <BackLink href="/console/lockbox" underline="darken">
        Lockbox
      </BackLink>
      <PageHeading title="Lockbox settings">
        How vendor staff requests for access to {actor.tenantName}’s data are answered. Changes apply to new requests.
      </PageHeading>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      {actor.role === 'customer_admin' ? (
        <FormCard action="/api/lockbox/settings" className="grid max-w-md gap-4 p-5">
          <Back to={HERE} />
          <Field
            id="request-expiry-hours"
            name="requestExpiryHours"
            type="number"
            label="Requests expire unanswered after (hours)"
            hint="1 to 168 hours (7 days)."
            required
            min={1}
            max={168}
            step={1}
            defaultValue={hours}
          />
          <Select
            id="required-approvals"
            name="requiredApprovals"
            label="Approvals needed"
            hint="With two, a second customer admin must approve before access starts."
            defaultValue={String(settings.requiredApprovals)}
            options={[
              { value: '1', label: 'One customer admin' },
              { value: '2', label: 'Two customer admins' },
            ]}
          />
          <div>
            <SubmitButton>Save the settings</SubmitButton>
          </div>
        </FormCard>
      ) : (
        <Section id="current" title="Current settings" className="max-w-md rounded-lg border border-slate-200 bg-white p-5">
          <dl className="mt-3 grid grid-cols-[1fr_auto] gap-y-2 text-sm">
            <dt className="font-medium text-slate-700">Requests expire unanswered after</dt>
            <dd>{hours === 1 ? '1 hour' : `${hours} hours`}</dd>
            <dt className="font-medium text-slate-700">Approvals needed</dt>
            <dd>{settings.requiredApprovals === 2 ? 'Two customer admins' : 'One customer admin'}</dd>
          </dl>
          <p className="mt-3 text-sm text-slate-600">Only your organization’s customer admins can change these.</p>
        </Section>
      )}
    </div>
  );
}
