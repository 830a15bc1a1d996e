import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ANONYMOUS, SYSTEM } from '@/lib/core/actor';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';

/** What the database itself allows each actor on the portal's tables, whatever the application does. */
describeEachDatabase('portal row-level security', (t) => {
  const rows = <T>(actor: Parameters<typeof withActor>[1], query: ReturnType<typeof sql>) =>
    withActor(t().db, actor, (tx) => queryRows<T>(tx, query), { readOnly: true });

  it('hides a sub-processor whose only change is an unannounced draft', async () => {
    await t().admin.transaction(async (q) => {
      const [draft] = await q.query<{ id: string }>(`INSERT INTO subprocessors (slug) VALUES ('secret-vendor') RETURNING id`);
      const [public_] = await q.query<{ id: string }>(`INSERT INTO subprocessors (slug) VALUES ('known-vendor') RETURNING id`);
      const [a] = await q.query<{ id: string }>(`INSERT INTO subprocessor_announcements DEFAULT VALUES RETURNING id`);
      const insert = `INSERT INTO subprocessor_changes (subprocessor_id, kind, name, purpose, data_categories, locations, transfer_mechanism, website, processes_customer_records, effective_at, announcement_id)
        VALUES ($1, 'add', $2, 'Hosting', '{logs}', '{DE}', 'EU', 'https://x.example', false, now(), $3)`;
      await q.query(insert, [draft.id, 'Secret Vendor', null]);
      await q.query(insert, [public_.id, 'Known Vendor', a.id]);
    });
    const seen = await rows<{ slug: string }>(ANONYMOUS, sql`SELECT slug FROM subprocessors`);
    expect(seen.map((r) => r.slug)).toEqual(['known-vendor']);
    const admin = await createStaff(t().admin, 'trust_admin');
    expect((await rows<{ slug: string }>(admin, sql`SELECT slug FROM subprocessors ORDER BY slug`)).map((r) => r.slug)).toEqual([
      'known-vendor',
      'secret-vendor',
    ]);
  });

  it('keeps the certification history (staff names) from the public and from support staff', async () => {
    await t().admin.transaction(async (q) => {
      const [c] = await q.query<{ id: string }>(`INSERT INTO certifications (slug, framework, status) VALUES ('soc2', 'SOC 2', 'in_progress') RETURNING id`);
      await q.query(`INSERT INTO certification_history (certification_id, changed_by_name, after) VALUES ($1, 'Alice Adams', '{}')`, [c.id]);
    });
    expect(await rows(ANONYMOUS, sql`SELECT * FROM certification_history`)).toHaveLength(0);
    expect(await rows(await createStaff(t().admin, 'support'), sql`SELECT * FROM certification_history`)).toHaveLength(0);
    expect(await rows(await createStaff(t().admin, 'trust_admin'), sql`SELECT * FROM certification_history`)).toHaveLength(1);
  });

  it('attaches documents only to a request that still waits for a decision', async () => {
    const { pending, approved, doc } = await t().admin.transaction(async (q) => {
      const [d] = await q.query<{ id: string }>(
        `INSERT INTO documents (slug, title, category, visibility) VALUES ('report', 'Report', 'Audit', 'nda') RETURNING id`,
      );
      const insert = `INSERT INTO access_requests (name, email, company, reason, status, decided_at) VALUES ('R', 'r@p.example', 'P', 'Review', $1, $2) RETURNING id`;
      const [p] = await q.query<{ id: string }>(insert, ['pending', null]);
      const [a] = await q.query<{ id: string }>(insert, ['approved', new Date().toISOString()]);
      return { pending: p.id, approved: a.id, doc: d.id };
    });
    const attach = (request: string) =>
      withActor(t().db, ANONYMOUS, (tx) => tx.execute(sql`INSERT INTO access_request_documents (access_request_id, document_id) VALUES (${request}, ${doc})`));
    await expect(attach(pending)).resolves.toBeDefined();
    const refused = await attach(approved).catch((e: unknown) => e);
    expect(pgErrorCode(refused)).toBe('42501');
  });

  it('lets the portal’s automatic work mark reminders on documents and change nothing else', async () => {
    await t().admin.transaction((q) => q.query(`INSERT INTO documents (slug, title, category, visibility) VALUES ('cert', 'Certificate', 'Legal', 'nda')`));
    await withActor(t().db, SYSTEM, (tx) => tx.execute(sql`UPDATE documents SET validity_reminded_at = now() WHERE slug = 'cert'`));
    const refused = await withActor(t().db, SYSTEM, (tx) => tx.execute(sql`UPDATE documents SET visibility = 'public' WHERE slug = 'cert'`)).catch(
      (e: unknown) => e,
    );
    expect(pgErrorCode(refused)).toBe('42501');
    const [doc] = await t().admin.transaction((q) => q.query<{ visibility: string }>(`SELECT visibility FROM documents WHERE slug = 'cert'`));
    expect(doc.visibility).toBe('nda');
  });

  it('tells the trust admins’ addresses to the portal’s automatic work only', async () => {
    const admin = await createStaff(t().admin, 'trust_admin');
    const emails = (actor: Parameters<typeof withActor>[1]) => rows<{ email: string }>(actor, sql`SELECT app_trust_admin_emails() AS email`);
    expect((await emails(SYSTEM)).map((r) => r.email)).toContain(admin.email);
    expect(await emails(ANONYMOUS)).toEqual([]);
    expect(await emails(await createStaff(t().admin, 'support'))).toEqual([]);
  });
});
