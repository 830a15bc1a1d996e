import { and, asc, eq, isNull } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import type { AuthActor } from '@/lib/auth/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';

// Neither the public nor the portal's own work (SYSTEM) may read staff users under RLS; the
// sign-in actor reads users to resolve sessions, so it reads this list too (read-only, the
// addresses of active trust admins and nothing else).
const USER_LOOKUP: AuthActor = { kind: 'auth' };

/** Where the portal's notices for the vendor go: every active trust admin. */
export async function trustAdminEmails(db: DbHandle): Promise<string[]> {
  const rows = await withActor(
    db,
    USER_LOOKUP,
    (tx) =>
      tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.kind, 'staff'), eq(users.role, 'trust_admin'), eq(users.status, 'active'), isNull(users.deprovisionedAt)))
        .orderBy(asc(users.email)),
    { readOnly: true },
  );
  return rows.map((r) => r.email);
}
