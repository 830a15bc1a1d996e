import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpaVersions } from '@/drizzle/schema';
import { ANONYMOUS, type CustomerActor } from '@/lib/core/actor';
import { canonicalSha256 } from '@/lib/core/canonical-json';
import { systemClock } from '@/lib/core/clock';
import { MIGRATIONS_DIR, migrate, readMigrations } from '@/lib/db/migrate';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { downloadDocument } from '@/lib/documents/download';
import { renderExecutedDpa } from '@/lib/dpa/document';
import { currentDpaVersion, publishDpaDraft, saveDpaDraft } from '@/lib/dpa/versions';
import { DEMO_DPA } from '@/lib/seed/portal/dpa';
import { seedDemoData } from '@/lib/seed/seed';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/databases';
import { demoActor } from '../helpers/demo-actors';
import { createCustomer, createTenant } from '../helpers/factories';
import { pdfRawText, qpdfCheck } from '../helpers/pdf-tools';

const MIGRATION = '0017_dpa_content_object.sql';

/** The migrations before this one, in a folder of their own. */
function migrationsBefore(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  for (const m of readMigrations().filter((m) => m.name < name)) fs.copyFileSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name));
  return dir;
}

// Content with characters a second encoding escapes again: quotes, backslashes, newlines, non-ASCII.
const SECOND = {
  ...DEMO_DPA,
  title: 'Data Processing Agreement — “v2”',
  preamble: 'Between Müller & Søn and the processor.\nA backslash \\ stays one backslash; a tab\tstays a tab.',
};

const typesOf = (t: TestDatabase) =>
  t.admin.transaction((q) => q.query<{ version: number; type: string }>('SELECT version, jsonb_typeof(content) AS type FROM dpa_versions ORDER BY version'));

describe.each(BACKENDS)(`${MIGRATION} [%s]`, (backend) => {
  let t: TestDatabase & { dispose(): Promise<void> };
  let globex: CustomerActor;
  let globexExecution: string;

  beforeAll(async () => {
    const dir = migrationsBefore(MIGRATION);
    t = await createTestDatabase(backend, dir);
    fs.rmSync(dir, { recursive: true });
    await seedDemoData(t.admin);
    const tenant = await createTenant(t.admin, 'Globex Migrations Ltd');
    globex = await createCustomer(t.admin, tenant);
    await t.admin.transaction(async (q) => {
      // What the seed used to store on PostgreSQL: the content's JSON text as one JSON string.
      await q.query('UPDATE dpa_versions SET content = to_jsonb(content::text) WHERE version = 1');
      await q.query(`INSERT INTO dpa_versions (version, content, content_sha256, change_note) VALUES (2, to_jsonb($1::text), $2, 'Second')`, [
        JSON.stringify(SECOND),
        canonicalSha256(SECOND),
      ]);
      // A version already stored as an object stays as it is.
      const third = { ...DEMO_DPA, title: 'Third' };
      await q.query(`INSERT INTO dpa_versions (version, content, content_sha256, change_note) VALUES (3, $1::text::jsonb, $2, 'Third')`, [
        JSON.stringify(third),
        canonicalSha256(third),
      ]);
      const [row] = await q.query<{ id: string }>(
        `INSERT INTO dpa_executions (tenant_id, dpa_version_id, customer_legal_name, signer_name, signer_title, signer_email)
         SELECT $1, id, 'Globex Migrations Ltd', 'Test Customer', 'CTO', $2 FROM dpa_versions WHERE version = 2 RETURNING id`,
        [tenant.id, globex.email],
      );
      globexExecution = row.id;
    });
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('turns double-encoded versions into objects whose recorded SHA-256 verifies, and the DPAs still render', async () => {
    expect(await typesOf(t)).toEqual([
      { version: 1, type: 'string' },
      { version: 2, type: 'string' },
      { version: 3, type: 'object' },
    ]);

    expect(await migrate(t.admin)).toEqual([
      MIGRATION,
      ...readMigrations()
        .filter((m) => m.name > MIGRATION)
        .map((m) => m.name),
    ]);

    expect((await typesOf(t)).map((r) => r.type)).toEqual(['object', 'object', 'object']);
    // Every version as the app reads it: its content hashes to the SHA-256 recorded at publication.
    const versions = await withActor(t.db, ANONYMOUS, (tx) => tx.select().from(dpaVersions).orderBy(dpaVersions.version));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    for (const v of versions) expect(canonicalSha256(v.content), `version ${v.version}`).toBe(v.contentSha256);
    expect(versions[0].content).toEqual(DEMO_DPA);
    expect(versions[1].content).toEqual(SECOND);

    // The template (version 3) and the executed copies of versions 1 and 2 render, each naming its recorded hash.
    const template = await downloadDocument(t.db, systemClock, 'dpa');
    if (template.kind !== 'file') throw new Error(`expected the DPA, got ${template.kind}`);
    await qpdfCheck(template.content);
    expect(await pdfRawText(template.content)).toContain(versions[2].contentSha256);
    const carol = await demoActor(t.admin, 'carol@acme.example');
    for (const [actor, id, version] of [
      [carol, undefined, versions[0]],
      [globex, globexExecution, versions[1]],
    ] as const) {
      const executed = await renderExecutedDpa(t.db, systemClock, actor, id);
      if (!executed) throw new Error(`no executed DPA of version ${version.version}`);
      await qpdfCheck(executed.pdf.bytes);
      const text = (await pdfRawText(executed.pdf.bytes)).replace(/\s+/g, ' ');
      expect(text).toContain(version.contentSha256);
      expect(text).toContain((version.content as { title: string }).title);
    }
  });

  it('after it, a published version is an object, and a string in its place is refused by the database and by the app', async () => {
    const alice = await demoActor(t.admin, 'alice@vendor.example');
    await saveDpaDraft({ db: t.db, clock: systemClock, actor: alice }, { ...DEMO_DPA, title: 'Fourth' });
    const published = await publishDpaDraft({ db: t.db, clock: systemClock, actor: alice }, { changeNote: 'Fourth' });
    expect((await typesOf(t)).find((r) => r.version === published.version)?.type).toBe('object');
    expect(canonicalSha256(published.content)).toBe(published.contentSha256);

    // The database refuses a string from anyone, and the app would not decode one twice.
    const stored = await t.admin
      .transaction((q) =>
        q.query(`INSERT INTO dpa_versions (version, content, content_sha256) VALUES (99, to_jsonb($1::text), $2)`, [
          JSON.stringify(DEMO_DPA),
          canonicalSha256(DEMO_DPA),
        ]),
      )
      .then(
        () => 'stored',
        (error: unknown) => pgErrorCode(error),
      );
    expect(stored).toBe('23514');
    expect(() => dpaVersions.content.mapFromDriverValue(JSON.stringify(DEMO_DPA))).toThrow(/not a JSON object/);
    expect(dpaVersions.content.mapFromDriverValue(DEMO_DPA)).toEqual(DEMO_DPA);
  });
});

describe.each(BACKENDS)('the demo DPA seed [%s]', (backend) => {
  let t: TestDatabase & { dispose(): Promise<void> };
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await seedDemoData(t.admin);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores the first version as a JSON object whose recorded SHA-256 verifies', async () => {
    expect(await typesOf(t)).toEqual([{ version: 1, type: 'object' }]);
    const current = await currentDpaVersion(t.db);
    expect(canonicalSha256(current!.content)).toBe(current!.contentSha256);
  });
});
