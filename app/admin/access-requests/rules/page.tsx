import { SubmitButton } from '@/components/ui/button';
import { Field, Select } from '@/components/ui/field';
import { Table } from '@/components/ui/table';
import type { PageSearchParams } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { AccessTabPage, readAccessTab } from '@/components/access/access-tab-page';
import { listDomainRules } from '@/lib/access/domain-rules';
import { FREE_MAIL_PROVIDERS } from '@/lib/access/free-mail';
import { Section } from '@/components/ui/section';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Domain rules', description: 'Which e-mail domains are approved, reviewed or denied automatically.' };

const DECISIONS = { approve: 'Approve at once', review: 'Send to review', deny: 'Deny' } as const;

export default async function DomainRules({ searchParams }: { searchParams: PageSearchParams }) {
  const { rules, query, pending } = await readAccessTab('/admin/access-requests/rules', searchParams, async (ctx) => ({ rules: await listDomainRules(ctx) }));
  return (
    <AccessTabPage
      current="/admin/access-requests/rules"
      pending={pending}
      query={query}
      success={query.saved ? 'Rule added. It applies to new requests.' : query.removed ? 'Rule removed.' : undefined}
    >
      <Section id="order" title="How a request is decided">
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
      </Section>

      <Section id="rules" title="Rules" className="mt-8">
        {rules.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No rules yet: the defaults above decide every request.
          </p>
        ) : (
          <Table columns={[{ label: 'Domain' }, { label: 'Decision' }, { label: 'Note' }, { label: 'Actions', srOnly: true }]} minWidth="sm" className="mt-3">
            {rules.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-4 py-3 font-mono">{r.domain}</td>
                <td className="px-4 py-3">
                  {DECISIONS[r.decision]}
                  {r.mutualNda ? <span className="block text-xs text-slate-600">Mutual NDA signed: no click-through</span> : null}
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {r.note}
                  <span className="block text-xs text-slate-600">Added {formatDate(r.createdAt)}</span>
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
          </Table>
        )}
        <FormCard action="/api/admin/access/rules" className="mt-4 grid gap-4 p-5 sm:grid-cols-2">
          <h3 className="font-semibold sm:col-span-2">Add a rule</h3>
          <Field label="Domain" name="domain" required maxLength={253} placeholder="example.com" />
          <Select label="Decision" name="decision" defaultValue="review" options={Object.entries(DECISIONS).map(([value, label]) => ({ value, label }))} />
          <label className="flex items-start gap-3 text-sm text-slate-800">
            <input type="checkbox" name="mutualNda" className="mt-0.5 h-4 w-4" />
            <span>A mutual NDA with this company is signed: skip the click-through</span>
          </label>
          <Field label="Note (optional)" name="note" maxLength={500} />
          <div className="sm:col-span-2">
            <SubmitButton>Add rule</SubmitButton>
          </div>
        </FormCard>
      </Section>
    </AccessTabPage>
  );
}
