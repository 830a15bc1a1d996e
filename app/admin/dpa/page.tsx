import { Table } from '@/components/ui/table';
import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { Field, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice, Notice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { DPA_FIELD_MESSAGES as M, SCC_MODULES, type SccModule } from '@/lib/dpa/content';
import { listAllExecutions } from '@/lib/dpa/executions';
import { DPA_DRAFT_ERRORS } from '@/lib/dpa/form-errors';
import { listDpaVersions, readDpaDraft } from '@/lib/dpa/versions';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Data Processing Agreement', description: 'Edit, publish and track the DPA.' };

const PARAGRAPHS = 'Leave a blank line between paragraphs.';

export default async function AdminDpa({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/dpa');
  const db = await getDatabase();
  const [draft, versions, executions] = await Promise.all([readDpaDraft({ db, actor }), listDpaVersions(db, actor), listAllExecutions(db, actor)]);
  const c = draft.content;
  const published = singleParam((await searchParams).published);
  const success = published
    ? `Version ${published} is published: /documents/dpa.pdf shows it now, and customers execute it from their console.`
    : singleParam((await searchParams).saved) === '1'
      ? 'Draft saved. Nothing public changes until you publish it.'
      : undefined;
  // Two empty clause slots after the last one, to add clauses without a script.
  const clauses = [...c.clauses, { heading: '', body: '' }, { heading: '', body: '' }];
  return (
    <div>
      <PageHeading title="Data Processing Agreement">
        The terms customers execute. Edit the draft, then publish it as a new version: the template at /documents/dpa.pdf and the executions from then on use
        it. The annexes always show the live sub-processor list and the security overview.
      </PageHeading>
      <FormNotice error={singleParam((await searchParams).error)} errors={DPA_DRAFT_ERRORS} success={success} />

      <Section
        id="publish"
        title={versions[0] ? `Version ${versions[0].version} is in force` : 'Not published yet'}
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        <p className="mt-1 text-sm text-slate-700">
          {draft.unpublished ? 'The draft below has changes that are not published.' : 'The draft below is the version in force.'}
          {draft.updatedAt ? ` Draft last saved ${formatDateTime(draft.updatedAt)}.` : ''}
        </p>
        {draft.problem ? (
          <Notice tone="warning" className="mt-3">
            Before publishing, fix “{draft.problem.field}”: {draft.problem.message}
          </Notice>
        ) : null}
        <div className="mt-4 flex flex-wrap items-end gap-3">
          {draft.unpublished ? (
            <form method="post" action="/api/admin/dpa/publish" className="flex flex-wrap items-end gap-3">
              <div className="w-80">
                <Field label="What changed (shown to customers)" name="changeNote" maxLength={500} />
              </div>
              <SubmitButton disabled={!!draft.problem}>Publish as version {(versions[0]?.version ?? 0) + 1}</SubmitButton>
            </form>
          ) : null}
          {versions[0] ? (
            <a href="/documents/dpa.pdf" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50">
              Open the published PDF
            </a>
          ) : null}
        </div>
      </Section>

      <Section id="draft" title="Draft" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <form method="post" action="/api/admin/dpa/draft" className="mt-4 grid gap-5">
          <Field label="Title" name="title" defaultValue={c.title} maxLength={200} hint={M.title} />
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Processor’s legal name" name="processorName" defaultValue={c.processorName} maxLength={200} />
            <Field label="Registered address" name="processorAddress" defaultValue={c.processorAddress} maxLength={500} />
            <Field label="Privacy contact e-mail" name="processorContact" type="email" defaultValue={c.processorContact} maxLength={254} />
          </div>
          <TextArea label="Preamble" name="preamble" rows={4} defaultValue={c.preamble} hint={PARAGRAPHS} />
          <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold">Annex I: details of the processing</legend>
            <TextArea label="Subject matter" name="subjectMatter" rows={2} defaultValue={c.subjectMatter} />
            <TextArea label="Duration" name="duration" rows={2} defaultValue={c.duration} />
            <TextArea label="Nature and purpose" name="natureAndPurpose" rows={3} defaultValue={c.natureAndPurpose} />
            <div className="grid gap-4 md:grid-cols-2">
              <TextArea label="Categories of personal data" name="dataCategories" rows={5} defaultValue={c.dataCategories.join('\n')} hint="One per line." />
              <TextArea label="Categories of data subjects" name="dataSubjects" rows={5} defaultValue={c.dataSubjects.join('\n')} hint="One per line." />
            </div>
            <TextArea label="Special categories of data" name="specialCategories" rows={2} defaultValue={c.specialCategories} />
            <fieldset>
              <legend className="text-sm font-medium">Standard Contractual Clauses modules that apply</legend>
              <div className="mt-2 grid gap-2 md:grid-cols-2">
                {(Object.keys(SCC_MODULES) as SccModule[]).map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name={`scc_${m}`} defaultChecked={c.sccModules.includes(m)} />
                    {SCC_MODULES[m]}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label="Governing law and forum" name="governingLaw" defaultValue={c.governingLaw} maxLength={300} />
          </fieldset>
          <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold">Clauses</legend>
            <p className="text-xs text-slate-600">
              Clauses are numbered in this order. Empty a clause’s heading and text to remove it; fill the empty slots to add one.
            </p>
            {clauses.map((clause, i) => (
              <div key={i} className="grid gap-2 border-t border-slate-100 pt-3">
                <Field
                  id={`clause_${i}_heading`}
                  label={`Clause ${i + 1}: heading`}
                  name={`clause_${i}_heading`}
                  defaultValue={clause.heading}
                  maxLength={200}
                />
                <TextArea id={`clause_${i}_body`} label={`Clause ${i + 1}: text`} name={`clause_${i}_body`} rows={4} defaultValue={clause.body} />
              </div>
            ))}
          </fieldset>
          <div>
            <SubmitButton>Save the draft</SubmitButton>
          </div>
        </form>
      </Section>

      <Section id="versions" title="Published versions" className="mt-8">
        {versions.length === 0 ? (
          <EmptyState className="mt-3" title="No version published">
            Customers cannot execute a DPA until the first version is published.
          </EmptyState>
        ) : (
          <Table columns={[{ label: 'Version' }, { label: 'Published' }, { label: 'Change' }, { label: 'Content SHA-256' }]} className="mt-3">
            {versions.map((v) => (
              <tr key={v.id}>
                <td className="px-4 py-2">{v.version}</td>
                <td className="px-4 py-2">
                  {formatDate(v.publishedAt)}
                  {v.publishedBy ? ` by ${v.publishedBy}` : ''}
                </td>
                <td className="px-4 py-2">{v.changeNote || '—'}</td>
                <td className="break-all px-4 py-2 font-mono text-xs">{v.contentSha256}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="executions" title="Customer executions" className="mt-8">
        {executions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No customer has executed the DPA yet.</p>
        ) : (
          <Table columns={[{ label: 'Customer' }, { label: 'Version' }, { label: 'Executed' }, { label: 'Signed by' }]} className="mt-3">
            {executions.map((e) => (
              <tr key={e.id}>
                <td className="px-4 py-2">
                  {e.customerLegalName} <span className="text-slate-500">({e.tenantSlug})</span>
                </td>
                <td className="px-4 py-2">{e.version}</td>
                <td className="px-4 py-2">{formatDateTime(e.executedAt)}</td>
                <td className="px-4 py-2">
                  {e.signerName}, {e.signerTitle} ({e.signerEmail})
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
