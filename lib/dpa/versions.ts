import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/types';
import { dpaDraft, dpaVersions, users } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import { asTrustAdmin, rethrowRefusal } from '@/lib/auth/trust-admin';
import { canonicalSha256 } from '@/lib/core/canonical-json';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { text } from '@/lib/portal/input';
import { z } from 'zod';
import { type DpaContent, type DpaDraftContent, dpaContentSchema, dpaDraftSchema } from './content';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** A published version of the DPA (JSON-safe). */
export interface DpaVersion {
  id: string;
  version: number;
  content: DpaContent;
  /** SHA-256 of the RFC 8785 canonical JSON of the content. */
  contentSha256: string;
  changeNote: string;
  publishedAt: string;
}

export interface DpaVersionSummary extends Omit<DpaVersion, 'content'> {
  publishedBy: string | null;
}

const toVersion = (r: typeof dpaVersions.$inferSelect): DpaVersion => ({
  id: r.id,
  version: r.version,
  content: r.content as DpaContent,
  contentSha256: r.contentSha256,
  changeNote: r.changeNote,
  publishedAt: r.publishedAt.toISOString(),
});

/** The version in force: the latest published one, or null before the first. Public. */
export async function currentDpaVersion(db: DbHandle): Promise<DpaVersion | null> {
  const [row] = await withActor(db, ANONYMOUS, (tx) => tx.select().from(dpaVersions).orderBy(desc(dpaVersions.version)).limit(1), { readOnly: true });
  return row ? toVersion(row) : null;
}

/** Every published version, newest first, with who published it (trust admins). */
export async function listDpaVersions(db: DbHandle, actor: Actor): Promise<DpaVersionSummary[]> {
  asTrustAdmin(actor);
  const rows = await withActor(db, actor, (tx) =>
    tx.select({ v: dpaVersions, by: users.name }).from(dpaVersions).leftJoin(users, eq(users.id, dpaVersions.publishedBy)).orderBy(desc(dpaVersions.version)),
  );
  return rows.map(({ v, by }) => {
    const { content: _content, ...summary } = toVersion(v);
    return { ...summary, publishedBy: by };
  });
}

export interface DpaDraft {
  content: DpaDraftContent;
  updatedAt: string | null;
  /** Whether the draft differs from the version in force (or there is none yet). */
  unpublished: boolean;
  /** The field that must be fixed before the draft can be published, with why; null when it can be. */
  problem: { field: string; message: string } | null;
}

function problemOf(content: unknown): DpaDraft['problem'] {
  const result = dpaContentSchema.safeParse(content);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { field: String(issue.path[0] ?? 'request'), message: issue.message };
}

/** The draft the trust admins are writing: the saved draft, else a copy of the version in force. */
export async function readDpaDraft({ db, actor }: DbActor<Actor>): Promise<DpaDraft> {
  asTrustAdmin(actor);
  return withActor(db, actor, async (tx) => {
    const [draft] = await tx.select().from(dpaDraft);
    const [current] = await tx.select().from(dpaVersions).orderBy(desc(dpaVersions.version)).limit(1);
    const content = (draft?.content ?? current?.content ?? dpaDraftSchema.parse(EMPTY_DRAFT)) as DpaDraftContent;
    return {
      content,
      updatedAt: draft?.updatedAt.toISOString() ?? null,
      unpublished: !current || canonicalSha256(content) !== current.contentSha256,
      problem: problemOf(content),
    };
  });
}

const EMPTY_DRAFT = {
  title: 'Data Processing Agreement',
  processorName: '',
  processorAddress: '',
  processorContact: '',
  preamble: '',
  subjectMatter: '',
  duration: '',
  natureAndPurpose: '',
  dataCategories: [],
  dataSubjects: [],
  specialCategories: '',
  sccModules: [],
  clauses: [],
  governingLaw: '',
};

/** Saves the draft (fields may still be empty; limits apply). Changes nothing public. */
export async function saveDpaDraft({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<DpaDraft> {
  const admin = asTrustAdmin(actor);
  const content = parseInput(dpaDraftSchema, data);
  const at = clock.now();
  await withActor(db, admin, async (tx) => {
    await tx
      .insert(dpaDraft)
      .values({ id: true, content, updatedAt: at, updatedBy: admin.userId })
      .onConflictDoUpdate({ target: dpaDraft.id, set: { content, updatedAt: at, updatedBy: admin.userId } });
    await emitEvent(tx, { tenantId: null, kind: 'content.dpa_draft_saved', subject: 'dpa', payload: { sha256: canonicalSha256(content) } });
  }).catch(rethrowRefusal);
  return readDpaDraft({ db, actor: admin });
}

/** The DPA's entry in the documents list (/documents/dpa.pdf), made with the first version. */
async function ensureDpaDocument(tx: Tx, clock: Clock) {
  const at = clock.now().toISOString();
  await tx.execute(sql`
    INSERT INTO documents (slug, title, category, description, visibility, generator, created_at, updated_at)
    SELECT CASE WHEN EXISTS (SELECT 1 FROM documents WHERE slug = 'dpa') THEN 'data-processing-agreement' ELSE 'dpa' END,
           'Data Processing Agreement (DPA)', 'Legal',
           'Our standard GDPR Article 28 terms, with the live sub-processor list and the security measures as annexes.',
           'public', 'dpa', ${at}, ${at}
    WHERE NOT EXISTS (SELECT 1 FROM documents WHERE generator = 'dpa')`);
}

const publishInput = z.object({ changeNote: text('Describe the change in up to 500 characters.', { max: 500 }).optional() });

/**
 * Publishes the draft as the next version: it becomes the template at /documents/dpa.pdf and
 * the version customers execute from then on. Refused while a field is incomplete, or when the
 * draft is the version in force already.
 */
export async function publishDpaDraft({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<DpaVersion> {
  const admin = asTrustAdmin(actor);
  const { changeNote = '' } = parseInput(publishInput, data);
  try {
    return await withActor(db, admin, async (tx) => {
      const [draft] = await tx.select().from(dpaDraft);
      if (!draft) throw new AppError('nothing_to_publish', 'Save a draft first: the version in force has no changes to publish.', 409);
      const content = parseInput(dpaContentSchema, draft.content);
      const sha = canonicalSha256(content);
      const [latest] = await tx
        .select({ version: dpaVersions.version, sha: dpaVersions.contentSha256 })
        .from(dpaVersions)
        .orderBy(desc(dpaVersions.version))
        .limit(1);
      if (latest?.sha === sha)
        throw new AppError('nothing_to_publish', 'The draft is the same as the version in force: change something before publishing.', 409);
      const [row] = await tx
        .insert(dpaVersions)
        .values({ version: (latest?.version ?? 0) + 1, content, contentSha256: sha, changeNote, publishedAt: clock.now(), publishedBy: admin.userId })
        .returning();
      await ensureDpaDocument(tx, clock);
      await emitEvent(tx, {
        tenantId: null,
        kind: 'content.dpa_published',
        subject: row.id,
        reason: changeNote,
        payload: { dpaVersion: row.id, version: row.version, sha256: row.contentSha256 },
      });
      return toVersion(row);
    });
  } catch (error) {
    // Two publishes at once: the second's version number is taken.
    if (pgErrorCode(error) === '23505') throw new AppError('conflict', 'Another version was published at the same moment. Reload and try again.', 409);
    return rethrowRefusal(error);
  }
}
