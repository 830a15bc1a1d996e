import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormCard } from '@/components/ui/form-card';

/** Trust admins: the key the vendor's product knows a tenant by, which its systems name it with. */
export function TenantKeyForm({ slug, externalKey }: { slug: string; externalKey: string | null }) {
  return (
    <FormCard action={`/api/admin/tenants/${slug}/external-key`} className="grid max-w-xl gap-3 p-5">
      <p className="text-sm text-slate-700">
        {externalKey ? (
          <>
            Your product’s systems name this tenant <code className="font-mono">{externalKey}</code> when they ask whether a staff member may reach its data.
          </>
        ) : (
          'Your product’s systems cannot ask about this tenant yet: give it the id your product knows it by.'
        )}
      </p>
      <Field
        id="external-key"
        name="externalKey"
        label="Key in your product"
        hint="1 to 128 letters, digits and . _ : - (your product’s own tenant id). Changing it is recorded in the tenant’s governance log."
        defaultValue={externalKey ?? ''}
        required
        maxLength={128}
        pattern="[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}"
      />
      <div>
        <SubmitButton>Save the key</SubmitButton>
      </div>
    </FormCard>
  );
}
