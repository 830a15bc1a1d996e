import { Notice } from '@/components/ui/notice';
import { Table } from '@/components/ui/table';
import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ValidityNote, VisibilityBadge } from '@/components/documents/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { formatBytes } from '@/lib/documents/format';
import { listAdminDocuments } from '@/lib/documents/list';

export const metadata: Metadata = { title: 'Documents', description: 'Upload and version the documents of the trust portal.' };

const PAGE_SIZE = 20;

export default async function AdminDocuments({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/documents');
  const page = pageParam((await searchParams).page);
  const { items, total } = await listAdminDocuments({ db: await getDatabase(), clock: systemClock, actor }, { page, pageSize: PAGE_SIZE });
  const attention = items.filter((d) => !d.archivedAt && (d.validity.state === 'expired' || d.validity.state === 'expires_soon')).length;
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading title="Documents">
          The PDFs on the portal’s documents page. Public ones download for anyone; NDA and restricted ones only with an approved access request.
        </PageHeading>
        <Link href="/admin/documents/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New document
        </Link>
      </div>
      {attention > 0 ? (
        <Notice tone="warning" className="mb-4">
          {attention === 1 ? '1 document expires' : `${attention} documents expire`} within 30 days or already expired. Upload the renewed version and set its
          new valid-until date.
        </Notice>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="No documents yet">
          <Link href="/admin/documents/new" className="text-brand-700 underline">
            Upload the first one
          </Link>
          , for example your ISO 27001 certificate.
        </EmptyState>
      ) : (
        <Table columns={[{ label: 'Document' }, { label: 'Visibility' }, { label: 'Current version' }, { label: 'Validity' }]} minWidth="md">
          {items.map((d) => (
            <tr key={d.id} className={d.archivedAt ? 'bg-slate-50 text-slate-500' : undefined}>
              <td className="px-4 py-3">
                <Link href={`/admin/documents/${d.id}`} className="font-medium text-brand-700 hover:underline">
                  {d.title}
                </Link>
                <span className="block font-mono text-xs text-slate-600">{d.slug}</span>
                <span className="block text-xs text-slate-600">
                  {d.category}
                  {d.archivedAt ? ` · Archived ${formatDate(d.archivedAt)}` : ''}
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
                      {formatDate(d.currentVersion.uploadedAt)} · {formatBytes(d.currentVersion.size)}
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
        </Table>
      )}
      <Pagination basePath="/admin/documents" page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
