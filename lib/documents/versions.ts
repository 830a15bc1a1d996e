import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { documents, documentVersions } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { announcePublicChange } from '@/lib/portal/public-changes';
import { AppError } from '@/lib/core/errors';
import { notFound } from './edit';
import { isUuid } from '@/lib/core/parse-input';
import type { CheckedPdf } from './pdf-file';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/**
 * Adds a new current version. The document row is locked while the next number is chosen, so
 * two uploads at once get consecutive versions; earlier versions are kept.
 */
export async function uploadVersion({ db, clock, actor }: Ctx<Actor>, documentId: string, pdf: CheckedPdf, note: string) {
  assertTrustAdmin(actor);
  if (!isUuid(documentId)) throw notFound();
  const now = clock.now();
  return withActor(db, actor, async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, slug: documents.slug, archivedAt: documents.archivedAt, generator: documents.generator })
      .from(documents)
      .where(eq(documents.id, documentId))
      .for('update');
    if (!doc) throw notFound();
    if (doc.generator) throw new AppError('generated', 'This document is generated from live data: change its content, not its file.', 409);
    if (doc.archivedAt) throw new AppError('archived', 'This document is archived. Restore it before uploading a new version.', 409);
    const [current] = await tx
      .select({ version: documentVersions.version, sha256: documentVersions.sha256 })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, documentId))
      .orderBy(desc(documentVersions.version))
      .limit(1);
    if (current?.sha256 === pdf.sha256) {
      throw new AppError('same_file', `This file is already the current version (version ${current.version}).`, 409);
    }
    const version = (current?.version ?? 0) + 1;
    await tx.insert(documentVersions).values({
      documentId,
      version,
      filename: pdf.filename,
      size: pdf.size,
      sha256: pdf.sha256,
      content: pdf.content,
      note,
      uploadedAt: now,
      uploadedBy: actor.userId,
    });
    // The portal shows when a document last changed; gated versions are not readable there.
    await tx.update(documents).set({ updatedAt: now, updatedBy: actor.userId }).where(eq(documents.id, documentId));
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.document_version_uploaded',
      subject: doc.slug,
      reason: note,
      payload: { document: documentId, slug: doc.slug, version, sha256: pdf.sha256, size: pdf.size },
    });
    await announcePublicChange(tx);
    return { documentId, slug: doc.slug, version, sha256: pdf.sha256, size: pdf.size };
  });
}

/**
 * One stored version's file, for trust admins checking what they uploaded (any visibility).
 * Handed out with `content.document_version_downloaded` recorded.
 */
export async function readVersionFile({ db, actor }: DbActor<Actor>, documentId: string, version: number) {
  assertTrustAdmin(actor);
  if (!isUuid(documentId) || !Number.isInteger(version) || version < 1 || version > 2_147_483_647) throw notFound();
  return withActor(db, actor, async (tx) => {
    const [row] = await tx
      .select({ filename: documentVersions.filename, sha256: documentVersions.sha256, content: documentVersions.content, slug: documents.slug })
      .from(documentVersions)
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
    if (!row) throw new AppError('not_found', 'There is no such version.', 404);
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.document_version_downloaded',
      subject: row.slug,
      payload: { document: documentId, slug: row.slug, version, sha256: row.sha256 },
    });
    return { filename: row.filename, sha256: row.sha256, content: row.content };
  });
}
