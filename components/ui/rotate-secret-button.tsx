'use client';

import { useState } from 'react';
import { SecretField } from './secret-field';

export interface RotateSecretText {
  /** The button, for screen readers too (names what it rotates). */
  button: string;
  ariaLabel: string;
  /** What happens when the secret changes, asked before it does. */
  warning: string;
  /** Shown with the new secret. */
  rotated: string;
  secretLabel: string;
}

type State = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'busy' } | { kind: 'error'; message: string } | { kind: 'rotated'; secret: string };

/**
 * Gives something a new secret through `action` (a POST answering `{"secret"}`) and shows it
 * here, once. Asks first, saying what the change does.
 */
export function RotateSecretButton({ action, text }: { action: string; text: RotateSecretText }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function rotate() {
    setState({ kind: 'busy' });
    try {
      const response = await fetch(action, { method: 'POST', headers: { Accept: 'application/json' } });
      const answer = (await response.json().catch(() => null)) as { secret?: string; error?: { message?: string } } | null;
      if (!response.ok || !answer?.secret) {
        setState({ kind: 'error', message: answer?.error?.message ?? 'The secret could not be changed. Try again.' });
        return;
      }
      setState({ kind: 'rotated', secret: answer.secret });
    } catch {
      setState({ kind: 'error', message: 'The server could not be reached. Try again.' });
    }
  }

  if (state.kind === 'rotated') {
    return (
      <div role="status" className="w-full rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950">
        <p>{text.rotated}</p>
        <SecretField label={text.secretLabel} secret={state.secret} className="mt-2" />
      </div>
    );
  }
  if (state.kind === 'confirm' || state.kind === 'busy') {
    return (
      <div className="flex w-full flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
        <span>{text.warning}</span>
        <button
          type="button"
          onClick={rotate}
          disabled={state.kind === 'busy'}
          className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
        >
          {state.kind === 'busy' ? 'Changing…' : 'Change the secret'}
        </button>
        <button
          type="button"
          onClick={() => setState({ kind: 'idle' })}
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium text-slate-900"
        >
          Keep it
        </button>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setState({ kind: 'confirm' })}
        aria-label={text.ariaLabel}
        className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50"
      >
        {text.button}
      </button>
      {state.kind === 'error' ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </>
  );
}
