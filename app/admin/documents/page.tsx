import type { Metadata } from 'next';
import Link from 'next/link';
import { ValidityNote, VisibilityBadge } from '@/components/documents/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination, pageParam } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { formatBytes, formatDay } from '@/lib/documents/format';
import { listAdminDocuments } from '@/lib/documents/list';

export const metadata: Metadata = { title: 'Documents', description: 'Upload and version the documents of the trust portal.' };

const PAGE_SIZE = 20;

export default async function AdminDocuments({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireTrustAdmin('/admin/documents');
  const page = pageParam((await searchParams).page);
  const { items, total } = await listAdminDocuments({ db: await getDatabase(), clock: systemClock, actor }, { page, pageSize: PAGE_SIZE });
  const attention = items.filter((d) => !d.archivedAt && (d.validity.state === 'expired' || d.validity.state === 'expires_soon')).length;
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading title="Documents">
          The PDFs on the portal’s documents page. Public ones download for anyone; NDA and restricted ones only with an approved access
          request.
        </PageHeading>
        <Link href="/admin/documents/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New document
        </Link>
      </div>
      {attention > 0 ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {attention === 1 ? '1 document expires' : `${attention} documents expire`} within 30 days or already expired. Upload the renewed
          version and set its new valid-until date.
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="No documents yet">
          <Link href="/admin/documents/new" className="text-brand-700 underline">
            Upload the first one
          </Link>
          , for example your ISO 27001 certificate.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Document</th>
                <th scope="col" className="px-4 py-2 font-medium">Visibility</th>
                <th scope="col" className="px-4 py-2 font-medium">Current version</th>
                <th scope="col" className="px-4 py-2 font-medium">Validity</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((d) => (
                <tr key={d.id} className={d.archivedAt ? 'bg-slate-50 text-slate-500' : undefined}>
                  <td className="px-4 py-3">
                    <Link href={`/admin/documents/${d.id}`} className="font-medium text-brand-700 hover:underline">
                      {d.title}
                    </Link>
                    <span className="block font-mono text-xs text-slate-600">{d.slug}</span>
                    <span className="block text-xs text-slate-600">
                      {d.category}
                      {d.archivedAt ? ` · Archived ${formatDay(d.archivedAt)}` : ''}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    <VisibilityBadge visibility={d.visibility} />
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {d.generator ? (
                      'Generated from live data'
                    ) : d.currentVersion ? (
                      <>
                        Version {d.currentVersion.version}
                        <span className="block text-xs text-slate-600">
                          {formatDay(d.currentVersion.uploadedAt)} · {formatBytes(d.currentVersion.size)}
                        </span>
                      </>
                    ) : (
                      'No file'
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {d.validity.state === 'none' ? <span className="text-slate-600">No end date</span> : <ValidityNote validity={d.validity} staff />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination basePath="/admin/documents" page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
