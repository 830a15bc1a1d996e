import { handler } from '@/lib/api/handler';
import { endBreakGlass } from '@/lib/break-glass/sessions';

/** The holder who opened a session ends it before its limit. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: '/admin/break-glass' } },
  async (ctx, { params }: { params: { id: string } }) => ({
    json: { session: await endBreakGlass(ctx, params.id) },
    done: 'ended',
  }),
);
