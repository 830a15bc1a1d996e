import 'server-only';
import type { Clock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import type { DbHandle } from '@/lib/db/with-actor';
import { listSecurityBlocks } from '@/lib/portal/security-blocks';
import { readPublicSettings } from '@/lib/portal/settings';
import { countryName } from '@/lib/subprocessors/countries';
import { publicSubprocessorsAt, readPublicTimeline } from '@/lib/subprocessors/read';
import { KIND_LABELS } from '@/lib/subprocessors/timeline';
import type { DpaContent } from './content';

// Changes whenever the layout of the PDF changes, so cached renders of the old layout expire.
const DPA_TEMPLATE = 'dpa-pdf-1';

/** Everything a DPA PDF shows: the render cache's key is the hash of exactly this. */
export interface DpaRenderInput {
  template: string;
  vendorName: string;
  portalUrl: string;
  version: { number: number; contentSha256: string; publishedAt: string; content: DpaContent };
  /** Annex II: the technical and organisational measures, from the security overview. */
  measures: { title: string; body: string }[];
  /** Annex III: the live sub-processor list and the announced changes still to come. */
  subprocessors: {
    current: { name: string; purpose: string; dataCategories: string[]; locations: string[]; transferMechanism: string }[];
    upcoming: { effectiveAt: string; change: string; name: string; differences: string[] }[];
  };
  execution: null | { id: string; customerLegalName: string; signerName: string; signerTitle: string; signerEmail: string; executedAt: string };
  /** When the latest of these facts changed: the PDF's creation date, so equal input gives equal bytes. */
  asOf: string;
}

export type DpaExecutionFacts = NonNullable<DpaRenderInput['execution']>;

/** Reads the live facts of a DPA: the security overview, the sub-processor lists now, the vendor's name. */
export async function dpaRenderInput(
  db: DbHandle,
  clock: Clock,
  version: DpaRenderInput['version'],
  execution: DpaExecutionFacts | null,
): Promise<DpaRenderInput> {
  const [settings, blocks, timeline] = await Promise.all([readPublicSettings(db), listSecurityBlocks(db), readPublicTimeline(db)]);
  const lists = publicSubprocessorsAt(timeline, clock.now());
  const places = (codes: string[]) => codes.map(countryName);
  const dates = [version.publishedAt, execution?.executedAt, lists.updatedAt, ...blocks.map((b) => b.updatedAt)].filter((d): d is string => !!d);
  return {
    template: DPA_TEMPLATE,
    vendorName: settings.vendorName,
    portalUrl: config().appUrl.origin,
    version,
    measures: blocks.map((b) => ({ title: b.title, body: b.body })),
    subprocessors: {
      current: lists.current.map((s) => ({
        name: s.name,
        purpose: s.purpose,
        dataCategories: s.dataCategories,
        locations: places(s.locations),
        transferMechanism: s.transferMechanism,
      })),
      upcoming: lists.upcoming.map((c) => ({
        effectiveAt: c.effectiveAt,
        change: KIND_LABELS[c.kind],
        name: c.name,
        differences: c.differences,
      })),
    },
    execution,
    asOf: dates.reduce((a, b) => (a > b ? a : b)),
  };
}
