'use client';

import { useState } from 'react';
import type { PublicJwk } from '@/lib/governance/format';
import { trustedKeysFromJwk, verifyLog, type VerifyResult } from '@/lib/governance/verify';
import { browserVerifyCrypto } from '@/lib/governance/verify-browser';
import { Section } from '@/components/ui/section';

type State = { kind: 'idle' } | { kind: 'working'; what: string } | { kind: 'done'; source: string; result: VerifyResult } | { kind: 'error'; message: string };

const BUTTON =
  'rounded-md px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

/**
 * Download and verification of the chain. Verifying runs entirely in this page, with the same
 * checks as `npm run trust -- audit verify`; a file chosen from disk is never uploaded. Both
 * the download (a form) and the check of the current log post to `exportAction`: an export is
 * recorded in the chain, and only a POST from this site may record anything.
 */
export function VerifyPanel({ exportAction }: { exportAction: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [pinned, setPinned] = useState<PublicJwk[] | undefined>();
  const [keyError, setKeyError] = useState<string | undefined>();

  async function check(source: string, bytes: () => Promise<Uint8Array>) {
    setState({ kind: 'working', what: source });
    try {
      const result = await verifyLog(await bytes(), browserVerifyCrypto, { publicKeys: pinned });
      setState({ kind: 'done', source, result });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function fetchExport(): Promise<Uint8Array> {
    const response = await fetch(exportAction, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ via: 'console' }),
    });
    if (!response.ok) throw new Error(`The server refused the export (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async function readKey(file: File | undefined) {
    setKeyError(undefined);
    if (!file) return setPinned(undefined);
    try {
      setPinned(trustedKeysFromJwk(await file.text(), browserVerifyCrypto));
    } catch (error) {
      setPinned(undefined);
      setKeyError(`${file.name}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }

  return (
    <Section id="verify" title="Export and verify" className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="mt-1 text-sm text-slate-700">
        The export is the whole chain as JSON Lines with its signed checkpoints. Verify it here, or offline with{' '}
        <code className="rounded bg-slate-100 px-1">npm run trust -- audit verify &lt;file&gt;</code> or any implementation of the published format.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <form method="post" action={exportAction}>
          <input type="hidden" name="via" value="console" />
          <button type="submit" className={`${BUTTON} bg-brand-700 text-white hover:bg-brand-900`}>
            Download the log (.jsonl)
          </button>
        </form>
        <button
          type="button"
          onClick={() => void check('the server’s current export', fetchExport)}
          disabled={state.kind === 'working'}
          className={`${BUTTON} border border-brand-700 text-brand-700 hover:bg-brand-50 disabled:opacity-60`}
        >
          Verify the current log
        </button>
        <label className={`${BUTTON} cursor-pointer border border-slate-300 text-slate-800 hover:bg-slate-50`}>
          Verify a downloaded file…
          <input
            type="file"
            accept=".jsonl,application/x-ndjson,application/json,text/plain"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void check(file.name, async () => new Uint8Array(await file.arrayBuffer()));
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <div className="mt-3 text-sm">
        <label htmlFor="pinned-key" className="font-medium text-slate-800">
          Trusted public key (optional)
        </label>
        <p className="text-slate-600" id="pinned-key-hint">
          A JWK or JWK set you saved earlier from <code className="rounded bg-slate-100 px-1">/.well-known/audit-signing-key.json</code>. With it, only
          checkpoints signed by that key count, whatever the file lists.
        </p>
        <input
          id="pinned-key"
          type="file"
          accept=".json,.jwk,application/json"
          aria-describedby="pinned-key-hint"
          onChange={(e) => void readKey(e.target.files?.[0])}
          className="mt-1 block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        />
        {keyError ? <p className="mt-1 text-red-800">{keyError}</p> : null}
        {pinned ? <p className="mt-1 text-slate-700">Pinned: {pinned.map((k) => k.kid).join(', ')}</p> : null}
      </div>
      <div role="status" aria-live="polite" className="mt-4">
        {state.kind === 'working' ? <p className="text-sm text-slate-700">Verifying {state.what}…</p> : null}
        {state.kind === 'error' ? <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">{state.message}</p> : null}
        {state.kind === 'done' ? <VerifyOutcome source={state.source} result={state.result} /> : null}
      </div>
    </Section>
  );
}

function VerifyOutcome({ source, result }: { source: string; result: VerifyResult }) {
  if (result.ok) {
    return (
      <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950" data-verify="ok">
        <p className="font-semibold">Verified: {source} is intact.</p>
        <p className="mt-1 break-words font-mono text-xs">{result.summary}</p>
      </div>
    );
  }
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950" data-verify="failed">
      <p className="font-semibold">Verification failed for {source}.</p>
      <p className="mt-1 break-words font-mono text-xs">{result.summary}</p>
    </div>
  );
}
