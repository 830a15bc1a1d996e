import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { documents, documentVersions } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { announcePublicChange } from '@/lib/portal/public-changes';
import { AppError } from '@/lib/core/errors';
import { isUuid } from '@/lib/core/parse-input';
import type { CheckedPdf } from './pdf-file';
import type { DocumentFields, NewDocumentFields } from './schemas';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import type { Ctx } from '@/lib/db/ctx';

export const notFound = () => new AppError('not_found', 'There is no such document.', 404);

/** A document is created with its first PDF, so the portal never lists a document without a file. */
export async function createDocument({ db, clock, actor }: Ctx<Actor>, input: NewDocumentFields, pdf: CheckedPdf) {
  assertTrustAdmin(actor);
  const now = clock.now();
  return withActor(db, actor, async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({
        slug: input.slug,
        title: input.title,
        category: input.category,
        description: input.description,
        visibility: input.visibility,
        validUntil: input.validUntil,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .returning({ id: documents.id, slug: documents.slug });
    await tx.insert(documentVersions).values({
      documentId: doc.id,
      version: 1,
      filename: pdf.filename,
      size: pdf.size,
      sha256: pdf.sha256,
      content: pdf.content,
      note: input.note,
      uploadedAt: now,
      uploadedBy: actor.userId,
    });
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.document_created',
      subject: doc.slug,
      payload: { document: doc.id, slug: doc.slug, visibility: input.visibility, version: 1, sha256: pdf.sha256, size: pdf.size },
    });
    await announcePublicChange(tx);
    return doc;
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === '23505') throw new AppError('slug_taken', `Another document already uses the slug “${input.slug}”.`, 409);
    throw error;
  });
}

/** Changes the metadata; a new valid-until date re-arms its reminder. Recorded with the names of the fields that changed. */
export async function updateDocument({ db, clock, actor }: Ctx<Actor>, id: string, input: DocumentFields) {
  assertTrustAdmin(actor);
  if (!isUuid(id)) throw notFound();
  const updated = await withActor(db, actor, async (tx) => {
    const [before] = await tx
      .select({
        title: documents.title,
        category: documents.category,
        description: documents.description,
        visibility: documents.visibility,
        validUntil: documents.validUntil,
      })
      .from(documents)
      .where(eq(documents.id, id))
      .for('update');
    if (!before) return [];
    const rows = await tx
      .update(documents)
      .set({
        title: input.title,
        category: input.category,
        description: input.description,
        visibility: input.visibility,
        validUntil: input.validUntil,
        validityRemindedAt: sql`CASE WHEN ${documents.validUntil} IS DISTINCT FROM ${input.validUntil}::date THEN NULL ELSE ${documents.validityRemindedAt} END`,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      })
      .where(eq(documents.id, id))
      .returning({ id: documents.id, slug: documents.slug });
    const fields = (Object.keys(before) as (keyof typeof before)[]).filter((k) => (before[k] ?? null) !== (input[k] ?? null));
    if (rows[0] && fields.length > 0) {
      await emitEvent(tx, {
        tenantId: null,
        kind: 'content.document_updated',
        subject: rows[0].slug,
        payload: { document: id, slug: rows[0].slug, fields, visibility: input.visibility },
      });
      // Made confidential, every instance must stop serving it publicly at once.
      await announcePublicChange(tx);
    }
    return rows;
  });
  if (updated.length === 0) throw notFound();
  return updated[0];
}

/** Archived documents leave the portal (and their grants stop working); restoring brings them back. */
export async function setArchived({ db, clock, actor }: Ctx<Actor>, id: string, archived: boolean) {
  assertTrustAdmin(actor);
  if (!isUuid(id)) throw notFound();
  const now = clock.now();
  return withActor(db, actor, async (tx) => {
    const [doc] = await tx.select({ archivedAt: documents.archivedAt }).from(documents).where(eq(documents.id, id)).for('update');
    if (!doc) throw notFound();
    if ((doc.archivedAt !== null) === archived) {
      throw new AppError(
        archived ? 'already_archived' : 'not_archived',
        archived ? 'That document is already archived.' : 'That document is not archived.',
        409,
      );
    }
    const [updated] = await tx
      .update(documents)
      .set({ archivedAt: archived ? now : null, updatedAt: now, updatedBy: actor.userId })
      .where(eq(documents.id, id))
      .returning({ id: documents.id, slug: documents.slug });
    await emitEvent(tx, {
      tenantId: null,
      kind: archived ? 'content.document_archived' : 'content.document_restored',
      subject: updated.slug,
      payload: { document: id, slug: updated.slug },
    });
    await announcePublicChange(tx);
    return updated;
  });
}
