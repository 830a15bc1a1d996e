import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseDump, SNAPSHOT_FILE, schemaSnapshot } from '@/scripts/schema-snapshot';

// drizzle/schema.sql is the readable definition of every table, function, trigger, policy and
// grant. It needs pg_dump, so it is checked on PostgreSQL only (CI sets TEST_DATABASE_URL).
describe.skipIf(!process.env.TEST_DATABASE_URL)('drizzle/schema.sql [postgres]', () => {
  it('is what the migrations produce (regenerate it with `npm run db:snapshot`)', async () => {
    const expected = await schemaSnapshot(process.env.TEST_DATABASE_URL!);
    expect(fs.readFileSync(SNAPSHOT_FILE, 'utf8'), 'drizzle/schema.sql is out of date: run `npm run db:snapshot` and commit it').toBe(expected);
  }, 120_000);
});

describe('schema snapshot normalisation', () => {
  it('drops version comments, session settings and restrict keys, keeps the definitions', () => {
    const dump = [
      '--',
      '-- PostgreSQL database dump',
      '--',
      '',
      '\\restrict AbC123',
      '',
      '-- Dumped from database version 15.20',
      '-- Dumped by pg_dump version 15.20',
      '',
      'SET statement_timeout = 0;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      '',
      '',
      '',
      'CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
      '',
      '--',
      '-- PostgreSQL database dump complete',
      '--',
      '',
      '\\unrestrict AbC123',
      '',
    ].join('\n');
    const text = normaliseDump(dump);
    expect(text).toContain('CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n');
    expect(text).not.toMatch(/Dumped|restrict|SET statement_timeout|set_config|\n\n\n/);
    expect(text.endsWith('$$;\n')).toBe(true);
    expect(normaliseDump(dump.replace('AbC123', 'XyZ789').replaceAll('15.20', '15.21'))).toBe(text);
  });
});
