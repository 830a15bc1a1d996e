import type { ReactNode } from 'react';

/**
 * A mailed link's page: it does nothing on opening (mail scanners open links), only when the
 * person presses the button, which posts the token.
 */
export function TokenAction({
  title,
  intro,
  action,
  button,
  token,
  done,
  error,
  errors,
}: {
  title: string;
  intro: ReactNode;
  action: string;
  button: string;
  token?: string;
  done?: ReactNode;
  error?: string;
  errors: Record<string, string>;
}) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold tracking-tight text-slate-950">{title}</h1>
      {done ? (
        <div role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          {done}
        </div>
      ) : error ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-800">
          {(Object.hasOwn(errors, error) ? errors[error] : undefined) ?? 'That did not work. Open the link from your e-mail again.'}
        </p>
      ) : token ? (
        <>
          <div className="mt-3 text-slate-700">{intro}</div>
          <form method="post" action={action} className="mt-6">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {button}
            </button>
          </form>
        </>
      ) : (
        <p className="mt-4 text-slate-700">This page works with the link from your e-mail. Open that link again, or copy it whole into the address bar.</p>
      )}
      <p className="mt-8 text-sm">
        <a href="/subprocessors" className="text-brand-700 underline">
          See the sub-processors and upcoming changes
        </a>
      </p>
    </div>
  );
}

export const LINK_ERRORS: Record<string, string> = {
  invalid_link: 'This link is not valid: it may have been replaced by a newer one. Subscribe again on the sub-processors page to get a fresh link.',
  link_expired: 'This confirmation link has expired. Subscribe again on the sub-processors page to get a fresh one.',
  invalid_request: 'This link is incomplete. Open it again from your e-mail.',
};
