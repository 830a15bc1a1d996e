import { handler } from '@/lib/api/handler';
import { sendQueuedMail } from '@/lib/mail/sender';
import { refreshPublic } from '@/lib/portal/cache';
import { cancelChange } from '@/lib/subprocessors/cancel';
import { linkKeys } from '@/lib/subscriptions/link-keys';

/** Cancels a draft, or an announced change before it takes effect (subscribers are told). */
export const POST = handler({ access: 'trust-admin', form: { back: '/admin/subprocessors' } }, async (ctx, { params }: { params: { id: string } }) => {
  const result = await cancelChange(ctx, linkKeys(), params.id);
  if (result.announced) {
    refreshPublic('subprocessors');
    sendQueuedMail();
  }
  return { json: result, redirect: '/admin/subprocessors?cancelled=1' };
});
