import 'server-only';
import { and, asc, count, desc, eq, isNull, max } from 'drizzle-orm';
import { z } from 'zod';
import { CERTIFICATION_STATUSES, certificationHistory, certifications, documents } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { type CertificationFacts, certificationFacts, checkCertificationDates } from './certification-rules';
import { parseInput } from '@/lib/core/parse-input';
import { blankAsMissing, blankAsNull, calendarDay, dayOf, SLUG, slugify, text, uniqueSlug, wholeNumber } from './input';
import { asTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** A certification as the public portal shows it (JSON-safe). */
export interface PublicCertification extends CertificationFacts {
  slug: string;
  /** Public reports download; gated ones send the reviewer to request access. */
  report: { title: string; href: string; gated: boolean } | null;
  updatedAt: string;
}

/** What the history keeps of a certification, before and after each change. */
export interface CertificationSnapshot extends CertificationFacts {
  reportDocumentId: string | null;
  reportDocumentTitle: string | null;
  position: number;
}

export interface AdminCertification extends CertificationSnapshot {
  id: string;
  slug: string;
  reportDocumentSlug: string | null;
  updatedAt: Date;
}

export interface CertificationChange {
  id: string;
  certificationId: string;
  framework: string;
  changedAt: Date;
  changedByName: string;
  before: CertificationSnapshot | null;
  after: CertificationSnapshot;
}

/** A document offered as a certification's report. */
export interface ReportOption {
  id: string;
  title: string;
  slug: string;
  visibility: 'public' | 'nda' | 'restricted';
}

/** What each field must be, in words: used by the validation and by the staff page. */
export const CERTIFICATION_FIELD_MESSAGES = {
  framework: 'Enter the framework’s name, up to 120 characters.',
  description: 'The description can be up to 2,000 characters.',
  status: 'Choose one of the statuses offered.',
  periodStart: 'Enter the audit period’s start as a date (YYYY-MM-DD).',
  periodEnd: 'Enter the audit period’s end as a date (YYYY-MM-DD).',
  targetDate: 'Enter the target date as a date (YYYY-MM-DD).',
  reportDocumentId: 'Choose one of the documents offered as the report.',
  position: 'The order on the page must be a whole number from 0 to 1000.',
  slug: 'A slug is lower-case letters, digits and dashes, up to 63 characters.',
} as const;
const M = CERTIFICATION_FIELD_MESSAGES;

const fields = {
  framework: text(M.framework, { min: 1, max: 120 }),
  description: text(M.description, { max: 2000 }),
  status: z.enum(CERTIFICATION_STATUSES, M.status),
  periodStart: blankAsNull(calendarDay(M.periodStart)),
  periodEnd: blankAsNull(calendarDay(M.periodEnd)),
  targetDate: blankAsNull(calendarDay(M.targetDate)),
  reportDocumentId: blankAsNull(z.uuid(M.reportDocumentId)),
  position: wholeNumber(M.position, 0, 1000),
};

const createInput = z.object({
  ...fields,
  description: fields.description.optional(),
  periodStart: fields.periodStart.optional(),
  periodEnd: fields.periodEnd.optional(),
  targetDate: fields.targetDate.optional(),
  reportDocumentId: fields.reportDocumentId.optional(),
  position: blankAsMissing(fields.position),
  slug: z.string().regex(SLUG, M.slug).optional(),
});

// Every field may be left out: what is given replaces the stored value, the rest stays.
const updateInput = z.object(fields).partial();

const reportHref = (d: { slug: string; visibility: string }) => (d.visibility === 'public' ? `/documents/${d.slug}.pdf` : `/documents#${d.slug}`);

/** Every certification, in page order, with its report link; read as the public. */
export async function listPublicCertifications(db: DbHandle): Promise<PublicCertification[]> {
  const rows = await withActor(
    db,
    ANONYMOUS,
    (tx) =>
      tx
        .select({ c: certifications, doc: { title: documents.title, slug: documents.slug, visibility: documents.visibility } })
        .from(certifications)
        // RLS hides archived documents from the public: their link disappears with them.
        .leftJoin(documents, eq(documents.id, certifications.reportDocumentId))
        .orderBy(asc(certifications.position), asc(certifications.framework)),
    { readOnly: true },
  );
  return rows.map(({ c, doc }) => ({
    slug: c.slug,
    ...certificationFacts(c),
    report: doc?.slug ? { title: doc.title, href: reportHref(doc), gated: doc.visibility !== 'public' } : null,
    updatedAt: c.updatedAt.toISOString(),
  }));
}

function selectAdmin(tx: Tx) {
  return tx
    .select({ c: certifications, doc: { title: documents.title, slug: documents.slug } })
    .from(certifications)
    .leftJoin(documents, eq(documents.id, certifications.reportDocumentId));
}

type AdminRow = Awaited<ReturnType<typeof selectAdmin>>[number];

function toAdmin({ c, doc }: AdminRow): AdminCertification {
  return {
    id: c.id,
    slug: c.slug,
    ...certificationFacts(c),
    reportDocumentId: c.reportDocumentId,
    reportDocumentTitle: doc?.title ?? null,
    reportDocumentSlug: doc?.slug ?? null,
    position: c.position,
    updatedAt: c.updatedAt,
  };
}

function snapshotOf(c: AdminCertification): CertificationSnapshot {
  return {
    ...certificationFacts(c),
    reportDocumentId: c.reportDocumentId,
    reportDocumentTitle: c.reportDocumentTitle,
    position: c.position,
  };
}

const SNAPSHOT_KEYS: (keyof CertificationSnapshot)[] = [
  'framework',
  'description',
  'status',
  'periodStart',
  'periodEnd',
  'targetDate',
  'reportDocumentId',
  'position',
];

/** Every certification for the staff tools, in page order. */
export async function listCertificationsForAdmin({ db, actor }: DbActor<Actor>): Promise<AdminCertification[]> {
  asTrustAdmin(actor);
  const rows = await withActor(db, actor, (tx) => selectAdmin(tx).orderBy(asc(certifications.position), asc(certifications.framework)), {
    readOnly: true,
  });
  return rows.map(toAdmin);
}

export async function getCertificationForAdmin({ db, actor }: DbActor<Actor>, id: string): Promise<AdminCertification> {
  asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await withActor(db, actor, (tx) => selectAdmin(tx).where(eq(certifications.id, id)), { readOnly: true });
  if (!row) throw notFound();
  return toAdmin(row);
}

/** Changes newest first: of one certification, or of all of them. */
export async function listCertificationHistory(
  { db, actor }: DbActor<Actor>,
  { certificationId, limit = 20, offset = 0 }: { certificationId?: string; limit?: number; offset?: number } = {},
): Promise<{ changes: CertificationChange[]; total: number }> {
  asTrustAdmin(actor);
  if (certificationId !== undefined && !z.uuid().safeParse(certificationId).success) throw notFound();
  const where = certificationId ? eq(certificationHistory.certificationId, certificationId) : undefined;
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx
        .select({ h: certificationHistory, framework: certifications.framework })
        .from(certificationHistory)
        .innerJoin(certifications, eq(certifications.id, certificationHistory.certificationId))
        .where(where)
        .orderBy(desc(certificationHistory.changedAt), desc(certificationHistory.id))
        .limit(limit)
        .offset(offset);
      const [{ n }] = await tx.select({ n: count() }).from(certificationHistory).where(where);
      return {
        total: n,
        changes: rows.map(({ h, framework }) => ({
          id: h.id,
          certificationId: h.certificationId,
          framework,
          changedAt: h.changedAt,
          changedByName: h.changedByName,
          before: (h.before as CertificationSnapshot | null) ?? null,
          after: h.after as unknown as CertificationSnapshot,
        })),
      };
    },
    { readOnly: true },
  );
}

