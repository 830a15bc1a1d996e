import 'server-only';
import { asc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { securityBlocks } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { SLUG, slugify, text, uniqueSlug } from './input';
import { asTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** A block of the security overview (JSON-safe); its slug is the anchor in the page. */
export interface SecurityBlock {
  id: string;
  slug: string;
  title: string;
  body: string;
  position: number;
  updatedAt: string;
}

/** What each field must be, in words: used by the validation and by the staff page. */
export const SECURITY_BLOCK_FIELD_MESSAGES = {
  title: 'Enter a title, up to 120 characters.',
  body: 'Enter the text of the block, up to 10,000 characters.',
  slug: 'A slug is lower-case letters, digits and dashes, up to 63 characters.',
  order: 'List every block exactly once, by its id, in the order you want.',
  direction: 'Move a block up or down.',
} as const;
const M = SECURITY_BLOCK_FIELD_MESSAGES;

const fields = {
  title: text(M.title, { min: 1, max: 120 }),
  body: text(M.body, { min: 1, max: 10_000 }),
};
const createInput = z.object({ ...fields, slug: z.string().regex(SLUG, M.slug).optional() });
const updateInput = z.object(fields).partial();
const orderInput = z.object({ order: z.array(z.uuid(M.order), M.order).max(200, M.order) });
const moveInput = z.object({ direction: z.enum(['up', 'down'], M.direction) });

const toBlock = (r: typeof securityBlocks.$inferSelect): SecurityBlock => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  body: r.body,
  position: r.position,
  updatedAt: r.updatedAt.toISOString(),
});

const ordered = (tx: Tx) => tx.select().from(securityBlocks).orderBy(asc(securityBlocks.position), asc(securityBlocks.title));

/** The blocks in page order, read as the public. */
export async function listSecurityBlocks(db: DbHandle): Promise<SecurityBlock[]> {
  const rows = await withActor(db, ANONYMOUS, ordered, { readOnly: true });
  return rows.map(toBlock);
}

/** The blocks in page order, for the staff tools. */
export async function listSecurityBlocksForAdmin({ db, actor }: DbActor<Actor>): Promise<SecurityBlock[]> {
  asTrustAdmin(actor);
  const rows = await withActor(db, actor, ordered, { readOnly: true });
  return rows.map(toBlock);
}

/** Adds a block at the end of the page. */
export async function createSecurityBlock({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<SecurityBlock> {
  const staff = asTrustAdmin(actor);
  const input = parseInput(createInput, data);
  return withActor(db, staff, async (tx) => {
    const existing = await tx.select({ slug: securityBlocks.slug }).from(securityBlocks);
    const taken = new Set(existing.map((e) => e.slug));
    if (input.slug && taken.has(input.slug)) throw slugTaken(input.slug);
    const [{ last }] = await tx.select({ last: max(securityBlocks.position) }).from(securityBlocks);
    const [row] = await tx
      .insert(securityBlocks)
      .values({
        slug: input.slug ?? uniqueSlug(slugify(input.title), taken),
        title: input.title,
        body: input.body,
        position: (last ?? -1) + 1,
        updatedAt: clock.now(),
        updatedBy: staff.userId,
      })
      .returning();
    await emitEvent(tx, { tenantId: null, kind: 'content.security_block_created', subject: row.slug, payload: { block: row.id, slug: row.slug } });
    return toBlock(row);
  }).catch(mapWriteError);
}

/** Changes a block's title or text; its slug (the page anchor) stays. */
export async function updateSecurityBlock({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown): Promise<SecurityBlock> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const input = parseInput(updateInput, data);
  return withActor(db, staff, async (tx) => {
    const [row] = await tx
      .update(securityBlocks)
      .set({ ...input, updatedAt: clock.now(), updatedBy: staff.userId })
      .where(eq(securityBlocks.id, id))
      .returning();
    if (!row) throw await missingOrRefused(tx, id);
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.security_block_updated',
      subject: row.slug,
      payload: { block: row.id, slug: row.slug, fields: Object.keys(input).sort() },
    });
    return toBlock(row);
  }).catch(mapWriteError);
}

