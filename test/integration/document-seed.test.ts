import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ndaSha256 } from '@/lib/access/nda';
import { listPortalDocuments } from '@/lib/documents/list';
import { validityOf } from '@/lib/documents/validity';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';

describeEachDatabase('demo documents', (t) => {
  it('seeds real PDFs, the NDA and example rules once', async () => {
    await seedDemoData(t().admin);
    await seedDemoData(t().admin);
    const rows = await t().admin.transaction((q) =>
      q.query<{ slug: string; visibility: string; valid_until: string | null; sha256: string; size: number; content: Uint8Array }>(
        `SELECT d.slug, d.visibility, d.valid_until::text AS valid_until, v.sha256, v.size, v.content
         FROM documents d JOIN document_versions v ON v.document_id = d.id ORDER BY d.slug`,
      ),
    );
    expect(rows.map((r) => [r.slug, r.visibility])).toEqual([
      ['business-continuity-plan', 'restricted'],
      ['insurance-certificate', 'public'],
      ['iso27001-certificate', 'public'],
      ['pen-test-summary-2026', 'nda'],
      ['security-whitepaper', 'public'],
      ['soc2-type2-report', 'nda'],
    ]);
    for (const row of rows) {
      const content = Buffer.from(row.content);
      expect(createHash('sha256').update(content).digest('hex')).toBe(row.sha256);
      expect(content.length).toBe(row.size);
      const file = path.join(os.tmpdir(), `seed-${randomBytes(4).toString('hex')}.pdf`);
      fs.writeFileSync(file, content);
      try {
        // qpdf exits non-zero on any structural error (xref, stream lengths, trailer).
        execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
        expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Northwind Cloud');
      } finally {
        fs.rmSync(file);
      }
    }
    const now = new Date();
    const byslug = Object.fromEntries(rows.map((r) => [r.slug, validityOf(r.valid_until, now)]));
    expect(byslug['insurance-certificate']).toMatchObject({ state: 'expires_soon', daysLeft: 20 });
    expect(byslug['soc2-type2-report']).toMatchObject({ state: 'valid' });
    expect(byslug['soc2-type2-report'].daysLeft).toBeGreaterThan(300);

    const [nda] = await t().admin.transaction((q) =>
      q.query<{ version: number; body: string; sha256: string }>('SELECT version, body, sha256 FROM nda_versions'),
    );
    expect(nda.version).toBe(1);
    expect(nda.sha256).toBe(ndaSha256(nda.body));
    const rules = await t().admin.transaction((q) => q.query<{ domain: string }>('SELECT domain FROM access_domain_rules ORDER BY domain'));
    expect(rules.map((r) => r.domain)).toEqual(['initech.example', 'umbrella.example']);

    const listed = await listPortalDocuments(t().db);
    expect(
      listed
        .filter((d) => d.file)
        .map((d) => d.slug)
        .sort(),
    ).toEqual(['insurance-certificate', 'iso27001-certificate', 'security-whitepaper']);
  });
});
