import { expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { systemClock } from '@/lib/core/clock';
import { downloadDocument } from '@/lib/documents/download';
import { setArchived } from '@/lib/documents/edit';
import { updateAnswers } from '@/lib/questionnaires/update';
import { installBuiltInQuestionnaires } from '@/lib/seed/portal/questionnaires';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import { pdfRawText } from '../helpers/pdf-tools';
import { PUBLIC_SET } from '../helpers/questionnaires';

describeEachDatabase('built-in questionnaires on a database without demo data', (t) => {
  it('are installed unanswered and off the portal until a trust admin answers and publishes them', async () => {
    await t().admin.transaction((q) => installBuiltInQuestionnaires(q));
    await t().admin.transaction((q) => installBuiltInQuestionnaires(q));
    const sets = await t().admin.transaction((q) =>
      q.query<{ slug: string; questions: number; answered: number; archived: boolean }>(
        `SELECT q.slug, count(x.*)::int AS questions, count(x.answer)::int AS answered, d.archived_at IS NOT NULL AS archived
         FROM questionnaires q JOIN documents d ON d.id = q.document_id JOIN questionnaire_questions x ON x.questionnaire_id = q.id
         GROUP BY q.slug, d.archived_at ORDER BY q.slug`,
      ),
    );
    expect(sets.map((s) => s.slug)).toEqual(['caiq-lite', 'sig-lite']);
    for (const set of sets) {
      expect(set.questions).toBeGreaterThan(30);
      expect(set).toMatchObject({ answered: 0, archived: true });
    }
    expect(await downloadDocument(t().db, systemClock, PUBLIC_SET.document)).toEqual({ kind: 'not_found' });

    const alice: StaffActor = await createStaff(t().admin, 'trust_admin');
    await updateAnswers({ db: t().db, clock: systemClock, actor: alice }, PUBLIC_SET.slug, [
      { questionId: 'GOV-01', answer: 'yes', comment: 'Board-approved policy.', evidence: null },
    ]);
    const [doc] = await t().admin.transaction((q) => q.query<{ id: string }>('SELECT id FROM documents WHERE slug = $1', [PUBLIC_SET.document]));
    await setArchived({ db: t().db, clock: systemClock, actor: alice }, doc.id, false);
    const file = await downloadDocument(t().db, systemClock, PUBLIC_SET.document);
    if (file.kind !== 'file') throw new Error(file.kind);
    expect(await pdfRawText(file.content)).toContain('Board-approved policy.');
  });
});
