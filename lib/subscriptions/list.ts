import 'server-only';
import { count, desc } from 'drizzle-orm';
import { subscribers } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import type { DbActor } from '@/lib/db/ctx';

export const SUBSCRIBERS_PAGE_SIZE = 50;

export type SubscriberStatus = (typeof subscribers.status.enumValues)[number];

export interface SubscriberRow {
  id: string;
  email: string;
  status: SubscriberStatus;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** Subscribers, newest first, with how many are in each status: trust admins only (RLS too). */
export async function listSubscribers({ db, actor }: DbActor<Actor>, { page, pageSize }: { page: number; pageSize: number }) {
  assertTrustAdmin(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx
        .select()
        .from(subscribers)
        .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const counts = await tx.select({ status: subscribers.status, n: count() }).from(subscribers).groupBy(subscribers.status);
      const byStatus: Record<SubscriberStatus, number> = { pending: 0, confirmed: 0, unsubscribed: 0 };
      for (const c of counts) byStatus[c.status] = Number(c.n);
      return {
        total: byStatus.pending + byStatus.confirmed + byStatus.unsubscribed,
        byStatus,
        subscribers: rows.map((r): SubscriberRow => ({
          id: r.id,
          email: r.email,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
          confirmedAt: r.confirmedAt?.toISOString() ?? null,
          unsubscribedAt: r.unsubscribedAt?.toISOString() ?? null,
        })),
      };
    },
    { readOnly: true },
  );
}
