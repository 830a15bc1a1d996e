import { handler } from '@/lib/api/handler';
import { sendQueuedMail } from '@/lib/mail/sender';
import { refreshPublic } from '@/lib/portal/cache';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { linkKeys } from '@/lib/subscriptions/link-keys';

/** Announces every draft together: one mail per confirmed subscriber, one feed entry per change. */
export const POST = handler({ access: 'trust-admin', form: { back: '/admin/subprocessors' } }, async (ctx) => {
  const announcement = await announceDrafts(ctx, linkKeys());
  refreshPublic('subprocessors');
  sendQueuedMail();
  return { json: { announcement }, status: 201, redirect: `/admin/subprocessors?announced=${announcement.changes}` };
});
