import type { AdminQuery } from '@/lib/db/types';

const DAY = 86_400_000;

/** Settings, security overview, certifications and news; each part only when it is empty. */
export async function seedPortalContent(q: AdminQuery) {
  await q.query(
    `INSERT INTO portal_settings (vendor_name, tagline, overview, status_page_url, security_contact, security_txt_expires_at, disclosure_policy)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [
      'Northwind Cloud',
      'Security, privacy and compliance at Northwind Cloud',
      'Northwind Cloud runs a multi-tenant analytics platform for finance teams. This page shows where we stand on security and compliance today, who processes data on our behalf, and the documents your review needs.',
      'https://status.northwind.example',
      'mailto:security@northwind.example',
      new Date(Date.now() + 180 * DAY).toISOString(),
      '',
    ],
  );
}
