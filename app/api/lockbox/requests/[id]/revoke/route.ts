import { handler } from '@/lib/api/handler';
import { revokeGrant } from '@/lib/lockbox/decisions';
import { sendQueuedMail } from '@/lib/mail/sender';

/** The tenant's customer admins only: `{"comment"}`. Answers the request in its new state. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: '/console/lockbox' } },
  async (ctx, { params, data }: { params: { id: string }; data: unknown }) => {
    const r = await revokeGrant(ctx, params.id, data);
    sendQueuedMail();
    return { json: { request: r, ...r }, done: 'revoked' };
  },
);
