import { expect, it } from 'vitest';
import type { CertificationStatus } from '@/drizzle/schema';
import { checkCertificationDates } from '@/lib/portal/certification-rules';
import { listPublicCertifications } from '@/lib/portal/certifications';
import { listSecurityBlocks } from '@/lib/portal/security-blocks';
import { readPublicSettings } from '@/lib/portal/settings';
import { listPublishedUpdates } from '@/lib/portal/updates';
import { systemClock } from '@/lib/core/clock';
import { seedPortalContent } from '@/lib/seed/portal/content';
import { describeEachDatabase } from '../helpers/databases';
import { adminRows, createDocument } from '../helpers/portal';

describeEachDatabase('portal content: demo data', (t) => {
  const seed = () => t().admin.transaction((q) => seedPortalContent(q));

  it('seeds settings, six blocks, certifications linked to their reports by slug, and news; only once', async () => {
    const soc2Report = await createDocument(t().admin, { slug: 'soc2-type2-report', visibility: 'nda', title: 'SOC 2 Type 2 report' });
    const isoCertificate = await createDocument(t().admin, { slug: 'iso27001-certificate', visibility: 'public', title: 'ISO/IEC 27001 certificate' });
    await seed();
    await seed();

    const settings = await readPublicSettings(t().db);
    expect(settings.vendorName).toBe('Northwind Cloud');
    expect(settings.disclosurePolicy).toContain('## How to report');
    expect(new Date(settings.securityTxtExpiresAt).getTime()).toBeGreaterThan(Date.now());

    expect((await listSecurityBlocks(t().db)).map((b) => b.slug)).toEqual([
      'encryption',
      'access-control',
      'tenant-isolation',
      'monitoring',
      'vulnerability-management',
      'business-continuity',
    ]);
    expect(await listPublishedUpdates(t().db, systemClock)).toHaveLength(3);

    const certs = await listPublicCertifications(t().db);
    expect(certs.map((c) => [c.framework, c.status])).toEqual([
      ['SOC 2 Type 2', 'audit_window'],
      ['ISO/IEC 27001:2022', 'attested'],
      ['ISO/IEC 27701', 'in_progress'],
      ['CSA STAR Level 1', 'attested'],
      ['HIPAA', 'not_started'],
      ['Cyber Essentials Plus', 'expired'],
    ]);
    expect(certs[0].report).toEqual({ title: soc2Report.title, href: '/documents#soc2-type2-report', gated: true });
    expect(certs[1].report).toEqual({ title: isoCertificate.title, href: '/documents/iso27001-certificate.pdf', gated: false });
    expect(certs.slice(2).every((c) => c.report === null)).toBe(true);
    // Each seeded certification is one the staff tools would accept, and has its first history row.
    const today = new Date().toISOString().slice(0, 10);
    for (const c of certs) {
      expect(() => checkCertificationDates({ ...c, status: c.status as CertificationStatus }, today), c.framework).not.toThrow();
    }
    const [history] = await adminRows<{ n: number; titled: number }>(
      t().admin,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE after->>'reportDocumentTitle' IS NOT NULL)::int AS titled FROM certification_history`,
    );
    expect(history).toEqual({ n: 6, titled: 2 });
  });

  it('leaves the report empty when the documents are not there', async () => {
    await adminRows(t().admin, 'DELETE FROM certifications RETURNING id');
    await adminRows(t().admin, `DELETE FROM documents RETURNING id`);
    await seed();
    const certs = await listPublicCertifications(t().db);
    expect(certs).toHaveLength(6);
    expect(certs.every((c) => c.report === null)).toBe(true);
  });
});
