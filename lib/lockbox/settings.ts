import 'server-only';
import { eq } from 'drizzle-orm';
import { lockboxSettings } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { settingsInput } from './schemas';
import { EVENTS } from './transitions';
import type { Ctx, DbActor } from '@/lib/db/ctx';

export interface LockboxSettings {
  requestExpiryMinutes: number;
  requiredApprovals: 1 | 2;
}

export const DEFAULT_SETTINGS: LockboxSettings = { requestExpiryMinutes: 720, requiredApprovals: 1 };

/** The tenant's lockbox settings, for its users. */
export async function readLockboxSettings({ db, actor }: DbActor<Actor>): Promise<LockboxSettings> {
  if (actor.kind !== 'customer') throw new AppError('forbidden', 'Only your organization’s users can read its lockbox settings.', 403);
  const [row] = await withActor(db, actor, (tx) => tx.select().from(lockboxSettings).where(eq(lockboxSettings.tenantId, actor.tenantId)), {
    readOnly: true,
  });
  return row ? { requestExpiryMinutes: row.requestExpiryMinutes, requiredApprovals: row.requiredApprovals === 2 ? 2 : 1 } : DEFAULT_SETTINGS;
}

/** A customer admin sets how long requests wait and whether two admins must approve. Applies to new requests. */
export async function updateLockboxSettings({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<LockboxSettings> {
  if (actor.kind !== 'customer' || actor.role !== 'customer_admin') {
    throw new AppError('forbidden', 'Only your organization’s customer admins can change its lockbox settings.', 403);
  }
  const input = parseInput(settingsInput, data);
  const values = { requestExpiryMinutes: input.requestExpiryHours * 60, requiredApprovals: input.requiredApprovals };
  try {
    await withActor(db, actor, async (tx) => {
      await tx
        .insert(lockboxSettings)
        .values({ tenantId: actor.tenantId, ...values, updatedAt: clock.now(), updatedBy: actor.userId })
        .onConflictDoUpdate({ target: lockboxSettings.tenantId, set: { ...values, updatedAt: clock.now(), updatedBy: actor.userId } });
      await emitEvent(tx, { tenantId: actor.tenantId, kind: EVENTS.settingsChanged, subject: actor.tenantId, payload: values });
    });
  } catch (error) {
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer change lockbox settings.', 403);
    throw error;
  }
  return { requestExpiryMinutes: values.requestExpiryMinutes, requiredApprovals: values.requiredApprovals === 2 ? 2 : 1 };
}
