import 'server-only';
import { eq } from 'drizzle-orm';
import { portalSettings } from '@/drizzle/schema';
import { ANONYMOUS, type Actor, type StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { asTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Ctx } from '@/lib/db/ctx';

export const MAX_LOGO_BYTES = 256 * 1024;
export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The image type by its first bytes, whatever name or type the upload claimed; null if none we take. */
export function detectImageType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Checks an upload: not empty, at most 256 KB, and really a PNG, JPEG or WebP image. */
export function checkLogo(bytes: Uint8Array): LogoType {
  if (bytes.byteLength === 0) throw new AppError('logo_missing', 'Choose an image file to upload.', 400);
  if (bytes.byteLength > MAX_LOGO_BYTES) throw new AppError('logo_too_large', 'The logo can be at most 256 KB.', 413);
  const type = detectImageType(bytes);
  if (!type) throw new AppError('logo_type', 'The logo must be a PNG, JPEG or WebP image.', 415);
  return type;
}

/** Replaces the logo. The settings must have been saved once (the logo is part of them). */
export async function setLogo({ db, clock, actor }: Ctx<Actor>, bytes: Uint8Array): Promise<{ type: LogoType; size: number }> {
  const staff = asTrustAdmin(actor);
  const type = checkLogo(bytes);
  await writeLogo(db, clock, staff, Buffer.from(bytes), type);
  return { type, size: bytes.byteLength };
}

export async function removeLogo({ db, clock, actor }: Ctx<Actor>): Promise<void> {
  await writeLogo(db, clock, asTrustAdmin(actor), null, null);
}

async function writeLogo(db: DbHandle, clock: Clock, staff: StaffActor, logo: Buffer | null, logoType: LogoType | null) {
  await withActor(db, staff, async (tx) => {
    const [existing] = await tx.select({ id: portalSettings.id }).from(portalSettings).where(eq(portalSettings.id, true));
    if (!existing) throw new AppError('settings_missing', 'Save the portal settings first, then add the logo.', 409);
    const updated = await tx
      .update(portalSettings)
      .set({ logo, logoType, updatedAt: clock.now(), updatedBy: staff.userId })
      .where(eq(portalSettings.id, true))
      .returning({ id: portalSettings.id });
    if (updated.length === 0) throw refusedByDatabase();
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.logo_changed',
      subject: 'logo',
      payload: logo ? { action: 'replaced', type: logoType, size: logo.byteLength } : { action: 'removed' },
    });
  }).catch(rethrowRefusal);
}

/** The logo for /logo, read as the public: base64 so that it can be cached as JSON. */
export async function readLogo(db: DbHandle): Promise<{ type: LogoType; base64: string; version: string } | null> {
  const [row] = await withActor(
    db,
    ANONYMOUS,
    (tx) =>
      tx
        .select({ logo: portalSettings.logo, type: portalSettings.logoType, updatedAt: portalSettings.updatedAt })
        .from(portalSettings)
        .where(eq(portalSettings.id, true)),
    { readOnly: true },
  );
  if (!row?.logo || !row.type) return null;
  return { type: row.type, base64: row.logo.toString('base64'), version: String(row.updatedAt.getTime()) };
}
