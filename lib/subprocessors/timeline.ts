import type { SubprocessorChangeKind } from '@/drizzle/schema';
import { countryName } from './countries';
import type { SubprocessorFields } from './fields';

/**
 * One scheduled change as the lists are computed from it. Plain values only (ISO strings), so
 * a timeline can be cached as JSON.
 */
export interface TimelineChange extends SubprocessorFields {
  id: string;
  subprocessorId: string;
  slug: string;
  kind: SubprocessorChangeKind;
  reason: string;
  effectiveAt: string;
  createdAt: string;
  announcementId: string | null;
  announcedAt: string | null;
  cancelledAt: string | null;
}

/** A sub-processor as it is at a moment. */
export interface CurrentSubprocessor extends SubprocessorFields {
  subprocessorId: string;
  slug: string;
  /** When it became what it is now (the effective time of its latest change). */
  since: string;
}

/** A change that has not taken effect yet, with what it changes. */
export interface PendingChange extends TimelineChange {
  before: SubprocessorFields | null;
  differences: string[];
}

export function fieldsOf(c: SubprocessorFields): SubprocessorFields {
  return {
    name: c.name,
    purpose: c.purpose,
    dataCategories: c.dataCategories,
    locations: c.locations,
    transferMechanism: c.transferMechanism,
    website: c.website,
    processesCustomerRecords: c.processesCustomerRecords,
  };
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/** Changes in the order they apply: by effective time, then announcement (drafts last), then creation. */
export function compareChanges(a: TimelineChange, b: TimelineChange): number {
  return (
    a.effectiveAt.localeCompare(b.effectiveAt) ||
    (a.announcedAt ?? FAR_FUTURE).localeCompare(b.announcedAt ?? FAR_FUTURE) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** What a sub-processor is after the given changes (one sub-processor's), or null when absent or removed. */
export function stateAfter(changes: TimelineChange[]): SubprocessorFields | null {
  const last = [...changes].sort(compareChanges).at(-1);
  return last && last.kind !== 'remove' ? fieldsOf(last) : null;
}

/** The state a change applies to: the sub-processor after every change of it ordered before this one. */
export function stateBefore(changes: TimelineChange[], change: TimelineChange): SubprocessorFields | null {
  return stateAfter(changes.filter((c) => c.subprocessorId === change.subprocessorId && c.id !== change.id && compareChanges(c, change) < 0));
}

const live = (c: TimelineChange, at: string) => c.cancelledAt === null && c.announcedAt !== null && c.announcedAt <= at;

/**
 * The sub-processors at `at`: for each, its latest announced, uncancelled change that has taken
 * effect, unless that change is a removal. Sorted by name.
 */
export function currentAt(changes: TimelineChange[], at: Date): CurrentSubprocessor[] {
  const now = at.toISOString();
  const bySubprocessor = new Map<string, TimelineChange>();
  for (const c of changes) {
    if (!live(c, now) || c.effectiveAt > now) continue;
    const known = bySubprocessor.get(c.subprocessorId);
    if (!known || compareChanges(known, c) < 0) bySubprocessor.set(c.subprocessorId, c);
  }
  return [...bySubprocessor.values()]
    .filter((c) => c.kind !== 'remove')
    .map((c) => ({ ...fieldsOf(c), subprocessorId: c.subprocessorId, slug: c.slug, since: c.effectiveAt }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Announced, uncancelled changes still to take effect at `at`, soonest first. */
export function upcomingAt(changes: TimelineChange[], at: Date): PendingChange[] {
  const now = at.toISOString();
  const announced = changes.filter((c) => live(c, now));
  return announced
    .filter((c) => c.effectiveAt > now)
    .sort(compareChanges)
    .map((c) => withDifferences(c, stateBefore(announced, c)));
}

export function withDifferences(change: TimelineChange, before: SubprocessorFields | null): PendingChange {
  return { ...change, before, differences: describeChange(change.kind, before, change) };
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const places = (codes: string[]) => codes.map(countryName).join(', ');

/** What a change does, in short sentences for the page, the mail and the feed. */
export function describeChange(kind: SubprocessorChangeKind, before: SubprocessorFields | null, after: SubprocessorFields): string[] {
  if (kind === 'remove') return [`${after.name} will no longer process data for us.`];
  if (kind === 'add' || !before) {
    return [
      `Purpose: ${after.purpose}`,
      `Data categories: ${after.dataCategories.join(', ')}`,
      `Locations: ${places(after.locations)}`,
      `Transfer mechanism: ${after.transferMechanism}`,
      `Processes customer records: ${yesNo(after.processesCustomerRecords)}`,
    ];
  }
  const out: string[] = [];
  const delta = (label: string, was: string[], now: string[], show: (v: string[]) => string) => {
    const lower = (list: string[]) => new Set(list.map((v) => v.toLowerCase()));
    const added = now.filter((v) => !lower(was).has(v.toLowerCase()));
    const removed = was.filter((v) => !lower(now).has(v.toLowerCase()));
    const parts = [added.length ? `adds ${show(added)}` : '', removed.length ? `removes ${show(removed)}` : ''].filter(Boolean);
    if (parts.length) out.push(`${label}: ${parts.join('; ')}`);
  };
  if (before.name !== after.name) out.push(`Name: ${before.name} becomes ${after.name}`);
  if (before.purpose !== after.purpose) out.push(`Purpose: ${after.purpose}`);
  delta('Data categories', before.dataCategories, after.dataCategories, (v) => v.join(', '));
  delta('Locations', before.locations, after.locations, places);
  if (before.transferMechanism !== after.transferMechanism) out.push(`Transfer mechanism: ${after.transferMechanism}`);
  if (before.website !== after.website) out.push(`Website: ${after.website}`);
  if (before.processesCustomerRecords !== after.processesCustomerRecords) {
    out.push(after.processesCustomerRecords ? 'Starts processing customer records' : 'Stops processing customer records');
  }
  return out.length ? out : ['No change to the listed details.'];
}

export const KIND_LABELS: Record<SubprocessorChangeKind, string> = { add: 'New sub-processor', update: 'Change', remove: 'Removal' };

/** "New sub-processor: Acme Mail" */
export function changeTitle(change: { kind: SubprocessorChangeKind; name: string }): string {
  return `${KIND_LABELS[change.kind]}: ${change.name}`;
}
