import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { deleteUpdate } from '@/lib/portal/updates';

/** The HTML form's way to delete a news item (forms cannot send DELETE). */
export const POST = handler(
  { access: 'trust-admin', form: { when: 'always', back: '/admin/updates' } },
  async (ctx, { params }: { params: { id: string } }) => {
    await deleteUpdate(ctx, params.id);
    refreshPublic('updates');
    return { redirect: '/admin/updates?deleted=1' };
  },
);
