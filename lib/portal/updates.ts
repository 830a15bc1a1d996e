import 'server-only';
import { count, desc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import { portalUpdates } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { text } from './input';
import { asTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** A published news item, as the updates page and the Atom feed show it (JSON-safe). */
export interface PublicUpdate {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  updatedAt: string;
}

const toUpdate = (r: typeof portalUpdates.$inferSelect): PublicUpdate => ({
  id: r.id,
  title: r.title,
  body: r.body,
  publishedAt: r.publishedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Published news, newest first. */
export async function listPublishedUpdates(db: DbHandle, clock: Clock, { limit = 50, offset = 0 } = {}): Promise<PublicUpdate[]> {
  const rows = await withActor(
    db,
    ANONYMOUS,
    (tx) =>
      tx
        .select()
        .from(portalUpdates)
        .where(lte(portalUpdates.publishedAt, clock.now()))
        .orderBy(desc(portalUpdates.publishedAt), desc(portalUpdates.id))
        .limit(limit)
        .offset(offset),
    { readOnly: true },
  );
  return rows.map(toUpdate);
}

/** How many news items are published, for the pages of /updates. */
export async function countPublishedUpdates(db: DbHandle, clock: Clock): Promise<number> {
  const [{ n }] = await withActor(db, ANONYMOUS, (tx) => tx.select({ n: count() }).from(portalUpdates).where(lte(portalUpdates.publishedAt, clock.now())), {
    readOnly: true,
  });
  return n;
}

/** Every news item, scheduled ones included, newest first, for the staff tools. */
export async function listUpdatesForAdmin({ db, actor }: DbActor<Actor>, { limit = 20, offset = 0 } = {}): Promise<{ updates: PublicUpdate[]; total: number }> {
  asTrustAdmin(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx.select().from(portalUpdates).orderBy(desc(portalUpdates.publishedAt), desc(portalUpdates.id)).limit(limit).offset(offset);
      const [{ n }] = await tx.select({ n: count() }).from(portalUpdates);
      return { updates: rows.map(toUpdate), total: n };
    },
    { readOnly: true },
  );
}

const MAX_AHEAD_MS = 366 * 86_400_000;

/** What each field must be, in words: used by the validation and by the staff page. */
export const UPDATE_FIELD_MESSAGES = {
  title: 'Enter a title, up to 200 characters.',
  body: 'Enter the text of the update, up to 10,000 characters.',
  publishedAt: 'Enter the publication time as YYYY-MM-DDTHH:MM (UTC), at most a year ahead, or leave it blank for now.',
} as const;
const PUBLISHED_MESSAGE = UPDATE_FIELD_MESSAGES.publishedAt;

// What <input type="datetime-local"> sends (read as UTC), or a full ISO time from JSON.
const publishedAt = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string(PUBLISHED_MESSAGE)
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success, PUBLISHED_MESSAGE)
    .transform((v) => new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000, PUBLISHED_MESSAGE)
    .optional(),
);

const fields = {
  title: text(UPDATE_FIELD_MESSAGES.title, { min: 1, max: 200 }),
  body: text(UPDATE_FIELD_MESSAGES.body, { min: 1, max: 10_000 }),
  publishedAt,
};
const createInput = z.object(fields);
const updateInput = z.object(fields).partial();

function checkPublishedAt(at: Date | undefined, now: Date) {
  if (at && at.getTime() > now.getTime() + MAX_AHEAD_MS) {
    throw new AppError('invalid_published_at', 'An update can be scheduled at most a year ahead.', 400);
  }
}

/** Posts news: at once, or at a later time given as publishedAt. */
export async function createUpdate({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<PublicUpdate> {
  const staff = asTrustAdmin(actor);
  const input = parseInput(createInput, data);
  const now = clock.now();
  checkPublishedAt(input.publishedAt, now);
  const row = await withActor(db, staff, async (tx) => {
    const [created] = await tx
      .insert(portalUpdates)
      .values({ title: input.title, body: input.body, publishedAt: input.publishedAt ?? now, updatedAt: now, createdBy: staff.userId })
      .returning();
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.update_created',
      subject: created.id,
      payload: { update: created.id, publishedAt: created.publishedAt.toISOString() },
    });
    return created;
  }).catch(rethrowRefusal);
  return toUpdate(row);
}

export async function updateUpdate({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown): Promise<PublicUpdate> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const input = parseInput(updateInput, data);
  const now = clock.now();
  checkPublishedAt(input.publishedAt, now);
  return withActor(db, staff, async (tx) => {
    const [row] = await tx
      .update(portalUpdates)
      .set({ ...input, updatedAt: now })
      .where(eq(portalUpdates.id, id))
      .returning();
    if (!row) throw await missingOrRefused(tx, id);
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.update_edited',
      subject: row.id,
      payload: { update: row.id, fields: Object.keys(input).sort(), publishedAt: row.publishedAt.toISOString() },
    });
    return toUpdate(row);
  }).catch(rethrowRefusal);
}

export async function deleteUpdate({ db, actor }: DbActor<Actor>, id: string): Promise<void> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  await withActor(db, staff, async (tx) => {
    const deleted = await tx.delete(portalUpdates).where(eq(portalUpdates.id, id)).returning({ id: portalUpdates.id });
    if (deleted.length === 0) throw await missingOrRefused(tx, id);
    await emitEvent(tx, { tenantId: null, kind: 'content.update_deleted', subject: id, payload: { update: id } });
  }).catch(rethrowRefusal);
}

/** A write that touched no row: the item is gone, or the database refused this account. */
async function missingOrRefused(tx: Tx, id: string) {
  // The public policy shows published items only; a scheduled one the caller cannot change stays "not found".
  const [exists] = await tx.select({ id: portalUpdates.id }).from(portalUpdates).where(eq(portalUpdates.id, id));
  return exists ? refusedByDatabase() : notFound();
}

function notFound() {
  return new AppError('not_found', 'There is no such update.', 404);
}
