import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '@/drizzle/schema';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import type { Ctx, DbActor } from '@/lib/db/ctx';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  read: boolean;
}

/** The signed-in person's notifications, newest first, with the number unread. */
export async function listNotifications({ db, actor }: DbActor<CustomerActor | StaffActor>, limit = 10) {
  return withActor(
    db,
    actor,
    async (tx) => ({
      unread: await tx.$count(notifications, and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
      items: (
        await tx
          .select()
          .from(notifications)
          .where(eq(notifications.userId, actor.userId))
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(Math.min(Math.max(limit, 1), 100))
      ).map((n): NotificationView => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt, read: n.readAt !== null })),
    }),
    { readOnly: true },
  );
}

/** Marks all of the person's notifications read. */
export async function markAllRead({ db, clock, actor }: Ctx<CustomerActor | StaffActor>): Promise<number> {
  const rows = await withActor(db, actor, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: clock.now() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
  );
  return rows.length;
}
