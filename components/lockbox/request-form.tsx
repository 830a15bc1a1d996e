import { Back, Justification } from '@/components/lockbox/controls';
import { Field, Select } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { Section } from '@/components/ui/section';
import type { ReactNode } from 'react';

const DURATIONS = [1, 2, 3, 4, 5, 6, 7, 8].map((h) => ({ value: String(h * 60), label: h === 1 ? '1 hour' : `${h} hours` }));

/**
 * A support engineer asks a tenant's admins for access to its data. Posts form-encoded to
 * /api/lockbox/requests and comes back to `back` with `?done=requested` or `?error=<code>`.
 */
export function LockboxRequestForm({ slug, legalName, back }: { slug: string; legalName: string; back: string }) {
  return (
    <form method="post" action="/api/lockbox/requests" className="grid max-w-2xl gap-4" aria-label={`Ask ${legalName} for access`}>
      <input type="hidden" name="tenant" value={slug} />
      <Back to={back} />
      <Justification
        id="lockbox-justification"
        hint={`Why you need ${legalName}’s data: at least 20 characters. The customer’s admins read this before deciding.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="lockbox-ticket" name="ticket" label="Ticket reference" hint="The support case this is for, e.g. CASE-48211." required maxLength={100} />
        <Select id="lockbox-duration" name="durationMinutes" label="Duration" options={DURATIONS} defaultValue="240" hint="Access ends by itself after this." />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Access</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-900">
          <label className="flex items-center gap-2">
            <input type="radio" name="access" value="read" defaultChecked /> Read-only
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="access" value="read_write" /> Read-write
          </label>
        </div>
      </fieldset>
      <div>
        <SubmitButton>Request access</SubmitButton>
      </div>
    </form>
  );
}

/** The support engineer's "Request access" card on a tenant's pages; `children` come before the form. */
export function LockboxRequestSection({ slug, legalName, back, children }: { slug: string; legalName: string; back: string; children?: ReactNode }) {
  return (
    <Section
      id="request-access"
      title="Request access"
      className="rounded-lg border border-slate-200 bg-white p-5"
      headingClassName="mb-3 text-lg font-semibold"
    >
      {children}
      <LockboxRequestForm slug={slug} legalName={legalName} back={back} />
    </Section>
  );
}
