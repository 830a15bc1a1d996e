import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { moveSecurityBlock } from '@/lib/portal/security-blocks';

/** Moves a block one place up or down: {"direction": "up" | "down"}. */
export const POST = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/security' } },
  async (ctx, { params: { id }, data }: { params: { id: string }; data: unknown }) => {
    const blocks = await moveSecurityBlock(ctx, id, data);
    refreshPublic('security');
    return { json: { blocks }, redirect: `/admin/security?moved=1#block-${blocks.find((b) => b.id === id)?.slug ?? ''}` };
  },
);
