import { formatDate } from '@/lib/core/dates';
import type { PublicNda } from '@/lib/access/nda';

import type { PortalDocument } from '@/lib/documents/list';
import { VisibilityBadge } from '@/components/documents/badges';

const input = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal text-slate-900';

/**
 * The request for gated documents, with the NDA click-through: the full text as published,
 * its version and SHA-256 (sent back so the record holds exactly what was shown), the typed
 * name and the acceptance. A plain form: it works without JavaScript.
 */
export function RequestAccessForm({
  documents,
  nda,
  wanted,
  grantDays,
}: {
  documents: PortalDocument[];
  nda: PublicNda;
  wanted: Set<string>;
  grantDays: number;
}) {
  return (
    <form method="post" action="/api/access-requests" className="mt-6 space-y-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">1. Who you are</legend>
        <label className="block text-sm font-medium text-slate-800">
          Name
          <input name="name" required maxLength={200} autoComplete="name" className={input} />
        </label>
        <div>
          <label className="block text-sm font-medium text-slate-800">
            Work e-mail
            <input name="email" type="email" required maxLength={254} autoComplete="email" className={input} aria-describedby="email-hint" />
          </label>
          <p id="email-hint" className="mt-1 text-xs text-slate-600">
            Your company address: requests from free-mail providers are declined.
          </p>
        </div>
        <label className="block text-sm font-medium text-slate-800">
          Company
          <input name="company" required maxLength={200} autoComplete="organization" className={input} />
        </label>
        <label className="block text-sm font-medium text-slate-800 sm:col-span-2">
          Reason for the request
          <textarea
            name="reason"
            required
            maxLength={2000}
            rows={3}
            className={input}
            placeholder="For example: vendor security review for our procurement of analytics software."
          />
        </label>
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-base font-semibold text-slate-900">2. The documents you need</legend>
        <ul className="grid gap-2 sm:grid-cols-2">
          {documents.map((d) => (
            <li key={d.id}>
              <label className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm hover:bg-slate-50">
                <input type="checkbox" name={`document:${d.slug}`} defaultChecked={wanted.has(d.slug)} className="mt-0.5 h-4 w-4 shrink-0" />
                <span>
                  <span className="font-medium text-slate-900">{d.title}</span> <VisibilityBadge visibility={d.visibility} />
                  {d.visibility === 'restricted' ? <span className="mt-0.5 block text-xs text-slate-600">Always reviewed by our team.</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-base font-semibold text-slate-900">3. Accept the NDA</legend>
        <div className="rounded-md border border-slate-300">
          <div className="border-b border-slate-200 bg-slate-50 px-4 py-3">
            <p className="font-semibold text-slate-900">{nda.title}</p>
            <p className="mt-1 text-xs text-slate-600">
              Version {nda.version}, published {formatDate(nda.publishedAt)} · SHA-256 <code className="break-all font-mono text-slate-800">{nda.sha256}</code>
            </p>
          </div>
          <div
            role="region"
            aria-label={`Full text of ${nda.title}`}
            tabIndex={0}
            className="max-h-80 overflow-y-auto whitespace-pre-wrap px-4 py-3 text-sm leading-6 text-slate-800 print:max-h-none"
          >
            {nda.body}
          </div>
        </div>
        <input type="hidden" name="ndaVersionId" value={nda.id} />
        <input type="hidden" name="ndaSha256" value={nda.sha256} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <div>
            <label className="block text-sm font-medium text-slate-800">
              Type your full name to sign
              <input name="typedName" required maxLength={200} autoComplete="name" className={input} aria-describedby="sign-hint" />
            </label>
            <p id="sign-hint" className="mt-1 text-xs text-slate-600">
              As in the Name field. We record it with the time, your IP address and browser.
            </p>
          </div>
          <label className="flex items-start gap-3 self-center text-sm text-slate-800">
            <input type="checkbox" name="acceptNda" required className="mt-0.5 h-4 w-4 shrink-0" />
            <span>I have read the NDA above and accept it on behalf of my company.</span>
          </label>
        </div>
      </fieldset>

      <div className="flex flex-col gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">
          You and our team receive a PDF record of the acceptance. If approved, we e-mail you a personal link valid for {grantDays}{' '}
          {grantDays === 1 ? 'day' : 'days'}.
        </p>
        <button type="submit" className="shrink-0 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Request access
        </button>
      </div>
    </form>
  );
}
