import 'server-only';
import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { accessGrants, documentDownloads, documents, documentVersions } from '@/drizzle/schema';
import { ANONYMOUS, SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { hashToken, looksLikeToken } from '@/lib/access/tokens';
import { emitEvent } from '@/lib/governance/emit';
import { UnstampablePdfError, stampPdf } from '@/lib/pdf/stamp';
import type { DocumentGenerator, GeneratedDocument } from '@/lib/pdf/generated';
import { renderGeneratedDocument } from './generated';
import { type PublicFile, cachedPublicFile, etagMatches, recordPublicDownload, rememberPublicFile } from '@/lib/portal/public-files';

export type DownloadResult =
  | { kind: 'not_found' }
  /** A gated document and no valid grant for it among the tokens given. */
  | { kind: 'forbidden'; title: string }
  | { kind: 'not_modified'; sha256: string }
  /** A gated copy that could not be stamped: it is not handed out unstamped. */
  | { kind: 'unavailable'; title: string }
  | { kind: 'file'; gated: boolean; filename: string; sha256: string; content: Buffer };

/** Whom a granted copy was handed to: what its stamp says. */
export interface Recipient {
  grantId: string;
  email: string;
  company: string;
}

type PublicLookup = DownloadResult | { kind: 'public'; file: PublicFile } | { kind: 'gated'; title: string } | { kind: 'generated'; doc: GeneratedDocument };

/**
 * A public file handed out (or a 304 for it). With the cache: kept in memory and counted in
 * the next batch; without: counted at once.
 */
async function publicFile(
  file: PublicFile,
  { cache, ifNoneMatch, at, db, remember }: { cache: boolean; ifNoneMatch?: string | null; at: Date; db: DbHandle; remember?: string },
): Promise<DownloadResult> {
  if (cache && remember) rememberPublicFile(remember, file, at.getTime());
  if (etagMatches(ifNoneMatch, file.sha256)) return { kind: 'not_modified', sha256: file.sha256 };
  if (cache) recordPublicDownload(db, file.documentId, file.versionId, at);
  else
    await withActor(db, ANONYMOUS, (tx) =>
      tx.insert(documentDownloads).values({ documentId: file.documentId, documentVersionId: file.versionId, downloadedAt: at }),
    );
  return { kind: 'file', gated: false, filename: file.filename, sha256: file.sha256, content: file.content };
}

/**
 * The current PDF of a document, by slug. A public one for anyone; a gated one (nda,
 * restricted) only through gated_document_access(), for a grant token that covers it.
 * Generated documents (the DPA, questionnaires) are rendered from live data. Every file
 * handed out is recorded in document_downloads, the dashboard's analytics.
 */
export async function downloadDocument(
  db: DbHandle,
  clock: Clock,
  slug: string,
  {
    grantTokens = [],
    ifNoneMatch,
    cache = false,
  }: {
    grantTokens?: string[];
    ifNoneMatch?: string | null;
    /** Serve public files from, and keep them in, the in-memory cache; count their downloads in batches (the HTTP route). */
    cache?: boolean;
  } = {},
): Promise<DownloadResult> {
  if (cache) {
    const hit = cachedPublicFile(slug, clock.now().getTime());
    if (hit) return publicFile(hit, { cache, ifNoneMatch, at: clock.now(), db });
  }
  const found = await withActor(db, ANONYMOUS, async (tx): Promise<PublicLookup> => {
    const [doc] = await tx
      .select({ id: documents.id, title: documents.title, visibility: documents.visibility, generator: documents.generator })
      .from(documents)
      .where(and(eq(documents.slug, slug), isNull(documents.archivedAt)));
    if (!doc) return { kind: 'not_found' };
    if (doc.visibility !== 'public') return { kind: 'gated', title: doc.title };
    if (doc.generator) return { kind: 'generated', doc: { id: doc.id, slug, title: doc.title, generator: doc.generator } };
    const [current] = await tx
      .select({ id: documentVersions.id, filename: documentVersions.filename, sha256: documentVersions.sha256 })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, doc.id))
      .orderBy(desc(documentVersions.version))
      .limit(1);
    if (!current) return { kind: 'not_found' };
    if (!cache && etagMatches(ifNoneMatch, current.sha256)) return { kind: 'not_modified', sha256: current.sha256 };
    const [file] = await tx.select({ content: documentVersions.content }).from(documentVersions).where(eq(documentVersions.id, current.id));
    return { kind: 'public', file: { documentId: doc.id, versionId: current.id, filename: current.filename, sha256: current.sha256, content: file.content } };
  });
  if (found.kind === 'generated') {
    const generated = await renderGeneratedDocument(db, clock, found.doc);
    if (!generated) return { kind: 'not_found' };
    const file = { documentId: found.doc.id, versionId: null, filename: generated.filename, sha256: generated.pdf.sha256, content: generated.pdf.bytes };
    return publicFile(file, { cache, ifNoneMatch, at: clock.now(), db, remember: slug });
  }
  if (found.kind === 'public') return publicFile(found.file, { cache, ifNoneMatch, at: clock.now(), db, remember: slug });
  if (found.kind !== 'gated') return found;
  return (await downloadGranted(db, clock, slug, grantTokens)) ?? { kind: 'forbidden', title: found.title };
}

