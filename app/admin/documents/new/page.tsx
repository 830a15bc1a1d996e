import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { DOCUMENT_FORM_ERRORS } from '@/components/documents/admin-errors';
import { DocumentFields, VersionUploadFields, fieldClass, labelClass } from '@/components/documents/document-fields';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { listPortalDocuments } from '@/lib/documents/list';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'New document', description: 'Add a document with its first PDF to the trust portal.' };

export default async function NewDocument({ searchParams }: { searchParams: PageSearchParams }) {
  await requireTrustAdmin('/admin/documents/new');
  const error = (await searchParams).error;
  const categories = [...new Set((await listPortalDocuments(await getDatabase())).map((d) => d.category))];
  return (
    <div>
      <BackLink href="/admin/documents">Documents</BackLink>
      <PageHeading title="New document">A document starts with its first PDF; later versions are added on its page.</PageHeading>
      <FormNotice error={singleParam(error)} errors={DOCUMENT_FORM_ERRORS} />
      <form
        method="post"
        action="/api/admin/documents"
        encType="multipart/form-data"
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      >
        <div className="sm:col-span-2">
          <label className={labelClass}>
            Slug
            <input name="slug" required maxLength={63} pattern="[a-z0-9][a-z0-9\-]{0,62}" className={`${fieldClass} font-mono`} aria-describedby="slug-hint" />
          </label>
          <p id="slug-hint" className="mt-1 text-xs text-slate-600">
            The PDF’s address: /documents/<em>slug</em>.pdf. Lower-case letters, digits and hyphens; it cannot change later.
          </p>
        </div>
        <DocumentFields categories={categories} />
        <VersionUploadFields notePlaceholder="For example: audit period 2025-26" submitLabel="Create document" />
      </form>
    </div>
  );
}
