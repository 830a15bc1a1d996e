import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, readMigrations } from '@/lib/db/migrate';
import { createPostgresAdmin } from '@/lib/db/postgres';
import { describeEachDatabase } from '../helpers/databases';

describeEachDatabase('migrations', (t) => {
  it('records every migration once, and applying again changes nothing', async () => {
    expect(await migrate(t().admin)).toEqual([]);
    const rows = await t().admin.transaction((q) => q.query<{ name: string }>('SELECT name FROM trust_schema_migrations ORDER BY name'));
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    for (const m of readMigrations()) fs.copyFileSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name));
    fs.appendFileSync(path.join(dir, '0002_core_tables.sql'), '\n-- edited\n');
    await expect(migrate(t().admin, dir)).rejects.toThrow(/0002_core_tables\.sql was changed after it was applied/);
    fs.rmSync(dir, { recursive: true });
  });

  it('starts connected as trust_app alone once nothing is pending, and says what to do when something is', async (ctx) => {
    if (t().backend !== 'postgres') ctx.skip(); // PGlite has a single user: nothing to log in as
    const asApp = createPostgresAdmin(t().appUrl!);
    try {
      expect(await migrate(asApp)).toEqual([]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
      for (const m of readMigrations()) fs.copyFileSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name));
      fs.writeFileSync(path.join(dir, '9999_pending.sql'), 'CREATE TABLE pending_example (id int);\n');
      await expect(migrate(asApp, dir)).rejects.toThrow(/Set DATABASE_ADMIN_URL/);
      fs.rmSync(dir, { recursive: true });
    } finally {
      await asApp.close();
    }
  });
});
