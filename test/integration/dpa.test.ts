import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dpaExecutions, dpaVersions } from '@/drizzle/schema';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { canonicalSha256 } from '@/lib/core/canonical-json';
import { manualClock, systemClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { downloadDocument } from '@/lib/documents/download';
import { contentFromForm, dpaContentSchema } from '@/lib/dpa/content';
import { renderExecutedDpa } from '@/lib/dpa/document';
import { executeDpa, listAllExecutions, listTenantExecutions } from '@/lib/dpa/executions';
import { currentDpaVersion, publishDpaDraft, readDpaDraft, saveDpaDraft } from '@/lib/dpa/versions';
import { AppError } from '@/lib/core/errors';
import { DEMO_DPA } from '@/lib/seed/portal/dpa';
import { seedDemoData } from '@/lib/seed/seed';
import { changeInput } from '@/lib/subprocessors/fields';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { scheduleChange } from '@/lib/subprocessors/schedule';
import { describeEachDatabase } from '../helpers/databases';
import { countRows } from '../helpers/documents';
import { demoActor } from '../helpers/demo-actors';
import { createCustomer, createTenant } from '../helpers/factories';
import { pdfFonts, pdfInfo, pdfRawText, qpdfCheck } from '../helpers/pdf-tools';
import { ADD, TEST_LINK_KEYS } from '../helpers/subprocessors';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : `unexpected: ${String(e)}`),
  );

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('DPA content', () => {
  it('reads the staff form: lists one per line, module checkboxes, emptied clauses removed', () => {
    const parsed = dpaContentSchema.parse(
      contentFromForm({
        ...Object.fromEntries(Object.entries(DEMO_DPA).filter(([, v]) => typeof v === 'string')),
        dataCategories: 'Names\r\n\r\n  E-mail addresses \n',
        dataSubjects: 'Users',
        scc_three: 'on',
        scc_one: 'on',
        clause_0_heading: 'First',
        clause_0_body: 'Body one',
        clause_1_heading: ' ',
        clause_1_body: '',
        clause_2_heading: 'Third',
        clause_2_body: 'Body three',
      }),
    );
    expect(parsed.dataCategories).toEqual(['Names', 'E-mail addresses']);
    expect(parsed.sccModules).toEqual(['one', 'three']);
    expect(parsed.clauses).toEqual([
      { heading: 'First', body: 'Body one' },
      { heading: 'Third', body: 'Body three' },
    ]);
  });
});

