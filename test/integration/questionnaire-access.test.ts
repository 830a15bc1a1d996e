import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { ANONYMOUS, type Actor, type StaffActor, SYSTEM } from '@/lib/core/actor';
import { systemClock } from '@/lib/core/clock';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { exportAnswers } from '@/lib/questionnaires/export';
import { importAnswers } from '@/lib/questionnaires/import';
import { getQuestionnaire, listEvidenceChoices, listQuestionnaires } from '@/lib/questionnaires/read';
import { updateAnswers } from '@/lib/questionnaires/update';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { changeOf, GATED_SET, installQuestionnairesForAdmin, PUBLIC_SET, questionnaireState, storedQuestions } from '../helpers/questionnaires';

describeEachDatabase('questionnaire access', (t) => {
  let trustAdmin: StaffActor;
  let others: [string, Actor][];

  beforeAll(async () => {
    trustAdmin = await installQuestionnairesForAdmin(t().admin);
    const tenant = await createTenant(t().admin);
    others = [
      ['support engineer', await createStaff(t().admin, 'support')],
      ['break-glass holder', await createStaff(t().admin, 'break_glass')],
      ['customer admin', await createCustomer(t().admin, tenant, 'customer_admin')],
      ['customer member', await createCustomer(t().admin, tenant, 'customer_member')],
      ['anonymous visitor', ANONYMOUS],
    ];
  });

  const rows = <T>(actor: Parameters<typeof withActor>[1], query: ReturnType<typeof sql>) => withActor(t().db, actor, (tx) => queryRows<T>(tx, query));

  it('lets a trust admin read and list the questionnaires with their counts', async () => {
    const list = await listQuestionnaires({ db: t().db, actor: trustAdmin });
    expect(list.map((q) => [q.slug, q.document.slug, q.document.visibility, q.questions])).toEqual([
      ['caiq-lite', 'caiq-lite-questionnaire', 'public', 48],
      ['sig-lite', 'sig-lite-questionnaire', 'nda', 54],
    ]);
    expect(list[1]).toMatchObject({ answered: 52, unanswered: 2 });
    const detail = await getQuestionnaire({ db: t().db, actor: trustAdmin }, GATED_SET.slug);
    expect(detail.sections).toHaveLength(14);
    expect(detail.sections[0].questions[3]).toMatchObject({ questionId: 'RSK-04', evidence: { slug: 'iso27001-certificate' } });
    expect((await listEvidenceChoices(t().db, trustAdmin)).map((d) => d.slug)).toContain('soc2-type2-report');
  });

  it('refuses every other role in the data functions, before touching anything', async () => {
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    const [first] = before.questions;
    for (const [who, actor] of others) {
      const refusals = [
        listQuestionnaires({ db: t().db, actor }),
        getQuestionnaire({ db: t().db, actor }, PUBLIC_SET.slug),
        listEvidenceChoices(t().db, actor),
        exportAnswers({ db: t().db, actor }, PUBLIC_SET.slug, 'csv'),
        updateAnswers({ db: t().db, clock: systemClock, actor }, PUBLIC_SET.slug, [changeOf(first, { answer: 'no' })]),
        importAnswers({ db: t().db, clock: systemClock, actor }, PUBLIC_SET.slug, {
          name: 'a.csv',
          type: 'text/csv',
          bytes: Buffer.from('Question ID,Answer,Comment,Evidence\nGOV-01,No,,\n'),
        }),
      ];
      for (const refused of refusals) await expect(refused, who).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    }
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
  });

  it('refuses a trust admin whose role was taken away since the session began', async () => {
    const demoted = await createStaff(t().admin, 'trust_admin');
    await t().admin.transaction((q) => q.query(`UPDATE users SET role = 'support' WHERE id = $1`, [demoted.userId]));
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    await expect(
      updateAnswers({ db: t().db, clock: systemClock, actor: demoted }, PUBLIC_SET.slug, [changeOf(before.questions[0], { answer: 'no' })]),
    ).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
  });

  it('shows the public only a public questionnaire, and the system actor every one', async () => {
    const visible = async (actor: Parameters<typeof withActor>[1]) =>
      (
        await rows<{ slug: string; n: number }>(
          actor,
          sql`SELECT n.slug, (SELECT count(*)::int FROM questionnaire_questions q WHERE q.questionnaire_id = n.id) AS n FROM questionnaires n ORDER BY n.slug`,
        )
      ).map((r) => `${r.slug}:${r.n}`);
    const countedQuestions = async (actor: Parameters<typeof withActor>[1]) =>
      (await rows<{ n: number }>(actor, sql`SELECT count(*)::int AS n FROM questionnaire_questions`))[0].n;
    for (const [who, actor] of others) {
      expect(await visible(actor), who).toEqual(['caiq-lite:48']);
      expect(await countedQuestions(actor), who).toBe(48);
    }
    expect(await visible(SYSTEM)).toEqual(['caiq-lite:48', 'sig-lite:54']);
    expect(await visible(trustAdmin)).toEqual(['caiq-lite:48', 'sig-lite:54']);

    // Archived, even the public one disappears from the public; made public, the gated one appears.
    await t().admin.transaction((q) => q.query(`UPDATE documents SET archived_at = now() WHERE slug = $1`, [PUBLIC_SET.document]));
    await t().admin.transaction((q) => q.query(`UPDATE documents SET visibility = 'public' WHERE slug = $1`, [GATED_SET.document]));
    try {
      expect(await visible(ANONYMOUS)).toEqual(['sig-lite:54']);
      expect(await countedQuestions(ANONYMOUS)).toBe(54);
    } finally {
      await t().admin.transaction((q) => q.query(`UPDATE documents SET archived_at = NULL WHERE slug = $1`, [PUBLIC_SET.document]));
      await t().admin.transaction((q) => q.query(`UPDATE documents SET visibility = 'nda' WHERE slug = $1`, [GATED_SET.document]));
    }
  });

  it('lets no one but a trust admin change an answer, even with SQL of their own', async () => {
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    for (const [who, actor] of [...others, ['system', SYSTEM] as [string, typeof SYSTEM]]) {
      // Policies hide the rows from the update: nothing is written.
      const changed = await rows<{ question_id: string }>(actor, sql`UPDATE questionnaire_questions SET answer = 'no' RETURNING question_id`);
      expect(changed, who).toEqual([]);
      const touched = await rows<{ slug: string }>(actor, sql`UPDATE questionnaires SET answers_changed_at = now() RETURNING slug`);
      expect(touched, who).toEqual([]);
    }
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
    const refused = (actor: Parameters<typeof withActor>[1], query: ReturnType<typeof sql>) =>
      withActor(t().db, actor, (tx) => tx.execute(query)).then(
        () => 'allowed',
        (e: unknown) => pgErrorCode(e),
      );
    // A trust admin may change answers but not the built-in questions, and may add or delete none.
    expect(await refused(trustAdmin, sql`UPDATE questionnaire_questions SET question = 'Rewritten?' WHERE question_id = 'GOV-01'`)).toBe('42501');
    expect(await refused(trustAdmin, sql`UPDATE questionnaire_questions SET section = 'Other' WHERE question_id = 'GOV-01'`)).toBe('42501');
    expect(await refused(trustAdmin, sql`UPDATE questionnaires SET title = 'Renamed'`)).toBe('42501');
    expect(await refused(trustAdmin, sql`DELETE FROM questionnaire_questions`)).toBe('42501');
    expect(
      await refused(
        trustAdmin,
        sql`INSERT INTO questionnaire_questions (questionnaire_id, section, question_id, position, question) SELECT id, 'X', 'ZZZ-01', 999, 'New?' FROM questionnaires LIMIT 1`,
      ),
    ).toBe('42501');
    expect(await refused(ANONYMOUS, sql`DELETE FROM questionnaires`)).toBe('42501');
    expect(await storedQuestions(t().admin, PUBLIC_SET.slug)).toEqual(before.questions);
    // What a trust admin may do, the database allows.
    expect(await refused(trustAdmin, sql`UPDATE questionnaire_questions SET comment = comment WHERE question_id = 'GOV-01'`)).toBe('allowed');
  });

  it('keeps a questionnaire tied to a generated questionnaire document', async () => {
    const error = await t()
      .admin.transaction((q) => q.query(`UPDATE documents SET generator = NULL WHERE slug = $1`, [PUBLIC_SET.document]))
      .catch((e: unknown) => e);
    // restrict_violation or foreign_key_violation, depending on the server's version.
    expect(['23001', '23503']).toContain(pgErrorCode(error));
    const moved = await t()
      .admin.transaction(async (q) => {
        const [doc] = await q.query<{ id: string }>(
          `INSERT INTO documents (slug, title, category, visibility) VALUES ('plain-upload', 'Upload', 'X', 'public') RETURNING id`,
        );
        await q.query(`UPDATE questionnaires SET document_id = $1 WHERE slug = 'caiq-lite'`, [doc.id]);
      })
      .catch((e: unknown) => e);
    expect(pgErrorCode(moved)).toBe('23503');
  });
});
