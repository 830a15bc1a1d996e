import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { deleteAccountInput } from '@/lib/privacy/delete-account';
import { Section } from '@/components/ui/section';

const ROLE_LABELS: Record<string, string> = {
  customer_admin: 'Customer admin',
  customer_member: 'Customer member',
  trust_admin: 'Trust admin',
  support: 'Support engineer',
  break_glass: 'Break-glass holder',
};

const FIELDS = describedFields(deleteAccountInput);
const ERRORS: Record<string, string> = fieldErrors(FIELDS, {
  confirmation_mismatch: 'Type your own e-mail address exactly to confirm the deletion.',
  last_customer_admin:
    'You are your organization’s only customer admin. Make another person a customer admin first, so that someone can still answer lockbox requests.',
  invalid_request: FIELDS.confirm,
});

/** The signed-in person's account: who they are here, their data as a download, and (customers) deletion. */
export function AccountPage({ actor, error }: { actor: CustomerActor | StaffActor; error?: string }) {
  return (
    <div className="max-w-3xl">
      <PageHeading title="Your account">Your details as the portal holds them, a copy of all your personal data, and how to delete your account.</PageHeading>
      <FormNotice error={error} errors={ERRORS} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-600">Name</dt>
        <dd>{actor.name}</dd>
        <dt className="text-slate-600">E-mail</dt>
        <dd className="break-all">{actor.email}</dd>
        <dt className="text-slate-600">Role</dt>
        <dd>{ROLE_LABELS[actor.role] ?? actor.role}</dd>
        <dt className="text-slate-600">Organization</dt>
        <dd>{actor.kind === 'customer' ? actor.tenantName : 'Vendor staff'}</dd>
      </dl>

      <Section id="your-data" title="Your data" className="mt-8">
        <p className="mt-1 text-sm text-slate-700">
          A JSON file with your account, sessions, notifications, the decisions you made and the governance events you took part in. The download is recorded in
          the governance log.
        </p>
        <form method="post" action="/api/me/export" className="mt-3">
          <SubmitButton variant="secondary">Download your data</SubmitButton>
        </form>
      </Section>

      <Section id="delete" title="Delete your account" className="mt-8">
        {actor.kind === 'customer' ? (
          <>
            <p className="mt-1 text-sm text-slate-700">
              Your name and e-mail address are erased from the portal and from the governance log’s list of people; the log’s events stay, naming you only by a
              pseudonym, so {actor.tenantName}’s chain still verifies. Your sessions end at once. A DPA you signed keeps your name, as a signed contract must.
              If your organization’s directory manages your account, it may create a new one.
            </p>
            <form method="post" action="/api/me/delete" className="mt-3 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
              <Field id="confirm" name="confirm" type="email" label="Type your e-mail address to confirm" autoComplete="off" required maxLength={320} />
              <div className="sm:mb-5">
                <SubmitButton variant="danger">Delete my account</SubmitButton>
              </div>
            </form>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-700">
            Vendor staff accounts are removed by a trust admin or by the vendor’s directory; ask them, and your name and e-mail address are erased the same way.
          </p>
        )}
      </Section>
    </div>
  );
}
