import { Feed } from 'feed';
import type { PublicUpdate } from '@/lib/portal/updates';
import { isoDate, longDate } from './dates';
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
      const when = `${longDate(c.effectiveAt)} (${isoDate(c.effectiveAt)})`;
      const details = change.differences.map((d) => `<li>${escapeHtml(d)}</li>`).join('');
      return {
        title: `${changeTitle(c)}, effective ${isoDate(c.effectiveAt)}`,
        id: `urn:uuid:${c.id}`,
        link: url('/subprocessors'),
        date: new Date(c.announcedAt!),
        published: new Date(c.announcedAt!),
        description: `${changeTitle(c)}: takes effect on ${when}.`,
        content:
          `<p>Takes effect on ${escapeHtml(when)}.</p><ul>${details}</ul>` +
          (c.kind !== 'remove' ? `<p>Website: <a href="${escapeHtml(c.website)}">${escapeHtml(c.website)}</a></p>` : '') +
          (c.reason ? `<p>Reason: ${escapeHtml(c.reason)}</p>` : ''),
      };
    }),
    ...updates.map((u) => ({
      title: u.title,
      id: `urn:uuid:${u.id}`,
      link: url('/updates'),
      date: new Date(u.updatedAt),
      published: new Date(u.publishedAt),
      description: undefined,
      content: paragraphs(u.body),
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());

  const feed = new Feed({
    title: `${vendor}: sub-processor changes and trust center updates`,
    description: `Sub-processor changes announced by ${vendor}, with their effective dates, and news from its trust center.`,
    id: url('/subprocessors/feed.xml'),
    link: url('/subprocessors'),
    feedLinks: { atom: url('/subprocessors/feed.xml') },
    language: 'en',
    updated: entries[0]?.date ?? new Date(0),
    generator: 'Trust Center',
    copyright: `© ${vendor}`,
    author: { name: vendor, link: url('/') },
  });
  for (const e of entries) feed.addItem({ ...e, author: [{ name: vendor }] });
  return feed.atom1();
}
