import 'server-only';
import type { AdminQuery } from '@/lib/db/types';
import { type CertificationFacts, certificationFacts } from '@/lib/portal/certification-rules';

const DAY = 86_400_000;

/** A calendar day relative to today (UTC), as YYYY-MM-DD. */
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const DISCLOSURE_POLICY = `Northwind Cloud welcomes reports from security researchers. If you believe you have found a vulnerability in our platform, our APIs or this trust center, tell us and give us a fair chance to fix it before you share it with anyone else.

## How to report
Write to the contact in our security.txt. Describe the issue, the steps to reproduce it and the impact you expect. Proof-of-concept code, screenshots and request samples help. Encrypt sensitive details if you can; we answer in English or German.

## What we promise
- We confirm receipt within two business days.
- We give you a first assessment within ten business days and keep you informed until the issue is fixed.
- We do not take legal action against research done in good faith within this policy.
- With your permission, we credit you once the fix is released.

## In scope
- app.northwind.example and api.northwind.example
- This trust center
- Our published SDKs and command-line tools

## Out of scope
- Denial-of-service tests, spam and social engineering of our staff or customers
- Physical attacks on our offices or data centres
- Findings from automated scanners without a demonstrated impact
- Missing security headers on pages that hold no sensitive data

## Rules of engagement
- Use only accounts you own or that you created for testing. Never access, change or delete another customer's data; if you reach it by accident, stop and tell us.
- Do not degrade the service for others.
- Give us 90 days to fix an issue before you disclose it, unless we agree on another date together.`;

const SECURITY_BLOCKS: { slug: string; title: string; body: string }[] = [
  {
    slug: 'encryption',
    title: 'Encryption at rest and in transit',
    body: `Every customer record is encrypted at rest with AES-256, with keys held in a managed key service and rotated every year. Database backups and file storage are encrypted with the same keys and never leave the region the customer chose.

- TLS 1.2 or 1.3 for every connection from browsers and API clients; older protocols are refused.
- HSTS on every public host, with a preload entry for our domains.
- Service-to-service traffic inside our network uses mutual TLS.`,
  },
  {
    slug: 'access-control',
    title: 'Access control',
    body: `Our staff sign in through single sign-on with phishing-resistant multi-factor authentication. Access is granted by role, reviewed every quarter, and removed the day someone leaves.

No engineer can read a customer's data by default. Support access needs a request the customer's own administrator approves, for a limited time, and the customer can end it at any moment. Emergency access is limited to two named people and is reported to the customer at once.`,
  },
  {
    slug: 'tenant-isolation',
    title: 'Tenant isolation',
    body: `Each customer's records are separated by row-level security policies in PostgreSQL itself. The application connects with a role that cannot bypass those policies, so a mistake in application code cannot return one tenant's data to another.

- Every request sets the tenant in the database transaction; a missing tenant returns no rows, never all rows.
- Automated tests check the isolation of every tenant table on every change.`,
  },
  {
    slug: 'monitoring',
    title: 'Monitoring and logging',
    body: `Production systems send their logs to a central store kept for a year and protected against change. Alerts on authentication failures, privilege changes and unusual data access reach the on-call engineer around the clock.

Every privileged action on a customer's tenant is written to a hash-chained, signed governance log that the customer can export and verify independently.`,
  },
  {
    slug: 'vulnerability-management',
    title: 'Vulnerability management',
    body: `Dependencies and container images are scanned on every build, and critical findings block a release. Infrastructure is patched on a fixed monthly cycle, and within 72 hours for critical vulnerabilities that are exploited in the wild.

- An independent firm runs a penetration test of the platform every year; the summary is available under NDA.
- Researchers can report issues through our vulnerability disclosure policy.`,
  },
  {
    slug: 'business-continuity',
    title: 'Backups and business continuity',
    body: `Databases are backed up continuously with point-in-time recovery for 35 days, and a copy is kept in a second data centre of the same region. We restore from backup in a test every quarter.

Our recovery objectives are a recovery point of 15 minutes and a recovery time of 4 hours; the incident response plan is exercised twice a year.`,
  },
];

const NEWS: { title: string; body: string; daysAgo: number }[] = [
  {
    title: 'SOC 2 Type 2 observation period under way',
    body: `Our auditors have begun this year's SOC 2 Type 2 observation period, covering security, availability and confidentiality. Last year's report stays available under NDA on the documents page until the new one is issued.`,
    daysAgo: 6,
  },
  {
    title: 'ISO/IEC 27001:2022 certificate renewed',
    body: `Our information security management system has been recertified against ISO/IEC 27001:2022 with no major nonconformities. The certificate can be downloaded from the documents page.`,
    daysAgo: 34,
  },
  {
    title: 'New data region in Frankfurt',
    body: `Customers can now keep their data in our Frankfurt region. Storage, backups and processing stay in the European Union; the sub-processor list shows which providers serve the region.`,
    daysAgo: 78,
  },
];

