import { handler } from '@/lib/api/handler';
import { markAllRead } from '@/lib/notifications/inbox';

/** Marks all of the caller's notifications read. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: ({ actor }) => (actor.kind === 'customer' ? '/console' : '/admin') } },
  async (ctx) => ({ json: { marked: await markAllRead(ctx) }, done: 'read' }),
);
