import type { Metadata } from 'next';
import Link from 'next/link';
import { CertificationStatusBadge } from '@/components/portal/certification-status';
import { CertificationForm } from '@/components/portal-admin/certification-form';
import { CertificationHistory } from '@/components/portal-admin/certification-history';
import { searchParam, type Search } from '@/components/portal-admin/fields';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { Pagination, pageParam } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { CERTIFICATION_ERRORS } from '@/lib/portal/form-errors';
import { listCertificationHistory, listCertificationsForAdmin, listReportOptions } from '@/lib/portal/certifications';
import { formatDay } from '@/lib/portal/dates';

export const metadata: Metadata = { title: 'Certifications', description: 'Edit the certifications the public trust portal shows.' };

const HISTORY_PAGE_SIZE = 10;

export default async function AdminCertifications({ searchParams }: { searchParams: Search }) {
  const actor = await requireTrustAdmin('/admin/certifications');
  const page = pageParam(await searchParam(searchParams, 'page'));
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
        <FormNotice error={await searchParam(searchParams, 'error')} errors={CERTIFICATION_ERRORS} />
      </div>

      <section aria-labelledby="list" className="mt-6">
        <h2 id="list" className="text-lg font-semibold">
          Frameworks
        </h2>
        {certifications.length === 0 ? (
          <div className="mt-3">
            <EmptyState title="No certifications yet">Add the first one with the form below.</EmptyState>
          </div>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Framework</th>
                  <th scope="col" className="px-4 py-2 font-medium">Status</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Dates</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Report</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Updated</th>
                  <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {certifications.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="px-4 py-2 font-medium">{c.framework}</th>
                    <td className="px-4 py-2"><CertificationStatusBadge status={c.status} /></td>
                    <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">
                      {c.periodStart && c.periodEnd ? `${formatDay(c.periodStart)} – ${formatDay(c.periodEnd)}` : null}
                      {c.targetDate ? <span className="block">Target {formatDay(c.targetDate)}</span> : null}
                      {!c.periodStart && !c.targetDate ? '—' : null}
                    </td>
                    <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">{c.reportDocumentTitle ?? '—'}</td>
                    <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">{formatDay(c.updatedAt)}</td>
                    <td className="px-4 py-2 text-right">
                      <Link href={`/admin/certifications/${c.id}`} className="font-medium text-brand-700 hover:underline" aria-label={`Edit ${c.framework}`}>
                        Edit
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add" className="mt-10">
        <h2 id="add" className="mb-3 text-lg font-semibold">
          Add a certification
        </h2>
        <CertificationForm action="/api/admin/certifications" reports={reports} submitLabel="Add certification" />
      </section>

      <section aria-labelledby="history" className="mt-10">
        <h2 id="history" className="mb-3 text-lg font-semibold">
          Change history
        </h2>
        <CertificationHistory changes={history.changes} showFramework />
        <Pagination basePath="/admin/certifications" page={page} pageSize={HISTORY_PAGE_SIZE} total={history.total} />
      </section>
    </div>
  );
}
