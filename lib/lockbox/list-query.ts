import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/core/actor';
import { parseInput } from '@/lib/core/parse-input';
import type { ListOptions } from './requests';
import { tenantBySlug } from './tenant';
import type { DbActor } from '@/lib/db/ctx';

const query = z.object({
  status: z
    .string()
    .optional()
    // 'approved' is the stored word for what is now 'active' (or 'expired' once its time ran out).
    .transform((s) => (s ? s.split(',').map((w) => (w === 'approved' ? 'active' : w)) : []))
    .pipe(
      z.array(z.enum(['pending', 'active', 'denied', 'expired', 'revoked'], { error: 'Unknown status: use pending, active, denied, expired or revoked.' })),
    ),
  tenant: z.string().optional(),
  limit: z.coerce.number().int().min(1, 'The limit is 1 to 200.').max(200, 'The limit is 1 to 200.').default(50),
  offset: z.coerce.number().int().min(0, 'The offset cannot be negative.').default(0),
});

/** A list endpoint's query string, checked; `tenant` (a slug) narrows a staff list to one tenant. */
export async function listQuery({ db, actor }: DbActor<Actor>, params: URLSearchParams): Promise<ListOptions> {
  const q = parseInput(query, Object.fromEntries(params));
  const tenantId = q.tenant && actor.kind === 'staff' ? (await tenantBySlug(db, actor, q.tenant)).id : undefined;
  return { states: q.status, tenantId, limit: q.limit, offset: q.offset };
}
