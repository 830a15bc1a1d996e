import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { systemClock } from '@/lib/core/clock';
import { downloadDocument } from '@/lib/documents/download';
import { PUBLIC_FILE_TTL_MS, cachedPublicFile, flushPublicDownloads, forgetPublicFiles, rememberPublicFile } from '@/lib/portal/public-files';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';
import { countRows } from '../helpers/documents';

describeEachDatabase('cached public files', (t) => {
  let whitepaper: { id: string };

  beforeAll(async () => {
    await seedDemoData(t().admin);
    [whitepaper] = await t().admin.transaction((q) => q.query<{ id: string }>(`SELECT id FROM documents WHERE slug = 'security-whitepaper'`));
  });
  beforeEach(() => forgetPublicFiles());
  // The counts are the process's: written to this database before the next suite opens its own.
  afterEach(() => flushPublicDownloads(t().db));

  const downloads = () => countRows(t().admin, 'document_downloads', 'document_id = $1', [whitepaper.id]);

  it('serves a public file from memory once read, with its 304, and counts each download in the next batch', async () => {
    const first = await downloadDocument(t().db, systemClock, 'security-whitepaper', { cache: true });
    if (first.kind !== 'file') throw new Error(first.kind);
    expect(cachedPublicFile('security-whitepaper')?.sha256).toBe(first.sha256);
    const before = await downloads();

    const again = await downloadDocument(t().db, systemClock, 'security-whitepaper', { cache: true });
    expect(again).toMatchObject({ kind: 'file', sha256: first.sha256 });
    if (again.kind === 'file') expect(again.content.equals(first.content)).toBe(true);
    const unchanged = await downloadDocument(t().db, systemClock, 'security-whitepaper', { cache: true, ifNoneMatch: `W/"x", "${first.sha256}"` });
    expect(unchanged).toMatchObject({ kind: 'not_modified' });

    // Both downloads are counted in the next batch; the 304 is not.
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
  });
});
