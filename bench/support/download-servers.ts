// The two servers the download benchmark compares, in a process of their own so that the load
// generator does not share their event loop: a bare Node http server answering the DPA's bytes,
// and the app's fast path for cached public files (what scripts/serve.mjs runs before Next.js),
// warmed through the real download path on a seeded embedded database.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { systemClock } from '@/lib/core/clock';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { downloadDocument } from '@/lib/documents/download';
import { servePublicFile, startPublicFiles } from '@/lib/portal/public-files';
import { seedDemoData } from '@/lib/seed/seed';

const pg = new PGlite();
const opened = embedded(pg);
await migrate(opened.admin());
await seedDemoData(opened.admin());
const db = opened.database;
const file = await downloadDocument(db, systemClock, 'dpa', { cache: true });
if (file.kind !== 'file') throw new Error(`the DPA did not download: ${file.kind}`);
startPublicFiles(async () => db);

const bytes = file.content;
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': bytes.length });
  res.end(bytes);
});
const app = http.createServer((req, res) => {
  if (!servePublicFile(req, res)) res.writeHead(404).end();
});
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
process.send!({ bare: await listen(bare), app: await listen(app), bytes: bytes.length });
