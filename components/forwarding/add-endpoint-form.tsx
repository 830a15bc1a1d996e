'use client';

import { Notice } from '@/components/ui/notice';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { SecretField } from '@/components/ui/secret-field';
import { useOneTimeSecret } from '@/components/ui/use-one-time-secret';

/**
 * Adds an endpoint through the JSON API and shows its signing secret, which the server returns
 * this once and never again; the list below is then refreshed.
 */
export function AddEndpointForm() {
  const { state, submit } = useOneTimeSecret(
    '/api/governance/forwarding',
    (fields) => ({ url: fields.get('url'), description: fields.get('description') }),
    (answer) => (answer.endpoint as { url?: string } | undefined)?.url,
    'The endpoint could not be added. Try again.',
  );

  return (
    <div className="grid gap-4">
      {state.kind === 'created' ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
          <p className="font-semibold">Endpoint added: {state.name}</p>
          <p className="mt-1">
            Copy its signing secret now and store it in your SIEM. It is shown this once and never again; if it is lost, give the endpoint a new signing secret.
          </p>
          <SecretField label="Signing secret" secret={state.secret} />
        </div>
      ) : null}
      {state.kind === 'error' ? <Notice tone="error">{state.message}</Notice> : null}
      <form onSubmit={submit} className="grid max-w-xl gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Add an endpoint</h2>
        <Field
          id="forwarding-url"
          name="url"
          type="url"
          label="Webhook URL"
          hint="The https:// address of your SIEM’s webhook receiver. Every event of the log is POSTed there."
          placeholder="https://siem.example.com/webhooks/trust-center"
          required
          maxLength={2000}
        />
        <Field id="forwarding-description" name="description" label="Description (optional)" hint="For you: which SIEM, which team." maxLength={200} />
        <div>
          <SubmitButton disabled={state.kind === 'busy'}>{state.kind === 'busy' ? 'Adding…' : 'Add the endpoint'}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
