import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CertificationStatusBadge } from '@/components/portal/certification-status';
import { CertificationForm } from '@/components/portal-admin/certification-form';
import { CertificationHistory } from '@/components/portal-admin/certification-history';

import { FormNotice } from '@/components/ui/notice';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { orNotFound } from '@/lib/http/or-not-found';
import { CERTIFICATION_ERRORS } from '@/lib/portal/form-errors';
import { getCertificationForAdmin, listCertificationHistory, listReportOptions } from '@/lib/portal/certifications';
import { Section } from '@/components/ui/section';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Edit certification', description: 'Change a certification’s status, dates and report.' };

export default async function EditCertification({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  const { id } = await params;
  const actor = await requireTrustAdmin(`/admin/certifications/${id}`, '/admin/certifications/[id]');
  const db = await getDatabase();
  const certification = await orNotFound(getCertificationForAdmin({ db, actor }, id));
  const [reports, history] = await Promise.all([
    listReportOptions({ db, actor }),
    listCertificationHistory({ db, actor }, { certificationId: id, limit: 1000 }),
  ]);
  const success = singleParam((await searchParams).created)
    ? 'Certification added. The public page shows it now.'
    : singleParam((await searchParams).saved)
      ? 'Saved. The public certifications page shows the change now.'
      : singleParam((await searchParams).unchanged)
        ? 'Nothing changed: the values were already saved.'
        : undefined;
  return (
    <div>
      <BackLink href="/admin/certifications" className="text-sm">
        All certifications
      </BackLink>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{certification.framework}</h1>
        <CertificationStatusBadge status={certification.status} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Shown at{' '}
        <Link href={`/certifications#${certification.slug}`} className="text-brand-700 underline">
          /certifications#{certification.slug}
        </Link>
      </p>
      <div className="mt-4">
        <FormNotice error={singleParam((await searchParams).error)} errors={CERTIFICATION_ERRORS} success={success} />
      </div>
      <Section id="edit" title="Edit" className="mt-4" headingClassName="mb-3 text-lg font-semibold">
        <CertificationForm
          action={`/api/admin/certifications/${certification.id}`}
          certification={certification}
          reports={reports}
          submitLabel="Save changes"
        />
      </Section>
      <Section id="history" title="Change history" className="mt-10" headingClassName="mb-3 text-lg font-semibold">
        <CertificationHistory changes={history.changes} />
      </Section>
    </div>
  );
}
