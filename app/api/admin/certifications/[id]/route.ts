import { handler } from '@/lib/api/handler';
import { getCertificationForAdmin, listCertificationHistory, updateCertification } from '@/lib/portal/certifications';
import { refreshPublic } from '@/lib/portal/cache';

type Params = { id: string };
const page = ({ params }: { params: Params }) => `/admin/certifications/${encodeURIComponent(params.id)}`;

/** One certification with its whole change history. */
export const GET = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: Params }) => {
  const certification = await getCertificationForAdmin(ctx, params.id);
  const { changes } = await listCertificationHistory(ctx, { certificationId: params.id, limit: 1000 });
  return { json: { certification, history: changes } };
});

/** Changes a certification: the fields given replace the stored ones. Forms post, programs PATCH or POST. */
const update = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: page } },
  async (ctx, { params, data }: { params: Params; data: unknown }) => {
    const { certification, changed } = await updateCertification(ctx, params.id, data);
    if (changed) refreshPublic('certifications');
    return { json: { certification, changed }, redirect: `/admin/certifications/${certification.id}?${changed ? 'saved' : 'unchanged'}=1` };
  },
);

export const POST = update;
export const PATCH = update;
