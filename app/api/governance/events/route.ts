import { z } from 'zod';
import { handler } from '@/lib/api/handler';
import { listEvents } from '@/lib/governance/list';

const query = z.object({
  kind: z
    .string()
    .regex(/^[a-z_.]{1,100}$/, 'A kind is letters, dots and underscores.')
    .optional(),
  after: z.coerce.number().int().min(0, 'after is a sequence number.').default(0),
  limit: z.coerce.number().int().min(1, 'The limit is 1 to 200.').max(200, 'The limit is 1 to 200.').default(100),
});

/** The caller's chain (a tenant's users: their tenant's; trust admins: the vendor's), oldest first after `after`. */
export const GET = handler({ access: 'signed-in', query }, async (ctx, { query: q }) => {
  const { events, actors } = await listEvents(ctx, { kindPrefixes: q.kind ? [q.kind] : [], after: q.after, limit: q.limit });
  return {
    json: { events: events.map((e) => ({ ...e, actor: e.actorId ? (actors.get(e.actorId) ?? null) : null })), next: events.at(-1)?.seq ?? q.after },
  };
});
