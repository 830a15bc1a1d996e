import 'server-only';
import { handler } from '@/lib/api/handler';
import type { Actor } from '@/lib/core/actor';
import type { Ctx } from '@/lib/db/ctx';
import { sendQueuedMail } from '@/lib/mail/sender';

type Decide = (ctx: Ctx<Actor>, id: string, data: unknown) => Promise<object>;

/**
 * A customer admin's decision on a lockbox request (approve, deny, revoke), `{"comment"}`:
 * answers the request in its new state, or sends the form back to the console with `done`.
 */
export const decisionRoute = (decide: Decide, done: string) =>
  handler(
    { access: 'signed-in', body: 'json-or-form', form: { back: '/console/lockbox' } },
    async (ctx, { params, data }: { params: { id: string }; data: unknown }) => {
      const r = await decide(ctx, params.id, data);
      sendQueuedMail();
      return { json: { request: r, ...r }, done };
    },
  );
