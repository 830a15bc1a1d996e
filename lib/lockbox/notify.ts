import 'server-only';
import { sql } from 'drizzle-orm';
import { config } from '@/lib/config/env';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';

export type Audience = 'tenant_admins' | 'requester' | 'invoker' | 'other_holders';

export interface Notice {
  /** e.g. 'lockbox_requested': the notification's and the mail's kind. */
  kind: string;
  title: string;
  body: string;
  /** The console page the notice points to, e.g. '/console/lockbox'. */
  link: string;
}

/**
 * Tells the people a lockbox or break-glass step concerns, in their console and by mail, in
 * the step's transaction: the database finds them and queues the mail (notify_lockbox), so
 * an actor never reads the other side's users, and a notice goes out if and only if the step
 * commits.
 */
export async function notify(tx: Tx, audience: Audience, subjectId: string, notice: Notice): Promise<string[]> {
  const url = new URL(notice.link, config().appUrl).href;
  const people = await queryRows<{ email: string }>(
    tx,
    sql`select email from notify_lockbox(${audience}, ${subjectId}::uuid, ${notice.kind}, ${notice.title}, ${notice.body}, ${notice.link}, ${url})`,
  );
  return people.map((p) => p.email);
}
