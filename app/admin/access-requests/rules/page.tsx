import type { Metadata } from 'next';
import { ACCESS_ERRORS, AccessTabs } from '@/components/access/access-tabs';
import { FormNotice } from '@/components/ui/notice';
import { listDomainRules } from '@/lib/access/domain-rules';
import { FREE_MAIL_PROVIDERS } from '@/lib/access/free-mail';
import { countPendingRequests } from '@/lib/access/queue';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { formatDay } from '@/lib/documents/format';

export const metadata: Metadata = { title: 'Domain rules', description: 'Which e-mail domains are approved, reviewed or denied automatically.' };

const DECISIONS = { approve: 'Approve at once', review: 'Send to review', deny: 'Deny' } as const;

export default async function DomainRules({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireTrustAdmin('/admin/access-requests/rules');
  const query = await searchParams;
  const db = await getDatabase();
  const [rules, pending] = await Promise.all([listDomainRules({ db, actor }), countPendingRequests(db, actor)]);
  const field = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal';
  return (
    <div>
      <AccessTabs current="/admin/access-requests/rules" pending={pending} />
      <FormNotice
        error={typeof query.error === 'string' ? query.error : undefined}
        errors={ACCESS_ERRORS}
        success={query.saved ? 'Rule added. It applies to new requests.' : query.removed ? 'Rule removed.' : undefined}
      />
      <section aria-labelledby="order">
        <h2 id="order" className="text-lg font-semibold">
          How a request is decided
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>A rule below for the e-mail’s domain, or for a parent domain (the most specific wins).</li>
          <li>Otherwise, a customer’s own sign-in domain is approved at once.</li>
          <li>
            Otherwise, a free-mail provider is denied.{' '}
            <details className="inline">
              <summary className="inline cursor-pointer text-brand-700 underline">Show the {FREE_MAIL_PROVIDERS.length} providers</summary>
              <span className="mt-1 block font-mono text-xs text-slate-600">{FREE_MAIL_PROVIDERS.join(', ')}</span>
            </details>
          </li>
          <li>Otherwise, a trust admin reviews it. Restricted documents always go to review, whatever the rule.</li>
        </ol>
      </section>

      <section aria-labelledby="rules" className="mt-8">
        <h2 id="rules" className="text-lg font-semibold">
          Rules
        </h2>
        {rules.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No rules yet: the defaults above decide every request.
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Domain</th>
                  <th scope="col" className="px-4 py-2 font-medium">Decision</th>
                  <th scope="col" className="px-4 py-2 font-medium">Note</th>
                  <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap px-4 py-3 font-mono">{r.domain}</td>
                    <td className="px-4 py-3">
                      {DECISIONS[r.decision]}
                      {r.mutualNda ? <span className="block text-xs text-slate-600">Mutual NDA signed: no click-through</span> : null}
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      {r.note}
                      <span className="block text-xs text-slate-600">Added {formatDay(r.createdAt)}</span>
                    </td>
                    <td className="px-4 py-3 text-right">
                      <form method="post" action={`/api/admin/access/rules/${r.id}/delete`}>
                        <button type="submit" className="text-sm font-medium text-red-800 hover:underline">
                          Remove<span className="sr-only"> the rule for {r.domain}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/api/admin/access/rules" className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
          <h3 className="font-semibold sm:col-span-2">Add a rule</h3>
          <label className="block text-sm font-medium text-slate-800">
            Domain
            <input name="domain" required maxLength={253} placeholder="example.com" className={`${field} font-mono`} />
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Decision
            <select name="decision" className={field} defaultValue="review">
              {Object.entries(DECISIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-start gap-3 text-sm text-slate-800">
            <input type="checkbox" name="mutualNda" className="mt-0.5 h-4 w-4" />
            <span>A mutual NDA with this company is signed: skip the click-through</span>
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Note <span className="font-normal text-slate-600">(optional)</span>
            <input name="note" maxLength={500} className={field} />
          </label>
          <div className="sm:col-span-2">
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Add rule
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
