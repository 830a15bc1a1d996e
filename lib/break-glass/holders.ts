import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { breakGlassHolders, users } from '@/drizzle/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';

export interface Holder {
  slot: number;
  userId: string;
  name: string;
  email: string;
  active: boolean;
}

/** The designated holders (at most two: the table has two slots), for staff. */
export async function listHolders(db: DbHandle, actor: StaffActor): Promise<Holder[]> {
  const rows = await withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ slot: breakGlassHolders.slot, userId: users.id, name: users.name, email: users.email, status: users.status, role: users.role })
        .from(breakGlassHolders)
        .innerJoin(users, eq(users.id, breakGlassHolders.userId))
        .orderBy(asc(breakGlassHolders.slot)),
    { readOnly: true },
  );
  return rows.map((r) => ({ slot: r.slot, userId: r.userId, name: r.name, email: r.email, active: r.status === 'active' && r.role === 'break_glass' }));
}

export async function isBreakGlassHolder(db: DbHandle, actor: StaffActor): Promise<boolean> {
  return (await listHolders(db, actor)).some((h) => h.userId === actor.userId && h.active);
}
