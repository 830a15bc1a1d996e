import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { certificationHistory, certifications } from '@/drizzle/schema';
import { ANONYMOUS, type CustomerActor, type StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import {
  createCertification,
  getCertificationForAdmin,
  listCertificationHistory,
  listCertificationsForAdmin,
  listPublicCertifications,
  listReportOptions,
  updateCertification,
} from '@/lib/portal/certifications';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import { adminRows, createDocument, createPortalPeople, DAY, day, expectRefusal } from '../helpers/portal';

describeEachDatabase('portal content: certifications', (t) => {
  const clock = manualClock(new Date());
  let alice: StaffActor;
  let bob: StaffActor;
  let dan: CustomerActor;
  let publicReport: { id: string; slug: string; title: string };
  let gatedReport: { id: string; slug: string; title: string };
  let archivedReport: { id: string; slug: string; title: string };

  const rowOf = async (id: string) => (await adminRows(t().admin, 'SELECT * FROM certifications WHERE id = $1', [id]))[0];
  const historyCount = async (id: string) =>
    (await adminRows<{ n: number }>(t().admin, 'SELECT count(*)::int AS n FROM certification_history WHERE certification_id = $1', [id]))[0].n;

  beforeAll(async () => {
    const { admin } = t();
    ({ alice, bob, dan } = await createPortalPeople(admin, 'customer_member'));
    publicReport = await createDocument(admin, { visibility: 'public', title: 'ISO/IEC 27001 certificate' });
    gatedReport = await createDocument(admin, { visibility: 'nda', title: 'SOC 2 Type 2 report' });
    archivedReport = await createDocument(admin, { visibility: 'public', archived: true, title: 'Old report' });
  });

  it('a trust admin adds a certification; its history starts with who added it and what it was', async () => {
    const soc2 = await createCertification(
      { db: t().db, clock, actor: alice },
      {
        framework: 'SOC 2 Type 2',
        description: 'Security and availability.',
        status: 'audit_window',
        periodStart: day(clock.now(), -100),
        periodEnd: day(clock.now(), 80),
        reportDocumentId: gatedReport.id,
      },
    );
    expect(soc2).toMatchObject({ slug: 'soc-2-type-2', status: 'audit_window', reportDocumentTitle: 'SOC 2 Type 2 report' });
    const { changes } = await listCertificationHistory({ db: t().db, actor: alice }, { certificationId: soc2.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ changedByName: alice.name, before: null, after: { status: 'audit_window', framework: 'SOC 2 Type 2' } });
    const [stored] = await adminRows(t().admin, 'SELECT changed_by FROM certification_history WHERE certification_id = $1', [soc2.id]);
    expect(stored.changed_by).toBe(alice.userId);

    // What the staff page's form sends: every field a string, the optional ones blank.
    const fromForm = await createCertification(
      { db: t().db, clock, actor: alice },
      {
        framework: 'PCI DSS v4.0',
        status: 'not_started',
        description: '',
        periodStart: '',
        periodEnd: '',
        targetDate: '',
        reportDocumentId: '',
        position: '',
      },
    );
    expect(fromForm).toMatchObject({ status: 'not_started', periodStart: null, targetDate: null, reportDocumentId: null, position: soc2.position + 1 });

    // A second certification of the same name gets its own slug.
    const again = await createCertification({ db: t().db, clock, actor: alice }, { framework: 'SOC 2 Type 2', status: 'not_started' });
    expect(again.slug).toBe('soc-2-type-2-2');
  });

  it('changing the status to attested is written with a history row holding before and after', async () => {
    const cert = await createCertification(
      { db: t().db, clock, actor: alice },
      {
        framework: 'SOC 2 Type 2 (attest)',
        status: 'audit_window',
        periodStart: day(clock.now(), -200),
        periodEnd: day(clock.now(), -5),
        targetDate: day(clock.now(), 30),
      },
    );
    clock.advance(60_000);
    const { certification, changed } = await updateCertification({ db: t().db, clock, actor: alice }, cert.id, {
      status: 'attested',
      targetDate: '',
      reportDocumentId: publicReport.id,
    });
    expect(changed).toBe(true);
    expect(certification).toMatchObject({ status: 'attested', targetDate: null, reportDocumentSlug: publicReport.slug });
    const { changes } = await listCertificationHistory({ db: t().db, actor: alice }, { certificationId: cert.id });
    expect(changes).toHaveLength(2);
    expect(changes[0].before).toMatchObject({ status: 'audit_window', targetDate: day(clock.now(), 30), reportDocumentId: null });
    expect(changes[0].after).toMatchObject({ status: 'attested', targetDate: null, reportDocumentTitle: publicReport.title });
    expect(changes[0].changedAt.getTime()).toBe(clock.now().getTime());
    expect((await rowOf(cert.id)).updated_by).toBe(alice.userId);

    // The public sees the new status and a download link for the public report.
    const shown = (await listPublicCertifications(t().db)).find((c) => c.slug === cert.slug);
    expect(shown).toMatchObject({
      status: 'attested',
      report: { title: publicReport.title, href: `/documents/${publicReport.slug}.pdf`, gated: false },
    });

    // Saving the same values again is not a change: no history row.
    const same = await updateCertification({ db: t().db, clock, actor: alice }, cert.id, { status: 'attested' });
    expect(same.changed).toBe(false);
    expect(await historyCount(cert.id)).toBe(2);
  });

  it('the public report link: download for public documents, request access for gated ones, none for archived ones', async () => {
    const gated = await createCertification(
      { db: t().db, clock, actor: alice },
      {
        framework: 'Gated',
        status: 'in_progress',
        reportDocumentId: gatedReport.id,
      },
    );
    const list = await listPublicCertifications(t().db);
    expect(list.find((c) => c.slug === gated.slug)?.report).toEqual({
      title: gatedReport.title,
      href: `/documents#${gatedReport.slug}`,
      gated: true,
    });
    // A report archived after it was linked no longer shows to the public.
    const archivedLater = await createDocument(t().admin, { visibility: 'public' });
    const linked = await createCertification(
      { db: t().db, clock, actor: alice },
      { framework: 'Archived later', status: 'not_started', reportDocumentId: archivedLater.id },
    );
    await adminRows(t().admin, 'UPDATE documents SET archived_at = now() WHERE id = $1 RETURNING id', [archivedLater.id]);
    expect((await listPublicCertifications(t().db)).find((c) => c.slug === linked.slug)?.report).toBeNull();
    // And it is not offered to link again.
    const options = await listReportOptions({ db: t().db, actor: alice });
    expect(options.map((o) => o.id)).toEqual(expect.arrayContaining([publicReport.id, gatedReport.id]));
    expect(options.map((o) => o.id)).not.toContain(archivedReport.id);
    expect(options.find((o) => o.id === gatedReport.id)).toEqual({ id: gatedReport.id, title: gatedReport.title, slug: gatedReport.slug, visibility: 'nda' });
  });

  it('refuses dates that do not fit the status, and changes nothing', async () => {
    const cert = await createCertification(
      { db: t().db, clock, actor: alice },
      { framework: 'ISO/IEC 27701', status: 'in_progress', targetDate: day(clock.now(), 90) },
    );
    const before = await rowOf(cert.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'attested' }, 'period_required'],
      [{ status: 'audit_window', periodStart: day(clock.now(), -10) }, 'period_required'],
      [{ periodStart: day(clock.now(), -10), periodEnd: day(clock.now(), 10) }, 'period_not_allowed'],
      [{ status: 'attested', periodStart: day(clock.now(), -10), periodEnd: day(clock.now(), -20) }, 'period_reversed'],
      [{ status: 'attested', periodStart: '2019-01-01', periodEnd: day(clock.now(), -1) }, 'period_too_long'],
      [{ status: 'attested', periodStart: day(clock.now(), -300), periodEnd: day(clock.now(), -1), targetDate: day(clock.now(), 5) }, 'target_not_allowed'],
      [{ status: 'audit_window', periodStart: day(clock.now(), 10), periodEnd: day(clock.now(), 100), targetDate: '' }, 'period_not_started'],
      [{ status: 'expired', periodStart: day(clock.now(), -300), periodEnd: day(clock.now(), 10), targetDate: null }, 'period_not_ended'],
      [{ targetDate: day(clock.now(), -1) }, 'target_in_past'],
      [{ status: 'certified' }, 'invalid_status'],
      [{ targetDate: '2026-02-30' }, 'invalid_target_date'],
      [{ targetDate: 'next spring' }, 'invalid_target_date'],
      [{ framework: '   ' }, 'invalid_framework'],
      [{ framework: 'x'.repeat(121) }, 'invalid_framework'],
      [{ description: 'x'.repeat(2001) }, 'invalid_description'],
      [{ position: -1 }, 'invalid_position'],
      [{ position: '1.5' }, 'invalid_position'],
      [{ reportDocumentId: 'not-a-uuid' }, 'invalid_report_document_id'],
      [{ reportDocumentId: '00000000-0000-4000-8000-000000000000' }, 'invalid_report_document_id'],
      [{ reportDocumentId: archivedReport.id }, 'invalid_report_document_id'],
    ];
    for (const [input, code] of cases) {
      await expectRefusal(updateCertification({ db: t().db, clock, actor: alice }, cert.id, input), code, 400);
    }
    expect(await rowOf(cert.id)).toEqual(before);
    expect(await historyCount(cert.id)).toBe(1);
    await expectRefusal(createCertification({ db: t().db, clock, actor: alice }, { framework: 'No status' }), 'invalid_status', 400);
    await expectRefusal(
      createCertification({ db: t().db, clock, actor: alice }, { framework: 'Taken', status: 'not_started', slug: cert.slug }),
      'slug_taken',
      409,
    );
    await expectRefusal(
      updateCertification({ db: t().db, clock, actor: alice }, '00000000-0000-4000-8000-000000000000', { status: 'in_progress' }),
      'not_found',
      404,
    );
    await expectRefusal(updateCertification({ db: t().db, clock, actor: alice }, 'nope', { status: 'in_progress' }), 'not_found', 404);
  });

  it('a target date that has passed may stay while other fields change, but not be set anew', async () => {
    const cert = await createCertification({ db: t().db, clock, actor: alice }, { framework: 'HIPAA', status: 'in_progress', targetDate: day(clock.now(), 2) });
    const later = manualClock(new Date(clock.now().getTime() + 10 * DAY));
    const { changed } = await updateCertification({ db: t().db, clock: later, actor: alice }, cert.id, { description: 'Business associate agreements.' });
    expect(changed).toBe(true);
    await expectRefusal(updateCertification({ db: t().db, clock: later, actor: alice }, cert.id, { targetDate: day(later.now(), -1) }), 'target_in_past');
  });

  it('support staff, customers and the public are refused by the data functions, and nothing changes', async () => {
    const cert = await createCertification({ db: t().db, clock, actor: alice }, { framework: 'PCI DSS', status: 'not_started' });
    for (const actor of [bob, dan, ANONYMOUS]) {
      // Refused by the application's own check (the database would refuse too, in other words).
      await expect(updateCertification({ db: t().db, clock, actor }, cert.id, { status: 'in_progress' })).rejects.toThrow('Only trust admins');
      await expect(createCertification({ db: t().db, clock, actor }, { framework: 'Nope', status: 'not_started' })).rejects.toThrow('Only trust admins');
      await expectRefusal(listCertificationsForAdmin({ db: t().db, actor }), 'forbidden', 403);
      await expectRefusal(listCertificationHistory({ db: t().db, actor }), 'forbidden', 403);
      await expectRefusal(listReportOptions({ db: t().db, actor }), 'forbidden', 403);
      await expectRefusal(getCertificationForAdmin({ db: t().db, actor }, cert.id), 'forbidden', 403);
    }
    expect((await rowOf(cert.id)).status).toBe('not_started');
    expect(await historyCount(cert.id)).toBe(1);
  });

  it('the database itself refuses writes by anyone but an active trust admin, even past the application check', async () => {
    const cert = await createCertification({ db: t().db, clock, actor: alice }, { framework: 'CSA STAR', status: 'not_started' });
    for (const actor of [bob, dan]) {
      const updated = await withActor(t().db, actor, (tx) =>
        tx.update(certifications).set({ status: 'attested' }).where(eq(certifications.id, cert.id)).returning({ id: certifications.id }),
      );
      expect(updated, actor.kind).toHaveLength(0);
      const deleted = await withActor(t().db, actor, (tx) =>
        tx.delete(certifications).where(eq(certifications.id, cert.id)).returning({ id: certifications.id }),
      );
      expect(deleted).toHaveLength(0);
      const inserted = withActor(t().db, actor, (tx) => tx.insert(certifications).values({ slug: 'forged', framework: 'Forged', status: 'attested' }));
      expect(pgErrorCode(await inserted.catch((e: unknown) => e))).toBe('42501');
      const history = withActor(t().db, actor, (tx) =>
        tx.insert(certificationHistory).values({ certificationId: cert.id, changedByName: 'Forged', after: { status: 'attested' } }),
      );
      expect(pgErrorCode(await history.catch((e: unknown) => e))).toBe('42501');
    }
    // History is append-only, even for trust admins.
    const rewritten = withActor(t().db, alice, (tx) => tx.update(certificationHistory).set({ changedByName: 'Someone else' }));
    expect(pgErrorCode(await rewritten.catch((e: unknown) => e))).toBe('42501');
    expect((await rowOf(cert.id)).status).toBe('not_started');
    expect(await historyCount(cert.id)).toBe(1);
  });

  it('a trust admin suspended after signing in is refused by the database: 403, nothing changed', async () => {
    const carla = await createStaff(t().admin, 'trust_admin');
    const cert = await createCertification({ db: t().db, clock, actor: carla }, { framework: 'Suspension test', status: 'not_started' });
    await adminRows(t().admin, `UPDATE users SET status = 'suspended' WHERE id = $1 RETURNING id`, [carla.userId]);
    await expectRefusal(updateCertification({ db: t().db, clock, actor: carla }, cert.id, { status: 'in_progress' }), 'forbidden', 403);
    await expectRefusal(createCertification({ db: t().db, clock, actor: carla }, { framework: 'After suspension', status: 'not_started' }), 'forbidden', 403);
    expect((await rowOf(cert.id)).status).toBe('not_started');
    expect(await historyCount(cert.id)).toBe(1);
  });

  it('lists for the staff tools in page order, and the history across certifications newest first', async () => {
    const list = await listCertificationsForAdmin({ db: t().db, actor: alice });
    const positions = list.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const { changes, total } = await listCertificationHistory({ db: t().db, actor: alice }, { limit: 3 });
    expect(changes).toHaveLength(3);
    expect(total).toBeGreaterThan(3);
    const times = changes.map((c) => c.changedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await expectRefusal(getCertificationForAdmin({ db: t().db, actor: alice }, 'not-a-uuid'), 'not_found', 404);
  });
});
