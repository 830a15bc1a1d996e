import { approveRequest } from '@/lib/access/decide';
import { handler } from '@/lib/api/handler';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Approves a pending request: a grant for its documents and the sign-in link by e-mail. {"note"} */
export const POST = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/access-requests' } },
  async (ctx, { params, data }: { params: { id: string }; data: unknown }) => {
    const decision = await approveRequest(ctx, params.id, data);
    sendQueuedMail();
    return { json: { decision }, redirect: '/admin/access-requests?decided=approved' };
  },
);
