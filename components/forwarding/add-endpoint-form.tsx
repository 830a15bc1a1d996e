'use client';

import { Notice } from '@/components/ui/notice';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { SecretField } from '@/components/ui/secret-field';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string } | { kind: 'added'; url: string; secret: string };

/**
 * Adds an endpoint through the JSON API and shows its signing secret, which the server returns
 * this once and never again; the list below is then refreshed. The secret lives only in this
 * component's state: it is in no address, cookie or later page.
 */
export function AddEndpointForm() {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    setState({ kind: 'busy' });
    try {
      const response = await fetch('/api/governance/forwarding', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ url: fields.get('url'), description: fields.get('description') }),
      });
      const answer = (await response.json().catch(() => null)) as { secret?: string; endpoint?: { url: string }; error?: { message?: string } } | null;
      if (response.status !== 201 || !answer?.secret || !answer.endpoint) {
        setState({ kind: 'error', message: answer?.error?.message ?? 'The endpoint could not be added. Try again.' });
        return;
      }
      form.reset();
      setState({ kind: 'added', url: answer.endpoint.url, secret: answer.secret });
      router.refresh();
    } catch {
      setState({ kind: 'error', message: 'The server could not be reached. Try again.' });
    }
  }

  return (
    <div className="grid gap-4">
      {state.kind === 'added' ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
          <p className="font-semibold">Endpoint added: {state.url}</p>
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
