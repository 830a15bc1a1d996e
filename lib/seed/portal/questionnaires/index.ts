import 'server-only';
import type { AdminQuery } from '@/lib/db/types';
import { CAIQ_LITE } from './caiq-lite';
import { SIG_LITE } from './sig-lite';
import type { SeedQuestionnaire } from './types';

export const BUILT_IN_QUESTIONNAIRES: SeedQuestionnaire[] = [CAIQ_LITE, SIG_LITE];

const DAY = 86_400_000;

/**
 * The built-in questionnaires with the demo vendor's answers, each published as a generated
 * document. A questionnaire already present is left as it is (its answers are the staff's),
 * so this runs on databases seeded before questionnaires existed as well as on empty ones.
 */
export function seedQuestionnaires(q: AdminQuery) {
  return addQuestionnaires(q, { demo: true });
}

/**
 * The built-in question sets on any database, at start-up: unanswered, and their documents
 * archived (off the portal) until a trust admin has answered them and restores the document.
 * Sets already present, answered or not, are left alone.
 */
export function installBuiltInQuestionnaires(q: AdminQuery) {
  return addQuestionnaires(q, { demo: false });
}

async function addQuestionnaires(q: AdminQuery, { demo }: { demo: boolean }) {
  const answeredAt = new Date(Date.now() - 2 * DAY).toISOString();
  for (const set of BUILT_IN_QUESTIONNAIRES) {
    const [existing] = await q.query<{ id: string }>('SELECT id FROM questionnaires WHERE slug = $1', [set.slug]);
    if (existing) continue;
    const d = set.document;
    await q.query(
      `INSERT INTO documents (slug, title, category, description, visibility, generator, created_at, updated_at, archived_at)
       VALUES ($1, $2, $3, $4, $5, 'questionnaire', $6, $6, $7) ON CONFLICT (slug) DO NOTHING`,
      [d.slug, d.title, d.category, d.description, d.visibility, answeredAt, demo ? null : answeredAt],
    );
    const [doc] = await q.query<{ id: string }>(
      `SELECT id FROM documents WHERE slug = $1 AND generator = 'questionnaire'
         AND NOT EXISTS (SELECT 1 FROM questionnaires WHERE document_id = documents.id)`,
      [d.slug],
    );
    // The slug belongs to a document the staff uploaded: leave theirs alone.
    if (!doc) continue;
    const [questionnaire] = await q.query<{ id: string }>(
      'INSERT INTO questionnaires (slug, title, description, document_id, answers_changed_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [set.slug, set.title, set.description, doc.id, answeredAt],
    );
    let position = 0;
    for (const section of set.sections) {
      for (const question of section.questions) {
        position += 1;
        await q.query(
          `INSERT INTO questionnaire_questions (questionnaire_id, section, question_id, position, question, answer, comment, evidence_document_id, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM documents WHERE slug = $8), $9)`,
          demo
            ? [
                questionnaire.id,
                section.name,
                question.id,
                position,
                question.question,
                question.answer,
                question.comment,
                question.evidence ?? null,
                answeredAt,
              ]
            : [questionnaire.id, section.name, question.id, position, question.question, null, '', null, answeredAt],
        );
      }
    }
  }
}
