import 'server-only';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Tx } from '@/lib/db/types';

/**
 * Several instances on one PostgreSQL each keep copies of the public portal in memory (data,
 * files, pages). A change that narrows who may read something (a document made confidential
 * or archived) must not stay public on the other instances until their copies expire, so it
 * is announced on this channel, and every instance retires its copies when it hears it.
 */
export const PUBLIC_CHANGES_CHANNEL = 'trust_center_public_changes';

/**
 * Announces the change made in tx to every instance. PostgreSQL delivers the notification when
 * the transaction commits, and never if it rolls back: no change goes unannounced, and nothing
 * is announced that did not happen.
 */
export async function announcePublicChange(tx: Tx) {
  await tx.execute(sql`SELECT pg_notify(${PUBLIC_CHANGES_CHANNEL}, '')`);
}

/**
 * Listens on a connection of its own and calls onChange for every change announced, by any
 * instance (this one included). postgres.js listens again after the connection is lost (a
 * database restart, a failover); notifications sent meanwhile are lost, so onChange is also
 * called each time it listens, at first and anew. Returns a function that stops listening.
 */
export function listenForPublicChanges(url: string, onChange: () => void, { retryMs = 1_000 } = {}): () => Promise<void> {
  let stopped = false;
  let current: postgres.Sql | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = () => {
    const sql = (current = postgres(url, {
      max: 1,
      connect_timeout: 5,
      // Dials again quickly after a restart; postgres.js's default waits up to 20 s.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      onnotice: () => {},
      connection: { application_name: 'trust-center-listener' },
    }));
    // onlisten runs each time the channel is listened to, at first and after every reconnection.
    sql
      .listen(PUBLIC_CHANGES_CHANNEL, () => onChange(), onChange)
      .catch((error: unknown) => {
        // Only the first listen reports failure; postgres.js repeats the later ones by itself.
        console.error(JSON.stringify({ level: 'error', event: 'public_changes.listen_failed', error: error instanceof Error ? error.message : 'unknown' }));
        void sql.end({ timeout: 0 }).catch(() => {});
        if (!stopped) retry = setTimeout(start, retryMs);
      });
  };
  start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current?.end({ timeout: 5 });
  };
}
