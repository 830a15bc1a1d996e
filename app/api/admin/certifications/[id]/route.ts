import { NextResponse, type NextRequest } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { getCertificationForAdmin, listCertificationHistory, updateCertification } from '@/lib/portal/certifications';

type Params = { params: Promise<{ id: string }> };

/** One certification with its whole change history. */
export const GET = route(async (request, { params }: Params) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const db = await getDatabase();
  const certification = await getCertificationForAdmin(db, actor, id);
  const { changes } = await listCertificationHistory(db, actor, { certificationId: id, limit: 1000 });
  return NextResponse.json({ certification, history: changes });
});

/** Changes a certification: the fields given replace the stored ones. Forms post, programs PATCH or POST. */
async function update(request: NextRequest, { params }: Params) {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  return respond(form, `/admin/certifications/${encodeURIComponent(id)}`, async () => {
    const { certification, changed } = await updateCertification(await getDatabase(), systemClock, actor, id, data);
    return {
      redirect: `/admin/certifications/${certification.id}?${changed ? 'saved' : 'unchanged'}=1`,
      json: { certification, changed },
      refresh: changed ? ['certifications'] : [],
    };
  });
}

export const POST = route(update);
export const PATCH = route(update);
