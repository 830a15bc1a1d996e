import { SubmitButton } from '@/components/ui/button';
import { Table } from '@/components/ui/table';
import { type PageSearchParams, type SearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate, formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DOCUMENT_FORM_ERRORS } from '@/components/documents/admin-errors';
import { ValidityNote } from '@/components/documents/badges';
import { DocumentFields, VersionUploadFields } from '@/components/documents/document-fields';
import { FormNotice } from '@/components/ui/notice';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { formatBytes } from '@/lib/documents/format';
import { getAdminDocument, listPortalDocuments } from '@/lib/documents/list';
import { isUuid } from '@/lib/core/parse-input';
import { AppError } from '@/lib/core/errors';
import { Section } from '@/components/ui/section';
import { DocumentHeading } from '@/components/documents/document-heading';

const GENERATOR_PAGES = {
  dpa: { href: '/admin/dpa', label: 'on the DPA page' },
  questionnaire: { href: '/admin/questionnaires', label: 'on the questionnaires page' },
} as const;

export const metadata: Metadata = { title: 'Document', description: 'Edit a portal document, upload new versions, archive it.' };

type Props = { params: Promise<{ id: string }>; searchParams: PageSearchParams };

function successOf(p: SearchParams) {
  if (p.created) return 'Document created with its first version.';
  if (p.saved) return 'Changes saved. The portal shows them now.';
  if (typeof p.uploaded === 'string') return `Version ${p.uploaded} uploaded. It is now the current version.`;
  if (p.archived) return 'Archived: the document is off the portal, and access links no longer open it.';
  if (p.restored) return 'Restored: the document is back on the portal.';
  return undefined;
}

export default async function AdminDocument({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireTrustAdmin(`/admin/documents/${id}`, '/admin/documents/[id]');
  if (!isUuid(id)) notFound();
  const db = await getDatabase();
  const found = await getAdminDocument({ db, clock: systemClock, actor }, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  if (!found) notFound();
  const { document: d, versions } = found;
  const query = await searchParams;
  const categories = [...new Set((await listPortalDocuments(db)).map((x) => x.category))];
  const section = 'rounded-lg border border-slate-200 bg-white p-5';

  return (
    <div className="gap-8">
      <div>
        <DocumentHeading back={{ href: '/admin/documents', label: 'Documents' }} title={d.title} visibility={d.visibility}>
          <span className="font-mono">/documents/{d.slug}.pdf</span>
          {d.archivedAt ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium">Archived {formatDate(d.archivedAt)}</span> : null}
          {d.visibility === 'public' && !d.archivedAt ? (
            <a href={`/documents/${d.slug}.pdf`} className="text-brand-700 hover:underline">
              Open public PDF
            </a>
          ) : null}
        </DocumentHeading>
        {d.validity.state !== 'none' ? (
          <p className="mt-2 text-sm">
            <ValidityNote validity={d.validity} staff />
            {d.validityRemindedAt ? <span className="ml-2 text-slate-600">Reminder e-mailed {formatDate(d.validityRemindedAt)}.</span> : null}
          </p>
        ) : null}
      </div>

      <FormNotice error={singleParam(query.error)} errors={DOCUMENT_FORM_ERRORS} success={successOf(query)} />

      <Section id="details" title="Details" className={section}>
        <form method="post" action={`/api/admin/documents/${d.id}`} className="mt-4 grid gap-4 sm:grid-cols-2">
          <DocumentFields values={{ ...d, validUntil: d.validity.validUntil }} categories={categories} />
          <div className="sm:col-span-2">
            <SubmitButton>Save details</SubmitButton>
          </div>
        </form>
      </Section>

      {d.generator ? (
        <Section id="generated" title="Generated from live data" className={section}>
          <p className="mt-1 text-sm text-slate-700">
            This PDF is rendered from the content you edit{' '}
            <a href={GENERATOR_PAGES[d.generator].href} className="text-brand-700 underline">
              {GENERATOR_PAGES[d.generator].label}
            </a>
            , so it is always current.{' '}
            <a href={`/documents/${d.slug}.pdf`} className="text-brand-700 underline">
              Open the current PDF
            </a>
            .
          </p>
        </Section>
      ) : d.archivedAt ? null : (
        <Section id="upload" title="Upload a new version" className={section}>
          <p className="mt-1 text-sm text-slate-600">The new file becomes the current version at once; earlier versions are kept below.</p>
          <form method="post" action={`/api/admin/documents/${d.id}/versions`} encType="multipart/form-data" className="mt-4 grid gap-4 sm:grid-cols-2">
            <VersionUploadFields notePlaceholder="What changed" submitLabel="Upload version" />
          </form>
        </Section>
      )}

      {d.generator ? null : (
        <Section id="versions" title="Versions">
          <Table columns={[{ label: 'Version' }, { label: 'File' }, { label: 'SHA-256' }, { label: 'Uploaded' }]} minWidth="md" className="mt-3">
            {versions.map((v, i) => (
              <tr key={v.version}>
                <td className="px-4 py-3 font-medium">
                  {v.version}
                  {i === 0 ? <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">current</span> : null}
                </td>
                <td className="px-4 py-3">
                  <a href={`/api/admin/documents/${d.id}/versions/${v.version}`} className="text-brand-700 hover:underline">
                    {v.filename}
                  </a>
                  <span className="block text-xs text-slate-600">
                    {formatBytes(v.size)}
                    {v.note ? ` · ${v.note}` : ''}
                  </span>
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-700">
                  <span title={v.sha256}>{v.sha256.slice(0, 16)}…</span>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {formatDateTime(v.uploadedAt)}
                  <span className="block text-xs text-slate-600">{v.uploadedBy ?? 'Demo data'}</span>
                </td>
              </tr>
            ))}
          </Table>
        </Section>
      )}

      <Section id="archive" title={d.archivedAt ? 'Restore' : 'Archive'} className={section}>
        <p className="mt-1 text-sm text-slate-600">
          {d.archivedAt
            ? 'Puts the document back on the portal with its current version.'
            : 'Takes the document off the portal. Access links stop opening it; its versions are kept and it can be restored.'}
        </p>
        <form method="post" action={`/api/admin/documents/${d.id}/${d.archivedAt ? 'restore' : 'archive'}`} className="mt-3">
          <button
            type="submit"
            className={
              d.archivedAt
                ? 'rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50'
                : 'rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50'
            }
          >
            {d.archivedAt ? 'Restore document' : 'Archive document'}
          </button>
        </form>
      </Section>
    </div>
  );
}