/** The documents a certification may link as its report: every document not archived. */
export async function listReportOptions({ db, actor }: DbActor<Actor>): Promise<ReportOption[]> {
  asTrustAdmin(actor);
  return withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ id: documents.id, title: documents.title, slug: documents.slug, visibility: documents.visibility })
        .from(documents)
        .where(isNull(documents.archivedAt))
        .orderBy(asc(documents.title)),
    { readOnly: true },
  );
}

async function reportDocument(tx: Tx, id: string | null): Promise<{ title: string; slug: string } | null> {
  if (!id) return null;
  const [doc] = await tx
    .select({ title: documents.title, slug: documents.slug })
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.archivedAt)));
  if (!doc) throw new AppError('invalid_report_document_id', 'That document does not exist or is archived: choose another report.', 400);
  return doc;
}

/** Adds a certification, and the first row of its history. */
export async function createCertification({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<AdminCertification> {
  const staff = asTrustAdmin(actor);
  const input = parseInput(createInput, data);
  const now = clock.now();
  const dates = {
    status: input.status,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    targetDate: input.targetDate ?? null,
  };
  checkCertificationDates(dates, dayOf(now));
  const created = await withActor(db, staff, async (tx) => {
    const report = await reportDocument(tx, input.reportDocumentId ?? null);
    const existing = await tx.select({ slug: certifications.slug, position: certifications.position }).from(certifications);
    if (input.slug && existing.some((e) => e.slug === input.slug)) {
      throw new AppError('slug_taken', `Another certification already uses the slug “${input.slug}”.`, 409);
    }
    const slug = input.slug ?? uniqueSlug(slugify(input.framework), new Set(existing.map((e) => e.slug)));
    const [{ last }] = await tx.select({ last: max(certifications.position) }).from(certifications);
    const [row] = await tx
      .insert(certifications)
      .values({
        slug,
        framework: input.framework,
        description: input.description ?? '',
        ...dates,
        reportDocumentId: input.reportDocumentId ?? null,
        position: input.position ?? Math.min(1000, (last ?? -1) + 1),
        updatedAt: now,
        updatedBy: staff.userId,
      })
      .returning();
    const certification = toAdmin({ c: row, doc: report });
    await tx.insert(certificationHistory).values({
      certificationId: row.id,
      changedAt: now,
      changedBy: staff.userId,
      changedByName: staff.name,
      before: null,
      after: { ...snapshotOf(certification) },
    });
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.certification_created',
      subject: row.slug,
      payload: { certification: row.id, slug: row.slug, status: row.status },
    });
    return certification;
  }).catch(mapWriteError);
  return created;
}

