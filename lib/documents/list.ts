import 'server-only';
import { asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { documents, documentVersions, type DocumentVisibility, users } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { notFound } from './edit';
import { isUuid } from '@/lib/core/parse-input';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import type { DocumentGenerator } from '@/lib/pdf/generated';
import { type Validity, validityOf } from './validity';
import type { Ctx } from '@/lib/db/ctx';

/** What every list of documents shows of one. */
interface DocumentBasics {
  id: string;
  slug: string;
  title: string;
  category: string;
  description: string;
  visibility: DocumentVisibility;
}

function basicsOf(d: typeof documents.$inferSelect): DocumentBasics {
  return { id: d.id, slug: d.slug, title: d.title, category: d.category, description: d.description, visibility: d.visibility };
}

/** A document as the public portal lists it: plain values, safe to cache as JSON. */
export interface PortalDocument extends DocumentBasics {
  validUntil: string | null;
  /** When the document or its file last changed (ISO). */
  updatedAt: string;
  /** Set when the PDF is generated from live data (the DPA, a questionnaire) rather than uploaded. */
  generator: DocumentGenerator | null;
  /** The current file, for public documents only: gated files are not described to the public. */
  file: { version: number; size: number; sha256: string; uploadedAt: string } | null;
}

/** The newest version of each of the documents, by document id. */
async function currentVersions(tx: Tx, documentIds: string[]) {
  const versions = documentIds.length
    ? await tx
        .selectDistinctOn([documentVersions.documentId], {
          documentId: documentVersions.documentId,
          version: documentVersions.version,
          filename: documentVersions.filename,
          size: documentVersions.size,
          sha256: documentVersions.sha256,
          uploadedAt: documentVersions.uploadedAt,
        })
        .from(documentVersions)
        .where(inArray(documentVersions.documentId, documentIds))
        .orderBy(documentVersions.documentId, desc(documentVersions.version))
    : [];
  return new Map(versions.map((v) => [v.documentId, v]));
}

/** Every document on the portal (not archived), by category then title. */
export async function listPortalDocuments(db: DbHandle): Promise<PortalDocument[]> {
  return withActor(
    db,
    ANONYMOUS,
    async (tx) => {
      const docs = await tx.select().from(documents).where(isNull(documents.archivedAt)).orderBy(asc(documents.category), asc(documents.title));
      // RLS returns versions of public documents only.
      const publicIds = docs.filter((d) => d.visibility === 'public').map((d) => d.id);
      const current = await currentVersions(tx, publicIds);
      return docs.map((d) => {
        const v = current.get(d.id);
        return {
          ...basicsOf(d),
          validUntil: d.validUntil,
          updatedAt: d.updatedAt.toISOString(),
          generator: d.generator,
          file: v ? { version: v.version, size: v.size, sha256: v.sha256, uploadedAt: v.uploadedAt.toISOString() } : null,
        };
      });
    },
    { readOnly: true },
  );
}

export interface AdminDocument extends DocumentBasics {
  generator: DocumentGenerator | null;
  validity: Validity;
  validityRemindedAt: Date | null;
  archivedAt: Date | null;
  updatedAt: Date;
  currentVersion: { version: number; filename: string; size: number; uploadedAt: Date } | null;
}

export interface AdminVersion {
  version: number;
  filename: string;
  size: number;
  sha256: string;
  note: string;
  uploadedAt: Date;
  uploadedBy: string | null;
}

function adminDocument(d: typeof documents.$inferSelect, v: AdminDocument['currentVersion'] | undefined, now: Date): AdminDocument {
  return {
    ...basicsOf(d),
    generator: d.generator,
    validity: validityOf(d.validUntil, now),
    validityRemindedAt: d.validityRemindedAt,
    archivedAt: d.archivedAt,
    updatedAt: d.updatedAt,
    currentVersion: v ? { version: v.version, filename: v.filename, size: v.size, uploadedAt: v.uploadedAt } : null,
  };
}

/** All documents for trust admins, archived last, a page at a time. */
export async function listAdminDocuments({ db, clock, actor }: Ctx<Actor>, { page = 1, pageSize = 20 } = {}) {
  assertTrustAdmin(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const [{ total }] = await tx.select({ total: count() }).from(documents);
      const docs = await tx
        .select()
        .from(documents)
        .orderBy(asc(documents.archivedAt), asc(documents.category), asc(documents.title))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const current = await currentVersions(
        tx,
        docs.map((d) => d.id),
      );
      const items = docs.map((d) => adminDocument(d, current.get(d.id), clock.now()));
      return { items, total: Number(total) };
    },
    { readOnly: true },
  );
}

/** One document with every version, newest first, for its admin page. */
export async function getAdminDocument({ db, clock, actor }: Ctx<Actor>, id: string) {
  assertTrustAdmin(actor);
  if (!isUuid(id)) throw notFound();
  return withActor(
    db,
    actor,
    async (tx) => {
      const [d] = await tx.select().from(documents).where(eq(documents.id, id));
      if (!d) throw notFound();
      const versions: AdminVersion[] = await tx
        .select({
          version: documentVersions.version,
          filename: documentVersions.filename,
          size: documentVersions.size,
          sha256: documentVersions.sha256,
          note: documentVersions.note,
          uploadedAt: documentVersions.uploadedAt,
          uploadedBy: users.name,
        })
        .from(documentVersions)
        .leftJoin(users, eq(users.id, documentVersions.uploadedBy))
        .where(eq(documentVersions.documentId, id))
        .orderBy(desc(documentVersions.version));
      const document = adminDocument(d, versions[0], clock.now());
      return { document, versions };
    },
    { readOnly: true },
  );
}
