import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import * as schema from '@/drizzle/schema';
import { describeEachDatabase } from '../helpers/databases';

const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable);

describeEachDatabase('drizzle schema', (t) => {
  it('declares exactly the columns, types and nullability the migrations create', async () => {
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const config = getTableConfig(table);
      const actual = await t().admin.transaction((q) =>
        q.query<{ column_name: string; data_type: string; is_nullable: string }>(
          `SELECT column_name,
                  CASE WHEN data_type = 'ARRAY' THEN substr(udt_name, 2) || '[]' ELSE data_type END AS data_type,
                  is_nullable FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
          [config.name],
        ),
      );
      const declared = config.columns
        .map((c) => ({ column_name: c.name, data_type: c.getSQLType(), is_nullable: c.notNull ? 'NO' : 'YES' }))
        .sort((a, b) => a.column_name.localeCompare(b.column_name));
      expect(actual, config.name).toEqual(declared);
    }
  });
});
