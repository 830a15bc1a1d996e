import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { systemClock } from '@/lib/core/clock';
import { downloadDocument } from '@/lib/documents/download';
import {
  PUBLIC_FILE_TTL_MS,
  cachedPublicFile,
  flushPublicDownloads,
  forgetPublicFiles,
  rememberPublicFile,
  servePublicFile,
} from '@/lib/portal/public-files';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';
import { countRows } from '../helpers/documents';

describeEachDatabase('cached public files', (t) => {
  let server: http.Server;
  let base: string;
  let whitepaper: { id: string };

  beforeAll(async () => {
    await seedDemoData(t().admin);
    [whitepaper] = await t().admin.transaction((q) => q.query<{ id: string }>(`SELECT id FROM documents WHERE slug = 'security-whitepaper'`));
    server = http.createServer((req, res) => {
      if (!servePublicFile(req, res)) res.writeHead(404, { 'X-Fallback': 'next' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => forgetPublicFiles());
  // The counts are the process's: written to this database before the next suite opens its own.
  afterEach(() => flushPublicDownloads(t().db));

  const downloads = () => countRows(t().admin, 'document_downloads', 'document_id = $1', [whitepaper.id]);

  it('serves a public file from memory once read, with its ETag, headers and 304, and counts each download in the next batch', async () => {
    expect((await fetch(`${base}/documents/security-whitepaper.pdf`)).headers.get('x-fallback')).toBe('next');
    const first = await downloadDocument(t().db, systemClock, 'security-whitepaper', { cache: true });
    if (first.kind !== 'file') throw new Error(first.kind);
    const before = await downloads();

    const res = await fetch(`${base}/documents/security-whitepaper.pdf?utm=1`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(first.content)).toBe(true);
    expect(res.headers.get('etag')).toBe(`"${first.sha256}"`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-disposition')).toContain('.pdf"');

    const again = await fetch(`${base}/documents/security-whitepaper.pdf`, { headers: { 'If-None-Match': `W/"x", "${first.sha256}"` } });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/documents/security-whitepaper.pdf`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(first.content.length));
    expect((await fetch(`${base}/documents/security-whitepaper.pdf`, { method: 'POST' })).headers.get('x-fallback')).toBe('next');
    expect((await fetch(`${base}/documents/unknown.pdf`)).headers.get('x-fallback')).toBe('next');
    expect((await fetch(`${base}/documents/../etc/passwd`)).headers.get('x-fallback')).toBe('next');

    // The route's own download and the fast path's GET are counted; the 304 and the HEAD are not.
    expect(await downloads()).toBe(before);
    expect(await flushPublicDownloads(t().db)).toBe(2);
    expect(await downloads()).toBe(before + 2);
  });

  it('never serves gated documents from memory, and forgets everything on a portal change or after its time', async () => {
    expect(await downloadDocument(t().db, systemClock, 'soc2-type2-report', { cache: true })).toMatchObject({ kind: 'forbidden' });
    expect(cachedPublicFile('soc2-type2-report')).toBeNull();

    await downloadDocument(t().db, systemClock, 'dpa', { cache: true });
    expect(cachedPublicFile('dpa')).not.toBeNull();
    forgetPublicFiles();
    expect(cachedPublicFile('dpa')).toBeNull();

    const file = { documentId: whitepaper.id, versionId: null, filename: 'x.pdf', sha256: 'a'.repeat(64), content: Buffer.from('%PDF-') };
    rememberPublicFile('old', file, Date.now() - PUBLIC_FILE_TTL_MS);
    expect(cachedPublicFile('old')).toBeNull();
    expect((await fetch(`${base}/documents/old.pdf`)).headers.get('x-fallback')).toBe('next');
  });
});
