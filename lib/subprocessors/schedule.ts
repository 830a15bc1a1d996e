import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { subprocessorChanges, subprocessors } from '@/drizzle/schema';
import type { Actor, StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import type { Tx } from '@/lib/db/types';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { dateStart, isoDate } from './dates';
import { slugify, type ChangeInput, type SubprocessorFields } from './fields';
import { assertNotice, requiredNotice } from './notice';
import { readChanges } from './read';
import { compareChanges, fieldsOf, stateBefore, type TimelineChange } from './timeline';
import type { Ctx } from '@/lib/db/ctx';

export interface ScheduledChange {
  id: string;
  slug: string;
  kind: ChangeInput['kind'];
  name: string;
  effectiveDate: string;
  noticeDays: number;
}

/**
 * Checks a change against the sub-processor's other changes (announced and drafts, not
 * cancelled): an addition needs it absent, an update or removal needs it present, at the
 * change's effective date; then the notice rule, from `at`. Returns the change's fields and
 * the notice it needs.
 */
export function checkChange(change: TimelineChange, others: TimelineChange[], at: Date): { before: SubprocessorFields | null; noticeDays: number } {
  const before = stateBefore(others, change);
  const date = isoDate(change.effectiveAt);
  if (change.kind === 'add' && before) {
    throw new AppError('subprocessor_exists', `${change.name} is already a sub-processor on ${date}: schedule a change to it instead.`, 409);
  }
  if (change.kind !== 'add' && !before) {
    throw new AppError(
      'not_a_subprocessor',
      `${change.name} is not a sub-processor on ${date}, so it cannot be ${change.kind === 'remove' ? 'removed' : 'changed'} then.`,
      409,
    );
  }
  if (change.kind === 'add' && others.some((o) => compareChanges(o, change) > 0)) {
    throw new AppError('later_changes', `${change.name} has changes scheduled after ${date}: cancel them before adding it again.`, 409);
  }
  if (change.kind === 'update' && before && sameFields(before, change)) {
    throw new AppError('no_change', `This update leaves ${change.name} exactly as it is.`, 400);
  }
  const requirement = requiredNotice(change.kind, before, change);
  assertNotice(requirement, date, at);
  return { before, noticeDays: requirement.days };
}

function sameFields(a: SubprocessorFields, b: SubprocessorFields) {
  return JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));
}

async function findBySlug(tx: Tx, slug: string) {
  const [row] = await tx.select().from(subprocessors).where(eq(subprocessors.slug, slug)).for('update');
  return row;
}

/**
 * Schedules an addition, update or removal as a draft, which only trust admins see until it is
 * announced. The notice rule is checked now and again when announcing.
 */
export async function scheduleChange({ db, clock, actor }: Ctx<Actor>, input: ChangeInput): Promise<ScheduledChange> {
  assertTrustAdmin(actor);
  return withActor(db, actor, (tx) => scheduleIn(tx, clock, actor, input)).catch((error: unknown) => {
    // Two admins adding the same new name at once: the second finds it taken.
    if (pgErrorCode(error) === '23505')
      throw new AppError('subprocessor_exists', 'A sub-processor with that name was just added: schedule a change to it instead.', 409);
    throw error;
  });
}

async function scheduleIn(tx: Tx, clock: Clock, actor: StaffActor, input: ChangeInput): Promise<ScheduledChange> {
  const now = clock.now();
  const slug = input.kind === 'add' ? slugify(input.name) : input.subprocessor;
  let target = await findBySlug(tx, slug);
  if (!target && input.kind !== 'add') throw new AppError('not_found', `There is no sub-processor “${slug}”.`, 404);
  const others = target ? (await readChanges(tx, { subprocessorId: target.id })).filter((c) => !c.cancelledAt) : [];
  const lastKnown = [...others]
    .sort(compareChanges)
    .filter((c) => c.kind !== 'remove')
    .at(-1);
  if (input.kind === 'remove' && !lastKnown) throw new AppError('not_a_subprocessor', `“${slug}” has never been a sub-processor.`, 409);
  // A removal carries the details it ends (set from the state it applies to, below).
  const fields = input.kind === 'remove' ? fieldsOf(lastKnown!) : fieldsOf(input);
  const draft: TimelineChange = {
    ...fields,
    id: randomUUID(),
    subprocessorId: target?.id ?? randomUUID(),
    slug,
    kind: input.kind,
    reason: input.reason,
    effectiveAt: dateStart(input.effectiveDate).toISOString(),
    createdAt: now.toISOString(),
    announcementId: null,
    announcedAt: null,
    cancelledAt: null,
  };
  const { before, noticeDays } = checkChange(draft, others, now);
  if (input.kind === 'remove') Object.assign(draft, fieldsOf(before!));
  if (!target) {
    [target] = await tx.insert(subprocessors).values({ id: draft.subprocessorId, slug, createdAt: now }).returning();
  }
  await tx.insert(subprocessorChanges).values({
    ...fieldsOf(draft),
    id: draft.id,
    subprocessorId: target.id,
    kind: draft.kind,
    reason: draft.reason,
    effectiveAt: new Date(draft.effectiveAt),
    createdAt: now,
    createdBy: actor.userId,
  });
  await emitEvent(tx, {
    tenantId: null,
    kind: 'content.subprocessor_change_scheduled',
    subject: slug,
    reason: draft.reason,
    payload: {
      change: draft.id,
      subprocessor: slug,
      kind: draft.kind,
      effectiveDate: input.effectiveDate,
      noticeDays,
      processesCustomerRecords: draft.processesCustomerRecords,
    },
  });
  return { id: draft.id, slug, kind: draft.kind, name: draft.name, effectiveDate: input.effectiveDate, noticeDays };
}