/**
 * Changes a certification. Fields left out keep their value; the result must still make
 * sense for its status. A real change is written with a history row (who, when, before,
 * after) in the same transaction; a save that changes nothing writes nothing.
 */
export async function updateCertification(
  { db, clock, actor }: Ctx<Actor>,
  id: string,
  data: unknown,
): Promise<{ certification: AdminCertification; changed: boolean }> {
  const staff = asTrustAdmin(actor);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const input = parseInput(updateInput, data);
  const now = clock.now();
  return withActor(db, staff, async (tx) => {
    const [locked] = await selectAdmin(tx).where(eq(certifications.id, id)).for('update', { of: certifications });
    if (!locked) {
      // FOR UPDATE sees only rows the caller may change: a row that exists but is not
      // returned means the database no longer counts this account as a trust admin.
      const [exists] = await tx.select({ id: certifications.id }).from(certifications).where(eq(certifications.id, id));
      throw exists ? refusedByDatabase() : notFound();
    }
    const current = toAdmin(locked);
    const before = snapshotOf(current);
    const next = { ...before, ...input };
    checkCertificationDates(next, dayOf(now), before.targetDate);
    const report =
      next.reportDocumentId === before.reportDocumentId
        ? current.reportDocumentTitle === null
          ? null
          : { title: current.reportDocumentTitle, slug: current.reportDocumentSlug ?? '' }
        : await reportDocument(tx, next.reportDocumentId);
    const after: CertificationSnapshot = { ...next, reportDocumentTitle: report?.title ?? null };
    if (SNAPSHOT_KEYS.every((k) => before[k] === after[k])) return { certification: current, changed: false };
    const [row] = await tx
      .update(certifications)
      .set({
        framework: after.framework,
        description: after.description,
        status: after.status,
        periodStart: after.periodStart,
        periodEnd: after.periodEnd,
        targetDate: after.targetDate,
        reportDocumentId: after.reportDocumentId,
        position: after.position,
        updatedAt: now,
        updatedBy: staff.userId,
      })
      .where(eq(certifications.id, id))
      .returning();
    if (!row) throw refusedByDatabase();
    await tx.insert(certificationHistory).values({
      certificationId: id,
      changedAt: now,
      changedBy: staff.userId,
      changedByName: staff.name,
      before: { ...before },
      after: { ...after },
    });
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.certification_updated',
      subject: row.slug,
      payload: {
        certification: id,
        slug: row.slug,
        fields: SNAPSHOT_KEYS.filter((k) => before[k] !== after[k]),
        status: after.status,
        ...(before.status !== after.status ? { previousStatus: before.status } : {}),
      },
    });
    return { certification: toAdmin({ c: row, doc: report }), changed: true };
  }).catch(mapWriteError);
}

function notFound() {
  return new AppError('not_found', 'There is no such certification.', 404);
}

function mapWriteError(error: unknown): never {
  if (pgErrorCode(error) === '23505') throw new AppError('slug_taken', 'Another certification already uses that slug.', 409);
  return rethrowRefusal(error);
}
