import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CustomerActor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { pgErrorCode } from '@/lib/db/raw';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import type { DbActor } from '@/lib/db/ctx';

const CONFIRM = 'Type your e-mail address to confirm.';

/** The deletion form: the person types their own e-mail address to confirm. */
export const deleteAccountInput = z.object({ confirm: z.string().max(320, CONFIRM).describe(CONFIRM) });

/**
 * Deletes the signed-in customer user's account (GDPR art. 17): their name and e-mail leave the
 * portal and the governance log's actor table, their sessions and notifications are deleted, and
 * their chain keeps verifying because events name them only by pseudonym. Executed DPAs keep their
 * signer, as a signed contract must. The last customer admin of a tenant is refused.
 */
export async function deleteOwnAccount({ db, actor }: DbActor<CustomerActor>): Promise<void> {
  try {
    await withActor(db, actor, async (tx) => {
      await emitEvent(tx, {
        tenantId: actor.tenantId,
        kind: 'privacy.account_deleted',
        subject: 'account',
        aboutUserId: actor.userId,
        payload: { role: actor.role },
      });
      await tx.execute(sql`select delete_own_customer_account()`);
    });
  } catch (error) {
    if (pgErrorCode(error) === '23514') {
      throw new AppError(
        'last_customer_admin',
        `You are the only customer admin of ${actor.tenantName}. Make another person a customer admin first, so that someone can still answer lockbox requests.`,
        409,
      );
    }
    throw error;
  }
}
