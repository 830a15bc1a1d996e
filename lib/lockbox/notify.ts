import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';

/**
 * Each kind has a fixed audience and link in the database (notify_lockbox): the customer
 * admins for a request or an emergency access, the requester for a decision or an expiry,
 * the other break-glass holders for a review.
 */
export type NoticeKind =
  | 'lockbox_requested'
  | 'lockbox_second_approval'
  | 'lockbox_approved'
  | 'lockbox_denied'
  | 'lockbox_revoked'
  | 'lockbox_request_expired'
  | 'lockbox_grant_expired'
  | 'break_glass_invoked'
  | 'break_glass_review_needed';

export interface Notice {
  kind: NoticeKind;
  title: string;
  body: string;
}

/**
 * Tells the people a lockbox or break-glass step concerns, in their console and by mail, in
 * the step's transaction: the database checks that the actor made the step, finds the people
 * and queues the mail (notify_lockbox), so an actor never reads the other side's users, and a
 * notice goes out if and only if the step commits. Answers the addresses told.
 */
export async function notify(tx: Tx, subjectId: string, notice: Notice): Promise<string[]> {
  const people = await queryRows<{ email: string }>(
    tx,
    sql`select email from notify_lockbox(${notice.kind}, ${subjectId}::uuid, ${notice.title}, ${notice.body})`,
  );
  return people.map((p) => p.email);
}
