import { expect, it } from 'vitest';
import { systemClock } from '@/lib/core/clock';
import { seedSubprocessors } from '@/lib/seed/portal/subprocessors';
import { DAY_MS } from '@/lib/subprocessors/dates';
import { publicSubprocessorsAt, readPublicTimeline } from '@/lib/subprocessors/read';
import { describeEachDatabase } from '../helpers/databases';

describeEachDatabase('demo sub-processors', (t) => {
  it('seeds eight current sub-processors and one upcoming addition, once', async () => {
    await t().admin.transaction((q) => seedSubprocessors(q));
    await t().admin.transaction((q) => seedSubprocessors(q));
    const now = systemClock.now();
    const view = publicSubprocessorsAt(await readPublicTimeline(t().db), now);
    expect(view.current).toHaveLength(8);
    expect(view.current.find((s) => s.slug === 'amazon-web-services')).toMatchObject({ locations: ['IE', 'DE'], processesCustomerRecords: true });
    expect(new Set(view.current.flatMap((s) => s.locations)).size).toBeGreaterThanOrEqual(4);
    expect(view.current.filter((s) => s.processesCustomerRecords).length).toBeGreaterThanOrEqual(2);
    expect(view.upcoming).toHaveLength(1);
    const [upcoming] = view.upcoming;
    expect(upcoming).toMatchObject({ kind: 'add', name: 'Intercom', processesCustomerRecords: false });
    const days = (Date.parse(upcoming.effectiveAt) - now.getTime()) / DAY_MS;
    expect(days).toBeGreaterThan(28);
    expect(days).toBeLessThanOrEqual(30);
    expect(Date.parse(upcoming.effectiveAt) - Date.parse(upcoming.announcedAt!)).toBeGreaterThanOrEqual(14 * DAY_MS);
  });
});
