import { Table } from '@/components/ui/table';
import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { requireCustomer } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { listTenantExecutions } from '@/lib/dpa/executions';
import { DPA_EXECUTE_ERRORS } from '@/lib/dpa/form-errors';
import { currentDpaVersion } from '@/lib/dpa/versions';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Data Processing Agreement', description: 'Execute and download your organization’s DPA.' };

export default async function ConsoleDpa({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer('/console/dpa');
  const db = await getDatabase();
  const [current, executions] = await Promise.all([currentDpaVersion(db), listTenantExecutions({ db, actor })]);
  const latest = executions[0];
  const signedCurrent = !!current && executions.some((e) => e.dpaVersionId === current.id);
  const isAdmin = actor.role === 'customer_admin';
  return (
    <div>
      <PageHeading title="Data Processing Agreement">
        The vendor’s GDPR Article 28 terms. The executed copy names {actor.tenantName} and the date of execution; its annexes always show the current
        sub-processors and security measures.
      </PageHeading>
      <FormNotice
        error={singleParam((await searchParams).error)}
        errors={DPA_EXECUTE_ERRORS}
        success={singleParam((await searchParams).executed) === '1' ? 'The DPA is executed. Download your copy below.' : undefined}
      />

      <Section
        id="status"
        title={latest ? `Executed on ${formatDate(latest.executedAt)}` : 'Not executed yet'}
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        {latest ? (
          <p className="mt-1 text-sm text-slate-700">
            Version {latest.version}, signed by {latest.signerName} ({latest.signerTitle}) for {latest.customerLegalName}.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{actor.tenantName} has not executed the DPA. Read the current version before signing it.</p>
        )}
        <div className="mt-4 flex flex-wrap gap-3 text-sm">
          {latest ? (
            <a href="/console/dpa.pdf" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Download the executed DPA (PDF)
            </a>
          ) : null}
          {current ? (
            <a href="/documents/dpa.pdf" className="rounded-md border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50">
              Read the current version {current.version} (PDF)
            </a>
          ) : null}
        </div>
      </Section>

      {current && !signedCurrent ? (
        <Section
          id="execute"
          title={latest ? `Execute version ${current.version}` : 'Execute the DPA'}
          className="mt-6 rounded-lg border border-slate-200 bg-white p-5"
        >
          {latest ? (
            <p className="mt-1 text-sm text-slate-700">
              Version {current.version} was published on {formatDate(current.publishedAt)}
              {current.changeNote ? `: ${current.changeNote}` : ''}. Your executed version {latest.version} stays in force until you execute the new one.
            </p>
          ) : null}
          {isAdmin ? (
            <form method="post" action="/api/dpa/executions" className="mt-4 grid max-w-xl gap-4">
              <Field label="Your full name" name="signerName" required maxLength={200} autoComplete="name" defaultValue={actor.name} />
              <Field label="Your job title" name="signerTitle" required maxLength={200} autoComplete="organization-title" />
              <label className="flex items-start gap-2 text-sm text-slate-900">
                <input type="checkbox" name="authority" value="on" required className="mt-1" />
                <span>
                  I have read version {current.version} of the DPA and I am authorised to sign it on behalf of {actor.tenantName}.
                </span>
              </label>
              <div>
                <SubmitButton>Execute the DPA for {actor.tenantName}</SubmitButton>
              </div>
            </form>
          ) : (
            <p className="mt-2 text-sm text-slate-700">Only your organization’s customer admins can execute the DPA. Ask one of them to sign it.</p>
          )}
        </Section>
      ) : null}
      {!current ? (
        <EmptyState className="mt-6" title="No DPA published yet">
          The vendor has not published its Data Processing Agreement yet.
        </EmptyState>
      ) : null}

      <Section id="history" title="History" className="mt-8">
        {executions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No version has been executed yet.</p>
        ) : (
          <Table columns={[{ label: 'Version' }, { label: 'Executed' }, { label: 'Signed by' }, { label: 'Copy' }]} className="mt-3">
            {executions.map((e) => (
              <tr key={e.id}>
                <td className="px-4 py-2">{e.version}</td>
                <td className="px-4 py-2">
                  <time dateTime={e.executedAt}>{formatDateTime(e.executedAt)}</time>
                </td>
                <td className="px-4 py-2">
                  {e.signerName}, {e.signerTitle}
                </td>
                <td className="px-4 py-2">
                  <a href={`/console/dpa.pdf?execution=${e.id}`} className="text-brand-700 underline">
                    PDF<span className="sr-only"> of the executed version {e.version}</span>
                  </a>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
