import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { CustomerRole } from '@/lib/core/roles';
import type { AdminConnection } from '@/lib/db/types';
import { createCustomer, createStaff, createTenant } from './factories';

/** A document row (no versions needed) for certifications to link as their report. */
export async function createDocument(
  admin: AdminConnection,
  {
    visibility = 'public',
    archived = false,
    slug = `doc-${randomBytes(4).toString('hex')}`,
    title = 'Test report',
  }: {
    visibility?: 'public' | 'nda' | 'restricted';
    archived?: boolean;
    slug?: string;
    title?: string;
  } = {},
) {
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(`INSERT INTO documents (slug, title, category, visibility, archived_at) VALUES ($1, $2, 'Audit reports', $3, $4) RETURNING id`, [
      slug,
      title,
      visibility,
      archived ? new Date().toISOString() : null,
    ]),
  );
  return { id: row.id, slug, title };
}

/** Rows of a query on the superuser connection: what really is in the tables. */
export function adminRows<R extends Record<string, unknown>>(admin: AdminConnection, sql: string, params: unknown[] = []) {
  return admin.transaction((q) => q.query<R>(sql, params));
}

/** Expects an AppError with this code (and status, when given). */
export async function expectRefusal(promise: Promise<unknown>, code: string, status?: number) {
  await expect(promise).rejects.toMatchObject(status === undefined ? { code } : { code, status });
}

/** The portal tests' people: alice a trust admin, bob support staff, dan a customer of a new tenant. */
export async function createPortalPeople(admin: AdminConnection, danRole: CustomerRole = 'customer_admin') {
  const alice = await createStaff(admin, 'trust_admin');
  const bob = await createStaff(admin, 'support');
  const dan = await createCustomer(admin, await createTenant(admin), danRole);
  return { alice, bob, dan };
}

export const DAY = 86_400_000;

/** The calendar day (YYYY-MM-DD, UTC) `offsetDays` after `date`. */
export const day = (date: Date, offsetDays = 0) => new Date(date.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
