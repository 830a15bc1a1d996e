'use client';

import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/db/unavailable-digest';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const databaseUnavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <div className="mx-auto max-w-xl px-4 py-20 text-center">
      <h1 className="text-3xl font-bold tracking-tight">{databaseUnavailable ? 'Temporarily unavailable' : 'Something went wrong'}</h1>
      <p className="mt-3 text-slate-700">
        {databaseUnavailable
          ? 'The service cannot reach its database right now. Nothing you did caused this; try again in a minute.'
          : 'The page could not be shown. If the service was briefly unavailable, trying again usually works.'}
        {error.digest && !databaseUnavailable ? ` Reference: ${error.digest}.` : ''}
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