describeEachDatabase('DPA', (t) => {
  let alice: StaffActor;
  let bob: StaffActor;
  let carol: CustomerActor;
  let dan: CustomerActor;
  let erin: CustomerActor;
  let acmeExecutionId: string;

  beforeAll(async () => {
    await seedDemoData(t().admin);
    alice = (await demoActor(t().admin, 'alice@vendor.example')) as StaffActor;
    bob = (await demoActor(t().admin, 'bob@vendor.example')) as StaffActor;
    carol = (await demoActor(t().admin, 'carol@acme.example')) as CustomerActor;
    dan = (await demoActor(t().admin, 'dan@acme.example')) as CustomerActor;
    erin = (await demoActor(t().admin, 'erin@globex.example')) as CustomerActor;
    [acmeExecutionId] = (await listTenantExecutions({ db: t().db, actor: carol })).map((e) => e.id);
  });

  it('serves the template at /documents/dpa.pdf: sound, searchable, with metadata, embedded fonts and every current sub-processor', async () => {
    const file = await downloadDocument(t().db, systemClock, 'dpa');
    if (file.kind !== 'file') throw new Error(`expected a file, got ${file.kind}`);
    await qpdfCheck(file.content);
    const text = oneLine(await pdfRawText(file.content));
    const current = await t().admin.transaction((q) =>
      q.query<{ name: string }>(
        `SELECT DISTINCT ON (c.subprocessor_id) c.name, c.kind FROM subprocessor_changes c
         WHERE c.announcement_id IS NOT NULL AND c.cancelled_at IS NULL AND c.effective_at <= now()
         ORDER BY c.subprocessor_id, c.effective_at DESC`,
      ),
    );
    expect(current.length).toBeGreaterThan(3);
    for (const { name } of current) expect(text).toContain(name);
    for (const part of ['Annex I: Details of the processing', 'Annex II: Technical and organisational measures', 'Annex III: Sub-processors', 'Module Two']) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/Page 1 of \d+/);
    const info = await pdfInfo(file.content);
    expect(info).toMatchObject({ Title: 'Data Processing Agreement', Author: 'Northwind Cloud', Subject: 'Data Processing Agreement version 1, template' });
    expect(info.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    const fonts = await pdfFonts(file.content);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('renders each state of the data once: the same bytes until something changes', async () => {
    const first = await downloadDocument(t().db, systemClock, 'dpa');
    const second = await downloadDocument(t().db, systemClock, 'dpa');
    if (first.kind !== 'file' || second.kind !== 'file') throw new Error('expected files');
    expect(second.content).toBe(first.content);
    expect(await downloadDocument(t().db, systemClock, 'dpa', { ifNoneMatch: `"${first.sha256}"` })).toEqual({ kind: 'not_modified', sha256: first.sha256 });
  });

  it('shows a sub-processor staff add in the next download, first as announced, then in the list once effective', async () => {
    const clock = manualClock(new Date());
    const name = `Zeta Mail ${randomBytes(3).toString('hex')}`;
    const effective = new Date(clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await scheduleChange({ db: t().db, clock, actor: alice }, changeInput.parse({ ...ADD, name, effectiveDate: effective }));
    await announceDrafts({ db: t().db, clock, actor: alice }, TEST_LINK_KEYS);

    const announced = await downloadDocument(t().db, clock, 'dpa');
    if (announced.kind !== 'file') throw new Error(announced.kind);
    const before = oneLine(await pdfRawText(announced.content));
    expect(before.slice(before.indexOf('Announced changes'))).toContain(name);

    clock.advance(25 * 86_400_000);
    const effectiveNow = await downloadDocument(t().db, clock, 'dpa');
    if (effectiveNow.kind !== 'file') throw new Error(effectiveNow.kind);
    const after = oneLine(await pdfRawText(effectiveNow.content));
    expect(after.slice(after.indexOf('Annex III'), after.indexOf('Announced changes'))).toContain(name);
    expect(after.slice(after.indexOf('Announced changes'))).not.toContain(name);
    await qpdfCheck(effectiveNow.content);
  });

  it('gives a customer their tenant’s executed copy, with the legal name and the date of execution', async () => {
    for (const user of [carol, dan]) {
      const executed = await renderExecutedDpa(t().db, systemClock, user);
      if (!executed) throw new Error('expected an executed DPA');
      await qpdfCheck(executed.pdf.bytes);
      const text = oneLine(await pdfRawText(executed.pdf.bytes));
      expect(text).toContain('Executed by Acme Corp on');
      expect(text).toContain('CONTROLLER (“THE CUSTOMER”) Acme Corp Represented by Carol Clark');
      const [row] = await t().admin.transaction((q) =>
        q.query<{ executed_at: Date }>('SELECT executed_at FROM dpa_executions WHERE id = $1', [acmeExecutionId]),
      );
      const at = new Date(row.executed_at);
      const day = `${at.getUTCDate()} ${'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
      expect(text).toContain(day);
      expect((await pdfInfo(executed.pdf.bytes)).Title).toBe('Data Processing Agreement: Acme Corp');
    }
  });

  it('never gives one tenant another’s executed DPA', async () => {
    const globexMember = await createCustomer(t().admin, { id: erin.tenantId, slug: erin.tenantSlug, legalName: erin.tenantName }, 'customer_member');
    expect(await renderExecutedDpa(t().db, systemClock, globexMember, acmeExecutionId)).toBeNull();
    expect(await renderExecutedDpa(t().db, systemClock, erin, acmeExecutionId)).toBeNull();
    // Globex has not executed it: nothing to hand out.
    expect(await renderExecutedDpa(t().db, systemClock, globexMember)).toBeNull();
    expect(await listTenantExecutions({ db: t().db, actor: globexMember })).toEqual([]);
    // Directly in SQL as the application role, with globex's context: no acme row.
    const rows = await withActor(t().db, globexMember, (tx) => tx.select().from(dpaExecutions));
    expect(rows.every((r) => r.tenantId === erin.tenantId)).toBe(true);
    expect(await outcome(renderExecutedDpa(t().db, systemClock, bob))).toBe('403 forbidden');
    expect(await renderExecutedDpa(t().db, systemClock, carol, 'not-a-uuid')).toBeNull();
  });

  it('lets only a customer admin execute, once per version, with bad input refused and nothing stored', async () => {
    const tenant = await createTenant(t().admin, `Initech ${randomBytes(2).toString('hex')} GmbH`);
    const admin = await createCustomer(t().admin, tenant, 'customer_admin');
    const member = await createCustomer(t().admin, tenant, 'customer_member');
    const signing = { signerName: 'Peter Gibbons', signerTitle: 'VP Engineering', authority: true };
    const executions = () => countRows(t().admin, 'dpa_executions', 'tenant_id = $1', [tenant.id]);

    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: member }, signing))).toBe('403 forbidden');
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: alice }, signing))).toBe('403 forbidden');
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: bob }, signing))).toBe('403 forbidden');
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: admin }, { ...signing, authority: false }))).toBe('400 invalid_authority');
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: admin }, { ...signing, signerName: '  ' }))).toBe('400 invalid_signer_name');
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: admin }, { ...signing, signerTitle: 'x'.repeat(201) }))).toBe(
      '400 invalid_signer_title',
    );
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: admin }, 'nonsense'))).toBe('400 invalid_request');
    expect(await executions()).toBe(0);

    const execution = await executeDpa({ db: t().db, clock: systemClock, actor: admin }, signing);
    expect(execution).toMatchObject({
      tenantId: tenant.id,
      customerLegalName: tenant.legalName,
      signerName: 'Peter Gibbons',
      signerEmail: admin.email,
      version: 1,
    });
    expect(await outcome(executeDpa({ db: t().db, clock: systemClock, actor: admin }, signing))).toBe('409 already_executed');
    expect(await executions()).toBe(1);
    const copy = await renderExecutedDpa(t().db, systemClock, member);
    expect(oneLine(await pdfRawText(copy!.pdf.bytes))).toContain(`Executed by ${tenant.legalName} on`);
    expect((await listAllExecutions(t().db, alice)).some((e) => e.id === execution.id)).toBe(true);
    expect(await outcome(listAllExecutions(t().db, bob))).toBe('403 forbidden');
  });

  it('refuses, in the database, an execution by a member, for another tenant or under another legal name', async () => {
    const version = (await currentDpaVersion(t().db))!;
    const attempt = (actor: CustomerActor, over: Record<string, unknown> = {}) =>
      withActor(t().db, actor, (tx) =>
        tx.insert(dpaExecutions).values({
          tenantId: actor.tenantId,
          dpaVersionId: version.id,
          customerLegalName: actor.tenantName,
          signerName: 'X',
          signerTitle: 'Y',
          signerEmail: actor.email,
          executedBy: actor.userId,
          ...over,
        }),
      ).then(
        () => 'inserted',
        (e: unknown) => pgErrorCode(e),
      );
    const tenant = await createTenant(t().admin);
    const admin = await createCustomer(t().admin, tenant, 'customer_admin');
    const member = await createCustomer(t().admin, tenant, 'customer_member');
    expect(await attempt(member)).toBe('42501');
    expect(await attempt(admin, { tenantId: carol.tenantId })).toBe('42501');
    expect(await attempt(admin, { customerLegalName: 'Someone Else Ltd' })).toBe('42501');
    expect(await attempt(admin, { executedBy: carol.userId })).toBe('42501');
    expect(
      await withActor(t().db, bob, (tx) => tx.insert(dpaVersions).values({ version: 99, content: {}, contentSha256: 'a'.repeat(64) })).then(
        () => 'inserted',
        (e: unknown) => pgErrorCode(e),
      ),
    ).toBe('42501');
  });

  it('publishes a draft as a new version with its content hash; executions keep the version they signed', async () => {
    expect(await outcome(saveDpaDraft({ db: t().db, clock: systemClock, actor: bob }, DEMO_DPA))).toBe('403 forbidden');
    expect(await outcome(saveDpaDraft({ db: t().db, clock: systemClock, actor: carol }, DEMO_DPA))).toBe('403 forbidden');
    expect(await outcome(publishDpaDraft({ db: t().db, clock: systemClock, actor: alice }, {}))).toBe('409 nothing_to_publish');

    // A draft may be incomplete; publishing it is refused, naming the field.
    const draft = await saveDpaDraft({ db: t().db, clock: systemClock, actor: alice }, { ...DEMO_DPA, governingLaw: '' });
    expect(draft.problem).toMatchObject({ field: 'governingLaw' });
    expect(await outcome(publishDpaDraft({ db: t().db, clock: systemClock, actor: alice }, {}))).toBe('400 invalid_governing_law');
    expect(await outcome(saveDpaDraft({ db: t().db, clock: systemClock, actor: alice }, { ...DEMO_DPA, title: 'x'.repeat(201) }))).toBe('400 invalid_title');

    const changed = { ...DEMO_DPA, title: 'Data Processing Addendum' };
    await saveDpaDraft({ db: t().db, clock: systemClock, actor: alice }, changed);
    expect(await outcome(publishDpaDraft({ db: t().db, clock: systemClock, actor: bob }, {}))).toBe('403 forbidden');
    const v2 = await publishDpaDraft({ db: t().db, clock: systemClock, actor: alice }, { changeNote: 'Renamed to addendum' });
    expect(v2).toMatchObject({ version: 2, changeNote: 'Renamed to addendum', contentSha256: canonicalSha256(dpaContentSchema.parse(changed)) });
    expect((await readDpaDraft({ db: t().db, actor: alice })).unpublished).toBe(false);
    expect(await outcome(publishDpaDraft({ db: t().db, clock: systemClock, actor: alice }, {}))).toBe('409 nothing_to_publish');

    const template = await downloadDocument(t().db, systemClock, 'dpa');
    if (template.kind !== 'file') throw new Error(template.kind);
    expect(oneLine(await pdfRawText(template.content))).toContain('Data Processing Addendum Version 2');
    // Acme signed version 1, and its copy still shows version 1.
    const acme = await renderExecutedDpa(t().db, systemClock, carol);
    const acmeText = oneLine(await pdfRawText(acme!.pdf.bytes));
    expect(acmeText).toContain('Data Processing Agreement Version 1');
    // Version 2 can now be executed by acme too.
    await executeDpa({ db: t().db, clock: systemClock, actor: carol }, { signerName: 'Carol Clark', signerTitle: 'Head of IT', authority: 'on' });
    expect((await listTenantExecutions({ db: t().db, actor: dan })).map((e) => e.version)).toEqual([2, 1]);
  });

  it('keeps the DPA a generated document: no file can be uploaded to it', async () => {
    const [doc] = await t().admin.transaction((q) => q.query<{ id: string }>(`SELECT id FROM documents WHERE generator = 'dpa'`));
    const refused = await withActor(t().db, alice, (tx) =>
      tx.execute(
        sql`INSERT INTO document_versions (document_id, version, filename, size, sha256, content) VALUES (${doc.id}, 1, 'x.pdf', 1, ${'a'.repeat(64)}, '\\x00')`,
      ),
    ).then(
      () => 'inserted',
      (e: unknown) => pgErrorCode(e),
    );
    expect(refused).toBe('42501');
  });
});
