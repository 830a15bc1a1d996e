'use client';

import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { SecretField } from '@/components/ui/secret-field';
import { useOneTimeSecret } from '@/components/ui/use-one-time-secret';

/**
 * Creates a service account through the JSON API and shows its secret, which the server returns
 * this once; the list is then refreshed.
 */
export function CreateServiceAccountForm({ scopes }: { scopes: Record<string, string> }) {
  const { state, submit } = useOneTimeSecret(
    '/api/admin/service-accounts',
    (fields) => ({ name: fields.get('name'), scopes: fields.getAll('scopes') }),
    (answer) => (answer.serviceAccount as { name?: string } | undefined)?.name,
    'The account could not be created. Try again.',
  );

  return (
    <div className="grid gap-4">
      {state.kind === 'created' ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
          <p className="font-semibold">Service account created: {state.name}</p>
          <p className="mt-1">
            Copy its secret now into the system’s secret store. It is shown this once and never again; if it is lost, give the account a new secret.
          </p>
          <SecretField label="Secret" secret={state.secret} />
        </div>
      ) : null}
      {state.kind === 'error' ? <Notice tone="error">{state.message}</Notice> : null}
      <form onSubmit={submit} className="grid max-w-xl gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Create a service account</h2>
        <Field
          id="service-account-name"
          name="name"
          label="Name"
          hint="The system that will use it, e.g. “Billing service (production)”."
          required
          maxLength={100}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Scopes</legend>
          <div className="mt-1 grid gap-2">
            {Object.entries(scopes).map(([scope, what]) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} className="mt-1" defaultChecked={scope === 'lockbox:check'} />
                <span>
                  <code className="font-mono">{scope}</code>: {what}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <SubmitButton disabled={state.kind === 'busy'}>{state.kind === 'busy' ? 'Creating…' : 'Create the account'}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
