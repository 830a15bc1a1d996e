'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';

export type OneTimeSecretState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string } | { kind: 'created'; name: string; secret: string };

/**
 * A form that creates something through the JSON API and gets its secret back this once: posts
 * `body(fields)` to `url`, and on 201 keeps the secret in this state only (in no address,
 * cookie or later page) and refreshes the page's list. `nameOf` reads what was created from
 * the answer, for the message.
 */
export function useOneTimeSecret(
  url: string,
  body: (fields: FormData) => unknown,
  nameOf: (answer: Record<string, unknown>) => string | undefined,
  failed: string,
) {
  const router = useRouter();
  const [state, setState] = useState<OneTimeSecretState>({ kind: 'idle' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setState({ kind: 'busy' });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body(new FormData(form))),
      });
      const answer = (await response.json().catch(() => null)) as (Record<string, unknown> & { secret?: string; error?: { message?: string } }) | null;
      const name = answer ? nameOf(answer) : undefined;
      if (response.status !== 201 || !answer?.secret || name === undefined) {
        setState({ kind: 'error', message: answer?.error?.message ?? failed });
        return;
      }
      form.reset();
      setState({ kind: 'created', name, secret: answer.secret });
      router.refresh();
    } catch {
      setState({ kind: 'error', message: 'The server could not be reached. Try again.' });
    }
  }

  return { state, submit };
}
