import 'server-only';
import { sql } from 'drizzle-orm';
import { SYSTEM } from '@/lib/core/actor';
import { queryRows } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';

/**
 * Where the portal's notices for the vendor go: every active trust admin. The system actor
 * cannot read users; app_trust_admin_emails() answers this one question.
 */
export async function trustAdminEmails(db: DbHandle): Promise<string[]> {
  const rows = await withActor(db, SYSTEM, (tx) => queryRows<{ email: string }>(tx, sql`SELECT app_trust_admin_emails() AS email`), {
    readOnly: true,
  });
  return rows.map((r) => r.email);
}
