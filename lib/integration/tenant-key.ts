import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { tenants } from '@/drizzle/schema';
import { asTrustAdmin, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Actor } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import type { DbActor } from '@/lib/db/ctx';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { tenantBySlug } from '@/lib/lockbox/tenant';
import { emitEvent } from '@/lib/governance/emit';

export const TENANT_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const input = z.object({
  externalKey: z
    .string({ error: 'Give the key your product knows this tenant by.' })
    .trim()
    .regex(TENANT_KEY_PATTERN, 'A tenant key is 1 to 128 letters, digits and . _ : -, starting with a letter or digit.'),
});

/**
 * Sets the key the vendor's product knows a tenant by, which its systems name the tenant with
 * on the machine API. Recorded in the tenant's own chain, so the customer sees it change.
 */
export async function setTenantKey({ db, actor }: DbActor<Actor>, slug: string, data: unknown): Promise<{ slug: string; externalKey: string }> {
  const admin = asTrustAdmin(actor, 'Only trust admins set a tenant’s key.');
  const { externalKey } = parseInput(input, data);
  const tenant = await tenantBySlug(db, admin, slug);
  if (tenant.externalKey === externalKey) return { slug, externalKey };
  try {
    await withActor(db, { ...admin, actingOnTenantId: tenant.id }, async (tx) => {
      await tx.update(tenants).set({ externalKey }).where(eq(tenants.id, tenant.id));
      await emitEvent(tx, {
        tenantId: tenant.id,
        kind: 'integration.tenant_key_set',
        subject: tenant.id,
        payload: { externalKey, previousKey: tenant.externalKey },
      });
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw new AppError('key_taken', 'Another tenant already has this key.', 409);
    rethrowRefusal(error);
  }
  return { slug, externalKey };
}
