import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { serviceAccounts, users } from '@/drizzle/schema';
import { asTrustAdmin, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Actor, StaffActor } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import type { Ctx, DbActor } from '@/lib/db/ctx';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { SCOPE_NAMES } from './scopes';
import { hashServiceSecret, newServiceSecret, secretHint } from './secret';

/** A service account as trust admins see it: never its secret, nor the secret's hash. */
export interface ServiceAccountView {
  id: string;
  name: string;
  scopes: string[];
  secretHint: string;
  createdAt: Date;
  createdByName: string | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
}

const createInput = z.object({
  name: z
    .string({ error: 'Name the system that will use the account.' })
    .trim()
    .min(1, 'Name the system that will use the account.')
    .max(100, 'The name is at most 100 characters.'),
  scopes: z
    .preprocess(
      (v) => (typeof v === 'string' ? [v] : v),
      z
        .array(z.enum(SCOPE_NAMES, { error: `Each scope is one of ${SCOPE_NAMES.join(', ')}.` }), { error: 'Give the scopes as a list.' })
        .min(1, 'Give the account at least one scope.'),
    )
    .transform((scopes) => [...new Set(scopes)].sort()),
});

const creator = alias(users, 'creator');
const revoker = alias(users, 'revoker');

async function viewsOf(tx: Tx, only?: string): Promise<ServiceAccountView[]> {
  return tx
    .select({
      id: serviceAccounts.id,
      name: serviceAccounts.name,
      scopes: serviceAccounts.scopes,
      secretHint: serviceAccounts.secretHint,
      createdAt: serviceAccounts.createdAt,
      createdByName: creator.name,
      rotatedAt: serviceAccounts.rotatedAt,
      revokedAt: serviceAccounts.revokedAt,
      revokedByName: revoker.name,
      lastUsedAt: serviceAccounts.lastUsedAt,
    })
    .from(serviceAccounts)
    .leftJoin(creator, eq(creator.id, serviceAccounts.createdBy))
    .leftJoin(revoker, eq(revoker.id, serviceAccounts.revokedBy))
    .where(only ? eq(serviceAccounts.id, only) : undefined)
    .orderBy(sql`${serviceAccounts.revokedAt} is not null`, desc(serviceAccounts.createdAt));
}

/** Every service account, live ones first, newest first. Trust admins only. */
export async function listServiceAccounts({ db, actor }: DbActor<Actor>): Promise<ServiceAccountView[]> {
  const admin = asTrustAdmin(actor, 'Only trust admins manage service accounts.');
  return withActor(db, admin, (tx) => viewsOf(tx));
}

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === '23505') throw new AppError('name_taken', 'A live service account already has this name.', 409);
  rethrowRefusal(error);
}

/**
 * Creates a service account; its secret is returned here once and never again. The
 * `integration.service_account_created` event lands in the vendor chain in the same transaction.
 */
export async function createServiceAccount({ db, actor }: DbActor<Actor>, data: unknown): Promise<{ account: ServiceAccountView; secret: string }> {
  const admin = asTrustAdmin(actor, 'Only trust admins manage service accounts.');
  const { name, scopes } = parseInput(createInput, data);
  const secret = newServiceSecret();
  try {
    const account = await withActor(db, admin, async (tx) => {
      // Only the columns the application role may write (drizzle's insert names every column).
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into service_accounts (name, scopes, secret_hash, secret_hint, created_by)
            values (${name}, string_to_array(${scopes.join(',')}, ','), ${hashServiceSecret(secret)}, ${secretHint(secret)}, ${admin.userId}::uuid)
            returning id`,
      );
      await emitEvent(tx, { tenantId: null, kind: 'integration.service_account_created', subject: row.id, payload: { serviceAccount: row.id, name, scopes } });
      return (await viewsOf(tx, row.id))[0];
    });
    return { account, secret };
  } catch (error) {
    nameTaken(error);
  }
}

const notFound = () => new AppError('not_found', 'There is no such live service account.', 404);

/** Changes one live account and records the change, in one transaction. */
async function changeLive(
  db: DbActor<Actor>['db'],
  admin: StaffActor,
  id: string,
  set: Partial<typeof serviceAccounts.$inferInsert>,
  kind: 'integration.service_account_rotated' | 'integration.service_account_revoked',
): Promise<ServiceAccountView> {
  if (!isUuid(id)) throw notFound();
  try {
    return await withActor(db, admin, async (tx) => {
      const [row] = await tx
        .update(serviceAccounts)
        .set(set)
        .where(and(eq(serviceAccounts.id, id), isNull(serviceAccounts.revokedAt)))
        .returning({ id: serviceAccounts.id, name: serviceAccounts.name });
      if (!row) throw notFound();
      await emitEvent(tx, { tenantId: null, kind, subject: row.id, payload: { serviceAccount: row.id, name: row.name } });
      return (await viewsOf(tx, row.id))[0];
    });
  } catch (error) {
    rethrowRefusal(error);
  }
}

/** A new secret for a live account, returned here once. The old secret stops working at once. */
export async function rotateServiceAccount({ db, actor, clock }: Ctx<Actor>, id: string): Promise<{ account: ServiceAccountView; secret: string }> {
  const admin = asTrustAdmin(actor, 'Only trust admins manage service accounts.');
  const secret = newServiceSecret();
  const account = await changeLive(
    db,
    admin,
    id,
    { secretHash: hashServiceSecret(secret), secretHint: secretHint(secret), rotatedAt: clock.now() },
    'integration.service_account_rotated',
  );
  return { account, secret };
}

/** Revokes a live account for good: its secret is refused from the next request on. */
export async function revokeServiceAccount({ db, actor, clock }: Ctx<Actor>, id: string): Promise<ServiceAccountView> {
  const admin = asTrustAdmin(actor, 'Only trust admins manage service accounts.');
  return changeLive(db, admin, id, { revokedAt: clock.now(), revokedBy: admin.userId }, 'integration.service_account_revoked');
}
