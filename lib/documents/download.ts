import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { accessGrants, documentDownloads, documents, documentVersions } from '@/drizzle/schema';
import { ANONYMOUS, SYSTEM } from '@/lib/auth/actor';
import type { Clock } from '@/lib/clock';
import { queryRows } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { hashToken, looksLikeToken } from '@/lib/access/tokens';

export type DownloadResult =
  | { kind: 'not_found' }
  /** A gated document and no valid grant for it among the tokens given. */
  | { kind: 'forbidden'; title: string }
  | { kind: 'not_modified'; sha256: string }
  | { kind: 'file'; gated: boolean; filename: string; sha256: string; content: Buffer };

/** Whether an If-None-Match header names this ETag (strong or weak, in a list, or *). */
function matches(ifNoneMatch: string | null | undefined, sha256: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${sha256}"`;
  });
}

/**
 * The current PDF of a document, by slug. A public one for anyone; a gated one (nda,
 * restricted) only through gated_document_content(), for a grant token that covers it.
 * Every file handed out is recorded in document_downloads, the dashboard's analytics.
 */
export async function downloadDocument(
  db: DbHandle,
  clock: Clock,
  slug: string,
  { grantTokens = [], ifNoneMatch }: { grantTokens?: string[]; ifNoneMatch?: string | null } = {},
): Promise<DownloadResult> {
  const found = await withActor(db, ANONYMOUS, async (tx): Promise<DownloadResult | { kind: 'gated'; title: string }> => {
    const [doc] = await tx
      .select({ id: documents.id, title: documents.title, visibility: documents.visibility })
      .from(documents)
      .where(and(eq(documents.slug, slug), isNull(documents.archivedAt)));
    if (!doc) return { kind: 'not_found' };
    if (doc.visibility !== 'public') return { kind: 'gated', title: doc.title };
    const [current] = await tx
      .select({ id: documentVersions.id, filename: documentVersions.filename, sha256: documentVersions.sha256 })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, doc.id))
      .orderBy(desc(documentVersions.version))
      .limit(1);
    if (!current) return { kind: 'not_found' };
    if (matches(ifNoneMatch, current.sha256)) return { kind: 'not_modified', sha256: current.sha256 };
    const [file] = await tx.select({ content: documentVersions.content }).from(documentVersions).where(eq(documentVersions.id, current.id));
    await tx.insert(documentDownloads).values({ documentId: doc.id, documentVersionId: current.id, downloadedAt: clock.now() });
    return { kind: 'file', gated: false, filename: current.filename, sha256: current.sha256, content: file.content };
  });
  if (found.kind !== 'gated') return found;

  const hashes = [...new Set(grantTokens.filter(looksLikeToken).map(hashToken))];
  if (hashes.length === 0) return { kind: 'forbidden', title: found.title };
  const file = await withActor(db, SYSTEM, async (tx) => {
    for (const hash of hashes) {
      const [row] = await queryRows<{ grant_id: string; document_id: string; version_id: string; filename: string; sha256: string; content: Uint8Array }>(
        tx,
        sql`SELECT grant_id, document_id, version_id, filename, sha256, content FROM gated_document_content(${hash}, ${slug})`,
      );
      if (!row) continue;
      const at = clock.now();
      await tx.insert(documentDownloads).values({ documentId: row.document_id, documentVersionId: row.version_id, accessGrantId: row.grant_id, downloadedAt: at });
      await tx.update(accessGrants).set({ lastUsedAt: at }).where(eq(accessGrants.id, row.grant_id));
      return { kind: 'file' as const, gated: true, filename: row.filename, sha256: row.sha256, content: Buffer.from(row.content) };
    }
    return null;
  });
  return file ?? { kind: 'forbidden', title: found.title };
}