interface GrantedRow {
  grant_id: string;
  recipient_email: string;
  recipient_company: string;
  document_id: string;
  title: string;
  generator: DocumentGenerator | null;
  version_id: string | null;
  filename: string | null;
  sha256: string | null;
  content: Uint8Array | null;
}

/**
 * A gated document for the first of the grant tokens that covers it, or null; the copy is
 * stamped for the grant's recipient (e-mail, company, grant id, time of issue) on every page
 * and in its metadata. A copy that cannot be stamped is not handed out.
 */
async function downloadGranted(db: DbHandle, clock: Clock, slug: string, grantTokens: string[]): Promise<DownloadResult | null> {
  const hashes = [...new Set(grantTokens.filter(looksLikeToken).map(hashToken))];
  if (hashes.length === 0) return null;
  const row = await withActor(db, SYSTEM, async (tx) => {
    for (const hash of hashes) {
      const [granted] = await queryRows<GrantedRow>(tx, sql`SELECT * FROM gated_document_access(${hash}, ${slug})`);
      if (granted) return granted;
    }
    return null;
  });
  if (!row) return null;
  const recipient: Recipient = { grantId: row.grant_id, email: row.recipient_email, company: row.recipient_company };
  const file = row.generator
    ? await renderGeneratedDocument(db, clock, { id: row.document_id, slug, title: row.title, generator: row.generator }).then(
        (g) => g && { filename: g.filename, content: g.pdf.bytes },
      )
    : { filename: row.filename!, content: Buffer.from(row.content!) };
  if (!file) return null;
  const at = clock.now();
  let stamped: Buffer;
  try {
    stamped = await stampPdf(file.content, { ...recipient, issuedAt: at });
  } catch (error) {
    // Ids and the PDF library's own words only: the recipient's e-mail and company stay out of the log.
    const reason = error instanceof UnstampablePdfError ? `${error.reason}: ${String(error.cause ?? '')}` : String(error);
    console.error(
      `[trust-center] a granted copy of document ${row.document_id} could not be stamped for grant ${recipient.grantId}; nothing was handed out (${reason.slice(0, 300)})`,
    );
    return { kind: 'unavailable', title: row.title };
  }
  // Handed out only once the download is recorded, in the analytics and the governance log.
  await withActor(db, SYSTEM, async (tx) => {
    await tx
      .insert(documentDownloads)
      .values({ documentId: row.document_id, documentVersionId: row.version_id, accessGrantId: recipient.grantId, downloadedAt: at });
    await tx.update(accessGrants).set({ lastUsedAt: at }).where(eq(accessGrants.id, recipient.grantId));
    await emitEvent(tx, {
      tenantId: null,
      kind: 'access.document_downloaded',
      subject: slug,
      payload: { document: row.document_id, slug, version: row.version_id, grant: recipient.grantId },
    });
  });
  // Stamped with this reader's name and the time, every copy differs: its ETag is its own hash.
  return { kind: 'file', gated: true, filename: file.filename, sha256: createHash('sha256').update(stamped).digest('hex'), content: stamped };
}
