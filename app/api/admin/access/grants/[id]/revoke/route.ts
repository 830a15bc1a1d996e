import { handler } from '@/lib/api/handler';
import { revokeGrant } from '@/lib/access/grants';

/** Ends a grant at once: its link and downloads stop working. */
export const POST = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/access-requests/grants' } },
  async (ctx, { params }: { params: { id: string } }) => ({
    json: { grant: await revokeGrant(ctx, params.id) },
    redirect: '/admin/access-requests/grants?revoked=1',
  }),
);
