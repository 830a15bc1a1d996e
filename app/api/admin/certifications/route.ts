import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { createCertification, listCertificationsForAdmin, listReportOptions } from '@/lib/portal/certifications';

export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const db = await getDatabase();
  const [certifications, reportDocuments] = await Promise.all([listCertificationsForAdmin(db, actor), listReportOptions(db, actor)]);
  return NextResponse.json({ certifications, reportDocuments });
});

/** Adds a certification (form post or JSON). */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/certifications', async () => {
    const certification = await createCertification(await getDatabase(), systemClock, actor, data);
    return { redirect: `/admin/certifications/${certification.id}?created=1`, json: { certification }, status: 201, refresh: ['certifications'] };
  });
});