export async function deleteSecurityBlock({ db, actor }: DbActor<Actor>, id: string): Promise<void> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  await withActor(db, staff, async (tx) => {
    const [deleted] = await tx.delete(securityBlocks).where(eq(securityBlocks.id, id)).returning({ id: securityBlocks.id, slug: securityBlocks.slug });
    if (!deleted) throw await missingOrRefused(tx, id);
    await emitEvent(tx, { tenantId: null, kind: 'content.security_block_deleted', subject: deleted.slug, payload: { block: deleted.id, slug: deleted.slug } });
  }).catch(mapWriteError);
}

/** Puts the blocks in the given order: every block's id, each once. */
export async function reorderSecurityBlocks({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<SecurityBlock[]> {
  const staff = asTrustAdmin(actor);
  const { order } = parseInput(orderInput, data);
  return withActor(db, staff, async (tx) => {
    const current = await lockAll(tx);
    const ids = new Set(current.map((b) => b.id));
    if (order.length !== ids.size || new Set(order).size !== order.length || !order.every((id) => ids.has(id))) {
      throw new AppError('invalid_order', M.order, 400);
    }
    return writeOrder(tx, clock, staff.userId, order, current);
  }).catch(mapWriteError);
}

/** Swaps a block with its neighbour above or below (the buttons of the staff page). */
export async function moveSecurityBlock({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown): Promise<SecurityBlock[]> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const { direction } = parseInput(moveInput, data);
  return withActor(db, staff, async (tx) => {
    const current = await lockAll(tx);
    const order = current.map((b) => b.id);
    const at = order.indexOf(id);
    if (at < 0) throw await missingOrRefused(tx, id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to >= 0 && to < order.length) [order[at], order[to]] = [order[to], order[at]];
    return writeOrder(tx, clock, staff.userId, order, current);
  }).catch(mapWriteError);
}

/** Writes the positions that changed, with `content.security_blocks_reordered` when any did. */
async function writeOrder(tx: Tx, clock: Clock, userId: string, order: string[], current: (typeof securityBlocks.$inferSelect)[]) {
  const byId = new Map(current.map((b) => [b.id, b]));
  const result: SecurityBlock[] = [];
  if (order.some((id, position) => byId.get(id)!.position !== position)) {
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.security_blocks_reordered',
      subject: 'security_blocks',
      payload: { order: order.map((id) => byId.get(id)!.slug) },
    });
  }
  for (const [position, id] of order.entries()) {
    const block = byId.get(id)!;
    if (block.position === position) {
      result.push(toBlock(block));
      continue;
    }
    const [row] = await tx.update(securityBlocks).set({ position, updatedAt: clock.now(), updatedBy: userId }).where(eq(securityBlocks.id, id)).returning();
    if (!row) throw refusedByDatabase();
    result.push(toBlock(row));
  }
  return result;
}

/** Every block, locked for the reordering; none returned while some exist means the database refused. */
async function lockAll(tx: Tx) {
  const locked = await ordered(tx).for('update');
  if (locked.length === 0 && (await tx.select({ id: securityBlocks.id }).from(securityBlocks).limit(1)).length > 0) {
    throw refusedByDatabase();
  }
  return locked;
}

/** A write that touched no row: the block is gone, or the database refused this account. */
async function missingOrRefused(tx: Tx, id: string) {
  const [exists] = await tx.select({ id: securityBlocks.id }).from(securityBlocks).where(eq(securityBlocks.id, id));
  return exists ? refusedByDatabase() : notFound();
}

function notFound() {
  return new AppError('not_found', 'There is no such block.', 404);
}

function slugTaken(slug: string) {
  return new AppError('slug_taken', `Another block already uses the slug “${slug}”.`, 409);
}

function mapWriteError(error: unknown): never {
  if (pgErrorCode(error) === '23505') throw new AppError('slug_taken', 'Another block already uses that slug.', 409);
  return rethrowRefusal(error);
}
