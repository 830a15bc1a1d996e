import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { createCertification, listCertificationsForAdmin, listReportOptions } from '@/lib/portal/certifications';

export const GET = handler({ access: 'trust-admin' }, async (ctx) => {
  const [certifications, reportDocuments] = await Promise.all([listCertificationsForAdmin(ctx), listReportOptions(ctx)]);
  return { json: { certifications, reportDocuments } };
});

/** Adds a certification (form post or JSON). */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/certifications' } }, async (ctx, { data }) => {
  const certification = await createCertification(ctx, data);
  refreshPublic('certifications');
  return { json: { certification }, status: 201, redirect: `/admin/certifications/${certification.id}?created=1` };
});
