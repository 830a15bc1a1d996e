import { expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { portalActivity } from '@/lib/dashboard/portal-activity';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';

describeEachDatabase('portal activity dashboard', (t) => {
  it('counts downloads and access requests per day and lists what waits', async () => {
    const clock = manualClock(new Date('2026-11-24T15:00:00Z'));
    await t().admin.transaction(async (q) => {
      const [doc] = await q.query<{ id: string }>(
        `INSERT INTO documents (slug, title, category, visibility, valid_until) VALUES ('report', 'Audit report', 'Audit', 'nda', '2026-12-01') RETURNING id`,
      );
      for (const at of ['2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-20T10:00:00Z', '2026-09-01T10:00:00Z']) {
        await q.query('INSERT INTO document_downloads (document_id, downloaded_at) VALUES ($1, $2)', [doc.id, at]);
      }
      await q.query(
        `INSERT INTO access_requests (name, email, company, reason, created_at) VALUES ('Rita Reviewer', 'rita@prospect.example', 'Prospect', 'Vendor review', '2026-11-23T08:00:00Z')`,
      );
      const [sp] = await q.query<{ id: string }>(`INSERT INTO subprocessors (slug) VALUES ('mailer') RETURNING id`);
      const [announcement] = await q.query<{ id: string }>(`INSERT INTO subprocessor_announcements DEFAULT VALUES RETURNING id`);
      await q.query(
        `INSERT INTO subprocessor_changes (subprocessor_id, kind, name, purpose, data_categories, locations, transfer_mechanism, website, processes_customer_records, effective_at, announcement_id)
         VALUES ($1, 'add', 'Mailer Ltd', 'E-mail delivery', '{email}', '{IE}', 'EU', 'https://mailer.example', false, '2026-12-20T00:00:00Z', $2),
                ($1, 'update', 'Mailer Ltd', 'E-mail delivery', '{email}', '{IE,US}', 'SCCs', 'https://mailer.example', false, '2027-03-01T00:00:00Z', NULL)`,
        [sp.id, announcement.id],
      );
    });
    const admin = await createStaff(t().admin, 'trust_admin');
    const activity = await portalActivity(t().db, admin, clock);
    expect(activity.days).toHaveLength(30);
    expect(activity.days.at(-1)).toEqual({ day: '2026-11-24', downloads: 2, accessRequests: 0 });
    expect(activity.days.find((d) => d.day === '2026-11-23')).toEqual({ day: '2026-11-23', downloads: 0, accessRequests: 1 });
    expect(activity.days.reduce((n, d) => n + d.downloads, 0)).toBe(3); // September is outside the window
    expect(activity.pendingRequestCount).toBe(1);
    expect(activity.pendingRequests[0]).toMatchObject({ name: 'Rita Reviewer', company: 'Prospect' });
    expect(activity.upcomingChanges).toEqual([expect.objectContaining({ name: 'Mailer Ltd', kind: 'add' })]);
    expect(activity.draftChangeCount).toBe(1);
    expect(activity.expiringDocuments).toEqual([{ slug: 'report', title: 'Audit report', validUntil: '2026-12-01', expired: false }]);
  });

  it('is for trust admins only', async () => {
    const support = await createStaff(t().admin, 'support');
    await expect(portalActivity(t().db, support, manualClock())).rejects.toMatchObject({ status: 403 });
  });
});
