import type { SubprocessorChangeKind } from '@/drizzle/schema';
import { AppError } from '@/lib/core/errors';
import { DAY_MS, dateStart, firstDateFrom, isoDate } from './dates';
import type { SubprocessorFields } from './fields';

/** Notice periods in days: customers get longer to object to one that will hold their records (docs/portal.md). */
export const NOTICE_DAYS = { standard: 14, customerRecords: 90 } as const;

export interface NoticeRequirement {
  days: number;
  /** Why, as the start of a sentence: "Acme processes customer records, so it needs 90 days' notice". */
  why: string;
}

/** What an update adds to what a sub-processor may do; empty when it only narrows or rewords. */
export function widening(before: SubprocessorFields, after: SubprocessorFields): string[] {
  const had = (list: string[]) => new Set(list.map((v) => v.toLowerCase()));
  const locations = had(before.locations);
  const categories = had(before.dataCategories);
  const added: string[] = [];
  const newLocations = after.locations.filter((l) => !locations.has(l.toLowerCase()));
  if (newLocations.length) added.push(`new location${newLocations.length > 1 ? 's' : ''} ${newLocations.join(', ')}`);
  const newCategories = after.dataCategories.filter((c) => !categories.has(c.toLowerCase()));
  if (newCategories.length) added.push(`new data categor${newCategories.length > 1 ? 'ies' : 'y'} ${newCategories.join(', ')}`);
  if (after.processesCustomerRecords && !before.processesCustomerRecords) added.push('starts processing customer records');
  return added;
}

/**
 * The notice a change needs. A new sub-processor: 14 days, 90 when it processes customer
 * records. An update that widens processing (a new location or data category, or starting to
 * process customer records): the same, judged on what it does after the change. Anything
 * else (narrowing, rewording, removal) may take effect from today.
 */
export function requiredNotice(kind: SubprocessorChangeKind, before: SubprocessorFields | null, after: SubprocessorFields): NoticeRequirement {
  const days = after.processesCustomerRecords ? NOTICE_DAYS.customerRecords : NOTICE_DAYS.standard;
  if (kind === 'add') {
    return after.processesCustomerRecords
      ? { days, why: `${after.name} processes customer records, so it needs ${days} days' notice` }
      : { days, why: `${after.name} is a new sub-processor, so it needs ${days} days' notice` };
  }
  if (kind === 'update' && before) {
    const added = widening(before, after);
    if (added.length) {
      const records = after.processesCustomerRecords ? ' and it processes customer records' : '';
      return { days, why: `This change widens what ${after.name} does (${added.join('; ')})${records}, so it needs ${days} days' notice` };
    }
  }
  return { days: 0, why: `This change may take effect from today` };
}

/** The first effective date that gives `days` of notice from `at` (today when no notice is needed). */
export function earliestEffectiveDate(at: Date, days: number): string {
  return days === 0 ? isoDate(at) : firstDateFrom(new Date(at.getTime() + days * DAY_MS));
}

export class NoticeTooShortError extends AppError {
  constructor(
    message: string,
    readonly earliestDate: string,
    readonly days: number,
  ) {
    super('notice_too_short', message, 422);
  }
}

/** Refuses an effective date earlier than the notice rule allows, naming the earliest allowed date. */
export function assertNotice(requirement: NoticeRequirement, effectiveDate: string, at: Date) {
  const earliest = earliestEffectiveDate(at, requirement.days);
  if (dateStart(effectiveDate).getTime() >= dateStart(earliest).getTime()) return;
  const message =
    requirement.days === 0
      ? `The effective date cannot be in the past: the earliest effective date is ${earliest}.`
      : `${requirement.why}: the earliest effective date is ${earliest}.`;
  throw new NoticeTooShortError(message, earliest, requirement.days);
}
