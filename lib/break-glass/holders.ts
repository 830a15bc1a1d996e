import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { breakGlassHolders, users } from '@/drizzle/schema';
import type { Actor, StaffActor } from '@/lib/core/actor';
import { assertTrustAdmin, rethrowRefusal } from '@/lib/auth/trust-admin';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import type { DbActor } from '@/lib/db/ctx';

export interface Holder {
  slot: number;
  userId: string;
  name: string;
  email: string;
  active: boolean;
}

/** The designated holders (at most two: the table has two slots), for staff. */
export async function listHolders({ db, actor }: DbActor<StaffActor>): Promise<Holder[]> {
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
  return (await listHolders({ db, actor })).some((h) => h.userId === actor.userId && h.active);
}

const holdersInput = z.object({
  emails: z
    .array(z.string().trim().toLowerCase().email('Each holder is an e-mail address.'), { error: 'List the holders’ e-mail addresses.' })
    .max(2, 'There can be at most two break-glass holders.')
    .refine((list) => new Set(list).size === list.length, 'A holder is listed twice.'),
});

/**
 * A trust admin designates the holders: at most two active staff members with the
 * break-glass role. Recorded in the vendor's governance log.
 */
export async function setHolders({ db, actor }: DbActor<Actor>, data: unknown): Promise<Holder[]> {
  assertTrustAdmin(actor, 'Only trust admins designate break-glass holders.');
  const { emails } = parseInput(holdersInput, data);
  await withActor(db, actor, async (tx) => {
    const people = emails.length
      ? await tx.select({ id: users.id, email: users.email, role: users.role, status: users.status }).from(users).where(inArray(users.email, emails))
      : [];
    for (const email of emails) {
      const person = people.find((p) => p.email === email);
      if (!person || person.role !== 'break_glass' || person.status !== 'active') {
        throw new AppError('invalid_emails', `${email} is not an active staff member with the break-glass role.`, 400);
      }
    }
    try {
      await tx.delete(breakGlassHolders);
      if (emails.length) {
        await tx
          .insert(breakGlassHolders)
          .values(emails.map((email, i) => ({ slot: i + 1, userId: people.find((p) => p.email === email)!.id, designatedBy: actor.userId })));
      }
    } catch (error) {
      rethrowRefusal(error);
    }
    await emitEvent(tx, {
      tenantId: null,
      kind: 'support.break_glass_holders_changed',
      subject: 'break_glass_holders',
      payload: { holders: emails.map((email) => people.find((p) => p.email === email)!.id) },
    });
  });
  return listHolders({ db, actor });
}
