import { formatDate, isoDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { CertificationStatusBadge } from '@/components/portal/certification-status';

import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import type { PublicCertification } from '@/lib/portal/certifications';
import { publicCertifications } from '@/lib/portal/public-certifications';
import { publicSettings } from '@/lib/portal/public-settings';

export async function generateMetadata(): Promise<Metadata> {
  const { vendorName } = await publicSettings();
  return {
    title: 'Certifications',
    description: `${vendorName}’s compliance certifications and attestations: status, audit periods, target dates and how to get each report.`,
  };
}

export default async function CertificationsPage() {
  const [certifications, { vendorName }] = await Promise.all([publicCertifications(), publicSettings()]);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <PageHeading eyebrow="Compliance" title="Certifications and attestations">
        <p>
          Where {vendorName} stands with each framework today: what an independent auditor has attested, which audits are under way, and what is planned. Public
          reports download directly; others are shared under NDA from the{' '}
          <a href="/documents" className="text-brand-700 underline">
            documents page
          </a>
          .
        </p>
      </PageHeading>
      {certifications.length === 0 ? (
        <EmptyState title="No certifications published yet">Check back soon: the staff publish each framework here as it progresses.</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {certifications.map((c) => (
            <CertificationCard key={c.slug} certification={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CertificationCard({ certification: c }: { certification: PublicCertification }) {
  return (
    <li id={c.slug} className="flex scroll-mt-6 flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm print:break-inside-avoid print:shadow-none">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-950">{c.framework}</h2>
        <CertificationStatusBadge status={c.status} />
      </div>
      {c.description ? <p className="mt-2 text-sm leading-6 text-slate-700">{c.description}</p> : null}
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {c.periodStart && c.periodEnd ? (
          <>
            <dt className="font-medium text-slate-600">Audit period</dt>
            <dd className="text-slate-900">
              <time dateTime={c.periodStart}>{formatDate(c.periodStart)}</time> – <time dateTime={c.periodEnd}>{formatDate(c.periodEnd)}</time>
            </dd>
          </>
        ) : null}
        {c.targetDate ? (
          <>
            <dt className="font-medium text-slate-600">{c.status === 'audit_window' ? 'Report expected' : 'Target date'}</dt>
            <dd className="text-slate-900">
              <time dateTime={c.targetDate}>{formatDate(c.targetDate)}</time>
            </dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-600">Report</dt>
        <dd className="text-slate-900">
          {c.report ? (
            <a href={c.report.href} className="font-medium text-brand-700 underline hover:text-brand-900">
              {c.report.gated ? `Request access: ${c.report.title}` : `Download ${c.report.title} (PDF)`}
            </a>
          ) : (
            <span className="text-slate-600">Not available</span>
          )}
        </dd>
      </dl>
      <p className="mt-auto pt-4 text-xs text-slate-600">
        Last updated <time dateTime={isoDateTime(c.updatedAt)}>{formatDate(c.updatedAt)}</time>
      </p>
    </li>
  );
}
