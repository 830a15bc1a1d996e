import { Table } from '@/components/ui/table';
import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CertificationStatusBadge } from '@/components/portal/certification-status';
import { CertificationForm } from '@/components/portal-admin/certification-form';
import { CertificationHistory } from '@/components/portal-admin/certification-history';

import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { CERTIFICATION_ERRORS } from '@/lib/portal/form-errors';
import { listCertificationHistory, listCertificationsForAdmin, listReportOptions } from '@/lib/portal/certifications';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Certifications', description: 'Edit the certifications the public trust portal shows.' };

const HISTORY_PAGE_SIZE = 10;

export default async function AdminCertifications({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/certifications');
  const page = pageParam(singleParam((await searchParams).page));
  const db = await getDatabase();
  const [certifications, reports, history] = await Promise.all([
    listCertificationsForAdmin({ db, actor }),
    listReportOptions({ db, actor }),
    listCertificationHistory({ db, actor }, { limit: HISTORY_PAGE_SIZE, offset: (page - 1) * HISTORY_PAGE_SIZE }),
  ]);
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Certifications</h1>
      <p className="mt-1 text-slate-700">
        What the public{' '}
        <Link href="/certifications" className="text-brand-700 underline">
          certifications page
        </Link>{' '}
        shows. Every change is kept in the history below, with who made it and when.
      </p>
      <div className="mt-4">
        <FormNotice error={singleParam((await searchParams).error)} errors={CERTIFICATION_ERRORS} />
      </div>

      <Section id="list" title="Frameworks" className="mt-6">
        {certifications.length === 0 ? (
          <EmptyState className="mt-3" title="No certifications yet">
            Add the first one with the form below.
          </EmptyState>
        ) : (
          <Table
            columns={[
              { label: 'Framework' },
              { label: 'Status' },
              { label: 'Dates', wideOnly: true },
              { label: 'Report', wideOnly: true },
              { label: 'Updated', wideOnly: true },
              { label: 'Actions', srOnly: true },
            ]}
            className="mt-3"
          >
            {certifications.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="px-4 py-2 font-medium">
                  {c.framework}
                </th>
                <td className="px-4 py-2">
                  <CertificationStatusBadge status={c.status} />
                </td>
                <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">
                  {c.periodStart && c.periodEnd ? `${formatDate(c.periodStart)} – ${formatDate(c.periodEnd)}` : null}
                  {c.targetDate ? <span className="block">Target {formatDate(c.targetDate)}</span> : null}
                  {!c.periodStart && !c.targetDate ? '—' : null}
                </td>
                <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">{c.reportDocumentTitle ?? '—'}</td>
                <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">{formatDate(c.updatedAt)}</td>
                <td className="px-4 py-2 text-right">
                  <Link href={`/admin/certifications/${c.id}`} className="font-medium text-brand-700 hover:underline" aria-label={`Edit ${c.framework}`}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="add" title="Add a certification" className="mt-10" headingClassName="mb-3 text-lg font-semibold">
        <CertificationForm action="/api/admin/certifications" reports={reports} submitLabel="Add certification" />
      </Section>

      <Section id="history" title="Change history" className="mt-10" headingClassName="mb-3 text-lg font-semibold">
        <CertificationHistory changes={history.changes} showFramework />
        <Pagination basePath="/admin/certifications" page={page} pageSize={HISTORY_PAGE_SIZE} total={history.total} />
      </Section>
    </div>
  );
}
