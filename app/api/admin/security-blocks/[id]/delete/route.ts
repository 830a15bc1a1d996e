import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { deleteSecurityBlock } from '@/lib/portal/security-blocks';

/** The HTML form's way to delete a block (forms cannot send DELETE). */
export const POST = handler(
  { access: 'trust-admin', form: { when: 'always', back: '/admin/security' } },
  async (ctx, { params }: { params: { id: string } }) => {
    await deleteSecurityBlock(ctx, params.id);
    refreshPublic('security');
    return { redirect: '/admin/security?deleted=1' };
  },
);
