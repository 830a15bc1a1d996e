import { expect, it } from 'vitest';
import { QUESTION_ID_PATTERN } from '@/lib/questionnaires/answers';
import { BUILT_IN_QUESTIONNAIRES } from '@/lib/seed/portal/questionnaires';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';
import { adminRows } from '../helpers/portal';
import { storedQuestions } from '../helpers/questionnaires';

describeEachDatabase('demo questionnaires', (t) => {
  const summary = () =>
    adminRows<{
      slug: string;
      document: string;
      visibility: string;
      generator: string;
      category: string;
      questions: number;
      answered: number;
      evidence: number;
    }>(
      t().admin,
      `SELECT n.slug, d.slug AS document, d.visibility, d.generator, d.category,
              count(q.*)::int AS questions, count(q.answer)::int AS answered, count(q.evidence_document_id)::int AS evidence
       FROM questionnaires n JOIN documents d ON d.id = n.document_id JOIN questionnaire_questions q ON q.questionnaire_id = n.id
       GROUP BY n.slug, d.slug, d.visibility, d.generator, d.category ORDER BY n.slug`,
    );

  it('seeds both question sets once, published as a public and a gated document, with evidence linked', async () => {
    await seedDemoData(t().admin);
    await seedDemoData(t().admin);
    const rows = await summary();
    expect(rows.map(({ evidence, answered, ...r }) => r)).toEqual([
      { slug: 'caiq-lite', document: 'caiq-lite-questionnaire', visibility: 'public', generator: 'questionnaire', category: 'Questionnaires', questions: 48 },
      { slug: 'sig-lite', document: 'sig-lite-questionnaire', visibility: 'nda', generator: 'questionnaire', category: 'Questionnaires', questions: 54 },
    ]);
    for (const r of rows) expect(r.evidence).toBeGreaterThan(5);
    expect(rows[1].answered).toBe(52);
    const caiq = await storedQuestions(t().admin, 'caiq-lite');
    expect(caiq.find((q) => q.question_id === 'GOV-04')).toMatchObject({ answer: 'yes', evidence: 'soc2-type2-report' });
    // Every evidence slug the seed names is a seeded document.
    const named = BUILT_IN_QUESTIONNAIRES.flatMap((s) => s.sections.flatMap((x) => x.questions)).filter((q) => q.evidence).length;
    expect(rows.reduce((n, r) => n + r.evidence, 0)).toBe(named);
  });

  it('has well-formed, unique question ids and 40 to 60 questions per set', () => {
    for (const set of BUILT_IN_QUESTIONNAIRES) {
      const ids = set.sections.flatMap((s) => s.questions.map((q) => q.id));
      expect(ids.length).toBeGreaterThanOrEqual(40);
      expect(ids.length).toBeLessThanOrEqual(60);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(QUESTION_ID_PATTERN);
      expect(new Set(set.sections.map((s) => s.name)).size).toBe(set.sections.length);
    }
  });

  it('adds the questionnaires to a database seeded before they existed, and keeps the staff’s answers', async () => {
    await seedDemoData(t().admin);
    await t().admin.transaction(async (q) => {
      await q.query(`DELETE FROM questionnaires WHERE slug = 'sig-lite'`);
      await q.query(`DELETE FROM documents WHERE slug = 'sig-lite-questionnaire'`);
      await q.query(`UPDATE questionnaire_questions SET answer = 'no', comment = 'Edited by staff' WHERE question_id = 'GOV-01'`);
    });
    await seedDemoData(t().admin);
    expect((await summary()).map((r) => [r.slug, r.questions])).toEqual([
      ['caiq-lite', 48],
      ['sig-lite', 54],
    ]);
    expect((await storedQuestions(t().admin, 'caiq-lite'))[0]).toMatchObject({ question_id: 'GOV-01', answer: 'no', comment: 'Edited by staff' });
    expect((await storedQuestions(t().admin, 'sig-lite')).find((q) => q.question_id === 'RSK-04')).toMatchObject({ evidence: 'iso27001-certificate' });
  });

  it('leaves alone a document the staff uploaded under a questionnaire’s slug', async () => {
    await t().admin.transaction(async (q) => {
      await q.query(`DELETE FROM questionnaires WHERE slug = 'sig-lite'`);
      await q.query(`UPDATE documents SET generator = NULL, title = 'Our own SIG answers' WHERE slug = 'sig-lite-questionnaire'`);
    });
    await seedDemoData(t().admin);
    expect((await summary()).map((r) => r.slug)).toEqual(['caiq-lite']);
    const [doc] = await adminRows<{ title: string; generator: string | null }>(
      t().admin,
      `SELECT title, generator FROM documents WHERE slug = 'sig-lite-questionnaire'`,
    );
    expect(doc).toEqual({ title: 'Our own SIG answers', generator: null });
  });
});
