import { Back, Justification } from '@/components/lockbox/controls';
import { Field, Select } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';

const DURATIONS = [
  { value: '15', label: '15 minutes' },
  { value: '30', label: '30 minutes' },
  { value: '60', label: '60 minutes' },
];

/**
 * A designated holder opens emergency access. With one `tenant` the form is for that tenant;
 * with `tenants` the holder chooses one. Posts to /api/break-glass.
 */
export function BreakGlassForm({
  tenant,
  tenants,
  back,
}: {
  tenant?: { slug: string; legalName: string };
  tenants?: { slug: string; legalName: string }[];
  back: string;
}) {
  return (
    <form method="post" action="/api/break-glass" className="grid max-w-2xl gap-4" aria-label="Invoke break-glass access">
      <Back to={back} />
      {tenant ? (
        <input type="hidden" name="tenant" value={tenant.slug} />
      ) : (
        <Select
          id="break-glass-tenant"
          name="tenant"
          label="Tenant"
          required
          options={[{ value: '', label: 'Choose a tenant' }, ...(tenants ?? []).map((t) => ({ value: t.slug, label: t.legalName }))]}
        />
      )}
      <Justification
        id="break-glass-justification"
        hint="What is broken and why it cannot wait for the customer’s approval: at least 20 characters. The customer’s admins are told at once."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="break-glass-incident" name="incident" label="Incident reference" hint="e.g. INC-2291." required maxLength={100} />
        <Select id="break-glass-duration" name="durationMinutes" label="Duration" options={DURATIONS} defaultValue="30" hint="At most one hour." />
      </div>
      <div>
        <SubmitButton variant="danger">{tenant ? `Invoke break-glass on ${tenant.legalName}` : 'Invoke break-glass'}</SubmitButton>
      </div>
    </form>
  );
}
