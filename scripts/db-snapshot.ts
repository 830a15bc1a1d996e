// `npm run db:snapshot`: regenerates drizzle/schema.sql from the migrations, on the PostgreSQL
// server of SNAPSHOT_DATABASE_URL, TEST_DATABASE_URL or DATABASE_ADMIN_URL (the first set), which
// must allow creating a scratch database.
import fs from 'node:fs';
import { SNAPSHOT_FILE, schemaSnapshot } from './schema-snapshot';

const url = process.env.SNAPSHOT_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_ADMIN_URL;
if (!url) {
  console.error('db:snapshot needs a PostgreSQL server: set SNAPSHOT_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
const text = await schemaSnapshot(url);
const before = fs.existsSync(SNAPSHOT_FILE) ? fs.readFileSync(SNAPSHOT_FILE, 'utf8') : '';
fs.writeFileSync(SNAPSHOT_FILE, text);
console.log(before === text ? 'drizzle/schema.sql is up to date.' : 'drizzle/schema.sql written.');
