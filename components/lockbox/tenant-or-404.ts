import 'server-only';
import { notFound } from 'next/navigation';
import type { StaffActor } from '@/lib/auth/actor';
import type { DbHandle } from '@/lib/db/with-actor';
import { AppError } from '@/lib/http/errors';
import { tenantBySlug } from '@/lib/lockbox/tenant';

/** The tenant of a /admin/tenants/<slug> page, or the 404 page. */
export async function tenantOr404(db: DbHandle, actor: StaffActor, slug: string) {
  try {
    return await tenantBySlug(db, actor, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}
