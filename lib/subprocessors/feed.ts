import { formatDate } from '@/lib/core/dates';
import type { PublicUpdate } from '@/lib/portal/updates';
import { atomXml } from './atom';
import { isoDate } from './dates';
import type { PublicTimeline } from './read';
import { changeTitle, stateBefore, withDifferences } from './timeline';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');

/**
 * The Atom feed: one entry per announced change (its id stays the same for good: the change's
 * uuid) and one per published news item, newest first.
 */
export function subprocessorsFeed({
  vendor,
  baseUrl,
  timeline,
  updates,
  now,
}: {
  vendor: string;
  baseUrl: string;
  timeline: PublicTimeline;
  updates: PublicUpdate[];
  now: Date;
}): string {
  const url = (path: string) => new URL(path, baseUrl).toString();
  const at = now.toISOString();
  const announced = timeline.changes.filter((c) => c.announcedAt && c.announcedAt <= at);
  const entries = [
    ...announced.map((c) => {
      const change = withDifferences(c, stateBefore(announced, c));
      const when = `${formatDate(c.effectiveAt)} (${isoDate(c.effectiveAt)})`;
      const details = change.differences.map((d) => `<li>${escapeHtml(d)}</li>`).join('');
      return {
        title: `${changeTitle(c)}, effective ${isoDate(c.effectiveAt)}`,
        id: `urn:uuid:${c.id}`,
        link: url('/subprocessors'),
        updated: new Date(c.announcedAt!),
        published: new Date(c.announcedAt!),
        summary: `${changeTitle(c)}: takes effect on ${when}.`,
        contentHtml:
          `<p>Takes effect on ${escapeHtml(when)}.</p><ul>${details}</ul>` +
          (c.kind !== 'remove' ? `<p>Website: <a href="${escapeHtml(c.website)}">${escapeHtml(c.website)}</a></p>` : '') +
          (c.reason ? `<p>Reason: ${escapeHtml(c.reason)}</p>` : ''),
        author: vendor,
      };
    }),
    ...updates.map((u) => ({
      title: u.title,
      id: `urn:uuid:${u.id}`,
      link: url('/updates'),
      updated: new Date(u.updatedAt),
      published: new Date(u.publishedAt),
      contentHtml: paragraphs(u.body),
      author: vendor,
    })),
  ].sort((a, b) => b.updated.getTime() - a.updated.getTime());

  return atomXml({
    id: url('/subprocessors/feed.xml'),
    title: `${vendor}: sub-processor changes and trust center updates`,
    subtitle: `Sub-processor changes announced by ${vendor}, with their effective dates, and news from its trust center.`,
    updated: entries[0]?.updated ?? new Date(0),
    generator: 'Trust Center',
    rights: `© ${vendor}`,
    author: { name: vendor, uri: url('/') },
    alternate: url('/subprocessors'),
    self: url('/subprocessors/feed.xml'),
    entries,
  });
}