/** Settings, security overview, certifications and news; each part only when it is empty. */
export async function seedPortalContent(q: AdminQuery) {
  await q.query(
    `INSERT INTO portal_settings (vendor_name, tagline, overview, status_page_url, security_contact, security_txt_expires_at, preferred_languages, disclosure_policy)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [
      'Northwind Cloud',
      'Security, privacy and compliance at Northwind Cloud',
      'Northwind Cloud runs a multi-tenant analytics platform for finance teams. This page shows where we stand on security and compliance today, who processes data on our behalf, and the documents your review needs.',
      'https://status.northwind.example',
      'mailto:security@northwind.example',
      new Date(Date.now() + 180 * DAY).toISOString(),
      'en, de',
      DISCLOSURE_POLICY,
    ],
  );
  await seedSecurityBlocks(q);
  await seedCertifications(q);
  await seedNews(q);
}

async function isEmpty(q: AdminQuery, table: 'security_blocks' | 'certifications' | 'portal_updates') {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n === 0;
}

async function seedSecurityBlocks(q: AdminQuery) {
  if (!(await isEmpty(q, 'security_blocks'))) return;
  for (const [position, b] of SECURITY_BLOCKS.entries()) {
    await q.query('INSERT INTO security_blocks (slug, title, body, position) VALUES ($1, $2, $3, $4)', [b.slug, b.title, b.body, position]);
  }
}

async function seedCertifications(q: AdminQuery) {
  if (!(await isEmpty(q, 'certifications'))) return;
  // Reports are seeded with the documents, when there are any: link them by slug, else none.
  const reports = new Map(
    (
      await q.query<{ id: string; slug: string; title: string }>(
        `SELECT id, slug, title FROM documents WHERE slug IN ('soc2-type2-report', 'iso27001-certificate') AND archived_at IS NULL`,
      )
    ).map((d) => [d.slug, d]),
  );
  const windowStart = dayFromNow(-120);
  const isoStart = dayFromNow(-400);
  const starStart = dayFromNow(-75);
  const certs: (CertificationFacts & { slug: string; report: { id: string; title: string } | undefined })[] = [
    {
      slug: 'soc-2-type-2',
      framework: 'SOC 2 Type 2',
      description:
        'Security, availability and confidentiality trust services criteria, examined by an independent CPA firm. Last year’s report is available under NDA while this year’s observation period runs.',
      status: 'audit_window',
      periodStart: windowStart,
      periodEnd: addDays(windowStart, 364),
      targetDate: addDays(windowStart, 420),
      report: reports.get('soc2-type2-report'),
    },
    {
      slug: 'iso-iec-27001',
      framework: 'ISO/IEC 27001:2022',
      description: 'Certified information security management system covering the platform, its operations and our offices.',
      status: 'attested',
      periodStart: isoStart,
      periodEnd: addDays(isoStart, 3 * 365 - 1),
      targetDate: null,
      report: reports.get('iso27001-certificate'),
    },
    {
      slug: 'iso-iec-27701',
      framework: 'ISO/IEC 27701',
      description: 'Privacy information management, extending our ISO/IEC 27001 scope to personal data we process for customers.',
      status: 'in_progress',
      periodStart: null,
      periodEnd: null,
      targetDate: dayFromNow(150),
      report: undefined,
    },
    {
      slug: 'csa-star-level-1',
      framework: 'CSA STAR Level 1',
      description: 'Self-assessment against the Cloud Controls Matrix, published in the CSA STAR registry.',
      status: 'attested',
      periodStart: starStart,
      periodEnd: addDays(starStart, 364),
      targetDate: null,
      report: undefined,
    },
    {
      slug: 'hipaa',
      framework: 'HIPAA',
      description: 'An independent assessment of our safeguards for protected health information. Not planned before customers in healthcare need it.',
      status: 'not_started',
      periodStart: null,
      periodEnd: null,
      targetDate: null,
      report: undefined,
    },
    {
      slug: 'cyber-essentials-plus',
      framework: 'Cyber Essentials Plus',
      description: 'UK government-backed certification of basic technical controls. We let it lapse in favour of ISO/IEC 27001.',
      status: 'expired',
      periodStart: dayFromNow(-800),
      periodEnd: dayFromNow(-436),
      targetDate: null,
      report: undefined,
    },
  ];
  for (const [position, c] of certs.entries()) {
    const reportId = c.report?.id ?? null;
    const [row] = await q.query<{ id: string }>(
      `INSERT INTO certifications (slug, framework, description, status, period_start, period_end, target_date, report_document_id, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [c.slug, c.framework, c.description, c.status, c.periodStart, c.periodEnd, c.targetDate, reportId, position],
    );
    const after = {
      ...certificationFacts(c),
      reportDocumentId: reportId,
      reportDocumentTitle: c.report?.title ?? null,
      position,
    };
    await q.query(`INSERT INTO certification_history (certification_id, changed_by_name, before, after) VALUES ($1, 'Demo data', NULL, $2::text::jsonb)`, [
      row.id,
      JSON.stringify(after),
    ]);
  }
}

async function seedNews(q: AdminQuery) {
  if (!(await isEmpty(q, 'portal_updates'))) return;
  for (const n of NEWS) {
    const at = new Date(Date.now() - n.daysAgo * DAY).toISOString();
    await q.query('INSERT INTO portal_updates (title, body, published_at, updated_at) VALUES ($1, $2, $3, $3)', [n.title, n.body, at]);
  }
}
