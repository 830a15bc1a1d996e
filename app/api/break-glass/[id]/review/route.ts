import { handler } from '@/lib/api/handler';
import { reviewBreakGlass } from '@/lib/break-glass/sessions';

/** A holder other than the invoker records the post-incident review: `{"review"}`. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: '/admin/break-glass' } },
  async (ctx, { params, data }: { params: { id: string }; data: unknown }) => ({
    json: { session: await reviewBreakGlass(ctx, params.id, data) },
    done: 'reviewed',
  }),
);
