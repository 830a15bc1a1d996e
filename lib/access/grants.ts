import 'server-only';
import { and, asc, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { accessGrants, accessRequestDocuments, accessRequests, documents } from '@/drizzle/schema';
import { type Actor, SYSTEM } from '@/lib/core/actor';
import { recordSignInFailure } from '@/lib/auth/sign-in-events';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { AppError } from '@/lib/core/errors';
import { hashToken, looksLikeToken } from './tokens';
import type { Ctx } from '@/lib/db/ctx';

export type TokenCheck = { status: 'valid'; grantId: string; expiresAt: Date } | { status: 'invalid' | 'expired' | 'revoked' };

/**
 * What a sign-in link’s token is worth now; a valid one is marked used and recorded as a
 * reviewer's `auth.signed_in`, an unknown, revoked or expired one as `auth.sign_in_failed`.
 * The portal’s own work (SYSTEM).
 */
export async function redeemToken(db: DbHandle, clock: Clock, token: string): Promise<TokenCheck> {
  const now = clock.now();
  const checked = !looksLikeToken(token)
    ? { status: 'invalid' as const, grantId: null }
    : await withActor(db, SYSTEM, async (tx) => {
        const [grant] = await tx
          .select({ id: accessGrants.id, expiresAt: accessGrants.expiresAt, revokedAt: accessGrants.revokedAt })
          .from(accessGrants)
          .where(eq(accessGrants.tokenHash, hashToken(token)));
        if (!grant) return { status: 'invalid' as const, grantId: null };
        if (grant.revokedAt) return { status: 'revoked' as const, grantId: grant.id };
        if (grant.expiresAt <= now) return { status: 'expired' as const, grantId: grant.id };
        await tx.update(accessGrants).set({ lastUsedAt: now }).where(eq(accessGrants.id, grant.id));
        await emitEvent(tx, { tenantId: null, kind: 'auth.signed_in', subject: 'access_link', payload: { method: 'access_link', grant: grant.id } });
        return { status: 'valid' as const, grantId: grant.id, expiresAt: grant.expiresAt };
      });
  if (checked.status === 'valid') return checked;
  await recordSignInFailure({ db, clock }, { method: 'access_link', client: null }, { reason: checked.status, tenantId: null, grantId: checked.grantId });
  return { status: checked.status };
}

/** The documents (by slug) that valid grants among these tokens open, with when each grant ends. */
export async function grantedDocuments(db: DbHandle, clock: Clock, tokens: string[]): Promise<Map<string, Date>> {
  const hashes = [...new Set(tokens.filter(looksLikeToken).map(hashToken))];
  if (hashes.length === 0) return new Map();
  const rows = await withActor(
    db,
    SYSTEM,
    (tx) =>
      tx
        .select({ slug: documents.slug, expiresAt: accessGrants.expiresAt })
        .from(accessGrants)
        .innerJoin(accessRequestDocuments, eq(accessRequestDocuments.accessRequestId, accessGrants.accessRequestId))
        .innerJoin(documents, eq(documents.id, accessRequestDocuments.documentId))
        .where(
          and(inArray(accessGrants.tokenHash, hashes), isNull(accessGrants.revokedAt), gt(accessGrants.expiresAt, clock.now()), isNull(documents.archivedAt)),
        ),
    { readOnly: true },
  );
  const out = new Map<string, Date>();
  for (const r of rows) if (!out.has(r.slug) || out.get(r.slug)! < r.expiresAt) out.set(r.slug, r.expiresAt);
  return out;
}

/** Ends a grant at once: its link and every download through it stop working. Recorded as `access.grant_revoked`. */
export async function revokeGrant({ db, clock, actor }: Ctx<Actor>, id: string) {
  assertTrustAdmin(actor);
  const notFound = new AppError('not_found', 'There is no such grant.', 404);
  if (!isUuid(id)) throw notFound;
  return withActor(db, actor, async (tx) => {
    const [revoked] = await tx
      .update(accessGrants)
      .set({ revokedAt: clock.now(), revokedBy: actor.userId })
      .where(and(eq(accessGrants.id, id), isNull(accessGrants.revokedAt)))
      .returning({ id: accessGrants.id, revokedAt: accessGrants.revokedAt, requestId: accessGrants.accessRequestId });
    if (revoked) {
      await emitEvent(tx, { tenantId: null, kind: 'access.grant_revoked', subject: revoked.id, payload: { grant: revoked.id, request: revoked.requestId } });
      return { id: revoked.id, revokedAt: revoked.revokedAt };
    }
    const [existing] = await tx.select({ id: accessGrants.id }).from(accessGrants).where(eq(accessGrants.id, id));
    if (!existing) throw notFound;
    throw new AppError('already_revoked', 'That grant was already revoked.', 409);
  });
}

export interface GrantSummary {
  id: string;
  email: string;
  name: string;
  company: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  documents: string[];
}

/** Grants that still work (unrevoked, unexpired), newest first, a page at a time. */
export async function listActiveGrants({ db, clock, actor }: Ctx<Actor>, { page = 1, pageSize = 20 } = {}) {
  assertTrustAdmin(actor);
  const active = and(isNull(accessGrants.revokedAt), gt(accessGrants.expiresAt, clock.now()));
  return withActor(
    db,
    actor,
    async (tx) => {
      const [{ total }] = await tx.select({ total: count() }).from(accessGrants).where(active);
      const rows = await tx
        .select({
          id: accessGrants.id,
          requestId: accessGrants.accessRequestId,
          email: accessGrants.email,
          name: accessRequests.name,
          company: accessRequests.company,
          createdAt: accessGrants.createdAt,
          expiresAt: accessGrants.expiresAt,
          lastUsedAt: accessGrants.lastUsedAt,
        })
        .from(accessGrants)
        .innerJoin(accessRequests, eq(accessRequests.id, accessGrants.accessRequestId))
        .where(active)
        .orderBy(desc(accessGrants.createdAt), desc(accessGrants.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const titles = rows.length
        ? await tx
            .select({ requestId: accessRequestDocuments.accessRequestId, title: documents.title })
            .from(accessRequestDocuments)
            .innerJoin(documents, eq(documents.id, accessRequestDocuments.documentId))
            .where(
              inArray(
                accessRequestDocuments.accessRequestId,
                rows.map((r) => r.requestId),
              ),
            )
            .orderBy(asc(documents.title))
        : [];
      const items: GrantSummary[] = rows.map(({ requestId, ...r }) => ({
        ...r,
        documents: titles.filter((t) => t.requestId === requestId).map((t) => t.title),
      }));
      return { items, total: Number(total) };
    },
    { readOnly: true },
  );
}

/** Which of these tokens still open something (unrevoked, unexpired), with when each ends. */
export async function liveTokens(db: DbHandle, clock: Clock, tokens: string[]): Promise<{ token: string; expiresAt: Date }[]> {
  const byHash = new Map(tokens.filter(looksLikeToken).map((t) => [hashToken(t), t]));
  if (byHash.size === 0) return [];
  const rows = await withActor(
    db,
    SYSTEM,
    (tx) =>
      tx
        .select({ tokenHash: accessGrants.tokenHash, expiresAt: accessGrants.expiresAt })
        .from(accessGrants)
        .where(and(inArray(accessGrants.tokenHash, [...byHash.keys()]), isNull(accessGrants.revokedAt), gt(accessGrants.expiresAt, clock.now()))),
    { readOnly: true },
  );
  return rows.map((r) => ({ token: byHash.get(r.tokenHash)!, expiresAt: r.expiresAt }));
}
