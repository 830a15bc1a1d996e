import { denyRequest } from '@/lib/access/decide';
import { handler } from '@/lib/api/handler';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Denies a pending request: the reviewer gets a polite refusal by e-mail. {"note"} */
export const POST = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/access-requests' } },
  async (ctx, { params, data }: { params: { id: string }; data: unknown }) => {
    const decision = await denyRequest(ctx, params.id, data);
    sendQueuedMail();
    return { json: { decision }, redirect: '/admin/access-requests?decided=denied' };
  },
);
