import { isoDate } from './dates';
import { NOTICE_DAYS } from './notice';
import type { PublicSubprocessors } from './read';
import type { SubprocessorFields } from './fields';

function fields(s: SubprocessorFields) {
  return {
    name: s.name,
    purpose: s.purpose,
    data_categories: s.dataCategories,
    locations: s.locations,
    transfer_mechanism: s.transferMechanism,
    website: s.website,
    processes_customer_records: s.processesCustomerRecords,
  };
}

/**
 * /subprocessors.json: every field of current and upcoming entries (docs/portal.md). The keys are
 * a public interface: snake_case, and only ever added to.
 */
export function subprocessorsJson(view: PublicSubprocessors, vendor: string, baseUrl: string) {
  return {
    vendor,
    updated_at: view.updatedAt,
    notice_days: { new_subprocessor: NOTICE_DAYS.standard, processes_customer_records: NOTICE_DAYS.customerRecords },
    links: {
      html: new URL('/subprocessors', baseUrl).toString(),
      atom: new URL('/subprocessors/feed.xml', baseUrl).toString(),
    },
    current: view.current.map((s) => ({
      id: s.slug,
      ...fields(s),
      status: 'active',
      effective_date: isoDate(s.since),
    })),
    upcoming: view.upcoming.map((c) => ({
      id: c.slug,
      change_id: c.id,
      change: c.kind,
      ...fields(c),
      status: c.kind === 'add' ? 'pending_addition' : c.kind === 'remove' ? 'pending_removal' : 'pending_update',
      effective_date: isoDate(c.effectiveAt),
      announced_at: c.announcedAt,
      reason: c.reason,
      changes: c.differences,
    })),
  };
}
