import 'server-only';
import { createHash } from 'node:crypto';
import { count, desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { ndaVersions, users } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { AppError } from '@/lib/core/errors';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** An NDA version as reviewers see it: plain values, safe to cache as JSON. */
export interface PublicNda {
  id: string;
  version: number;
  title: string;
  body: string;
  sha256: string;
  publishedAt: string;
}

/** Line endings as browsers submit them (CRLF) or as pasted (CR) become LF, so the hash is of what is shown. */
export function normalizeNdaBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

export function ndaSha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The current NDA: the highest version, or null before the first is published. */
export async function currentNda(db: DbHandle): Promise<PublicNda | null> {
  const [row] = await withActor(db, ANONYMOUS, (tx) => tx.select().from(ndaVersions).orderBy(desc(ndaVersions.version)).limit(1), {
    readOnly: true,
  });
  return row ? { id: row.id, version: row.version, title: row.title, body: row.body, sha256: row.sha256, publishedAt: row.publishedAt.toISOString() } : null;
}

// Each field's description is what the staff page says when the form comes back with its code.
export const ndaInput = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Enter the NDA’s title.')
    .max(200, 'The title can be at most 200 characters.')
    .describe('Enter the NDA’s title (at most 200 characters).'),
  body: z
    .string()
    .transform(normalizeNdaBody)
    .pipe(z.string().min(1, 'Enter the full text of the NDA.').max(50_000, 'The text can be at most 50,000 characters.'))
    .describe('Enter the full text of the NDA (at most 50,000 characters).'),
});

/**
 * Publishes a new version with the SHA-256 of its exact text. Earlier versions stay, and so
 * do the acceptances that point to them: a new version voids nothing.
 */
export async function publishNda({ db, clock, actor }: Ctx<Actor>, data: unknown) {
  assertTrustAdmin(actor);
  const input = parseInput(ndaInput, data);
  return withActor(db, actor, async (tx) => {
    const [{ latest }] = await tx.select({ latest: max(ndaVersions.version) }).from(ndaVersions);
    const [created] = await tx
      .insert(ndaVersions)
      .values({
        version: (latest ?? 0) + 1,
        title: input.title,
        body: input.body,
        sha256: ndaSha256(input.body),
        publishedAt: clock.now(),
        publishedBy: actor.userId,
      })
      .returning({ id: ndaVersions.id, version: ndaVersions.version, sha256: ndaVersions.sha256 });
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.nda_published',
      subject: created.id,
      payload: { ndaVersion: created.id, version: created.version, sha256: created.sha256 },
    });
    return created;
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === '23505') throw new AppError('nda_conflict', 'Someone published a version at the same moment. Reload and try again.', 409);
    throw error;
  });
}

/** Every version, newest first, with who published it. */
export async function listNdaVersions({ db, actor }: DbActor<Actor>, { page = 1, pageSize = 10 } = {}) {
  assertTrustAdmin(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const [{ total }] = await tx.select({ total: count() }).from(ndaVersions);
      const items = await tx
        .select({
          id: ndaVersions.id,
          version: ndaVersions.version,
          title: ndaVersions.title,
          body: ndaVersions.body,
          sha256: ndaVersions.sha256,
          publishedAt: ndaVersions.publishedAt,
          publishedBy: users.name,
        })
        .from(ndaVersions)
        .leftJoin(users, eq(users.id, ndaVersions.publishedBy))
        .orderBy(desc(ndaVersions.version))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return { items, total: Number(total) };
    },
    { readOnly: true },
  );
}
