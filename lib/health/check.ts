import 'server-only';
import { sql } from 'drizzle-orm';
import { ANONYMOUS } from '@/lib/core/actor';
import { getDatabase, withActor } from '@/lib/db';

/** Throws unless the database answers a query through the normal path. */
export async function checkDatabase() {
  await withActor(await getDatabase(), ANONYMOUS, (tx) => tx.execute(sql`select 1`), { readOnly: true });
}
