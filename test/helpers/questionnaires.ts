import { randomBytes } from 'node:crypto';
import { hashToken, newToken } from '@/lib/access/tokens';
import type { StaffActor } from '@/lib/core/actor';
import type { AdminConnection } from '@/lib/db/types';
import { seedQuestionnaires } from '@/lib/seed/portal/questionnaires';
import type { AnswerChange } from '@/lib/questionnaires/schemas';
import { createStaff } from './factories';
import { createDocument } from './portal';

export const PUBLIC_SET = { slug: 'caiq-lite', document: 'caiq-lite-questionnaire' } as const;
export const GATED_SET = { slug: 'sig-lite', document: 'sig-lite-questionnaire' } as const;

/** The built-in questionnaires, with evidence documents of their own for the demo answers to link. */
export async function installQuestionnaires(admin: AdminConnection) {
  for (const slug of ['iso27001-certificate', 'security-whitepaper', 'soc2-type2-report']) {
    await createDocument(admin, { slug, title: `Evidence ${slug}`, visibility: slug === 'soc2-type2-report' ? 'nda' : 'public' });
  }
  await admin.transaction((q) => seedQuestionnaires(q));
}

/** Installs both questionnaires and returns a new trust admin to edit them. */
export async function installQuestionnairesForAdmin(admin: AdminConnection): Promise<StaffActor> {
  await installQuestionnaires(admin);
  return createStaff(admin, 'trust_admin');
}

export interface StoredQuestion {
  question_id: string;
  section: string;
  question: string;
  answer: string | null;
  comment: string;
  evidence: string | null;
  updated_at: string;
}

/** Every question of a questionnaire as the tables hold it (superuser view). */
export async function storedQuestions(admin: AdminConnection, slug: string) {
  return admin.transaction((q) =>
    q.query<StoredQuestion & Record<string, unknown>>(
      `SELECT x.question_id, x.section, x.question, x.answer, x.comment, d.slug AS evidence, x.updated_at::text AS updated_at
       FROM questionnaire_questions x JOIN questionnaires n ON n.id = x.questionnaire_id
       LEFT JOIN documents d ON d.id = x.evidence_document_id
       WHERE n.slug = $1 ORDER BY x.position`,
      [slug],
    ),
  );
}

/** The questionnaire row and the answers, to compare before and after something that must change nothing. */
export async function questionnaireState(admin: AdminConnection, slug: string) {
  const [row] = await admin.transaction((q) =>
    q.query<{ answers_changed_at: string; answers_changed_by: string | null; document_updated_at: string }>(
      `SELECT n.answers_changed_at::text AS answers_changed_at, n.answers_changed_by, d.updated_at::text AS document_updated_at
       FROM questionnaires n JOIN documents d ON d.id = n.document_id WHERE n.slug = $1`,
      [slug],
    ),
  );
  return { ...row, questions: await storedQuestions(admin, slug) };
}

/** A change that sets one question's answer, keeping its comment and evidence as stored. */
export function changeOf(q: StoredQuestion, overrides: Partial<AnswerChange> = {}): AnswerChange {
  return {
    questionId: q.question_id,
    answer: q.answer as AnswerChange['answer'],
    comment: q.comment,
    evidence: q.evidence,
    ...overrides,
  };
}

/** An approved access request with a live grant to `documentSlug`: the token its holder presents. */
export async function grantFor(admin: AdminConnection, documentSlug: string) {
  const token = newToken();
  const email = `reviewer-${randomBytes(3).toString('hex')}@prospect.example`;
  await admin.transaction(async (q) => {
    const [request] = await q.query<{ id: string }>(
      `INSERT INTO access_requests (name, email, company, reason, status, decided_at) VALUES ('Rita Reviewer', $1, 'Prospect Ltd', 'Due diligence', 'approved', now()) RETURNING id`,
      [email],
    );
    await q.query('INSERT INTO access_request_documents (access_request_id, document_id) SELECT $1, id FROM documents WHERE slug = $2', [
      request.id,
      documentSlug,
    ]);
    await q.query(`INSERT INTO access_grants (access_request_id, email, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '7 days')`, [
      request.id,
      email,
      hashToken(token),
    ]);
  });
  return { token, email };
}

/** The link targets of a PDF per `pdfinfo -url`, by page. */
export async function pdfUrls(bytes: Uint8Array): Promise<{ page: number; url: string }[]> {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(tmpdir(), 'pdf-urls-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, bytes);
    const stdout = await new Promise<string>((resolve, reject) => execFile('pdfinfo', ['-url', file], (error, out) => (error ? reject(error) : resolve(out))));
    return stdout
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length >= 3)
      .map((cols) => ({ page: Number(cols[0]), url: cols[2] }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
