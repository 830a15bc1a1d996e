import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { AdminConnection } from '@/lib/db/types';

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
