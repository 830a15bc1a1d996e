import { describe, expect, it } from 'vitest';
import { subprocessorsFeed } from '@/lib/subprocessors/feed';
import { filterOptions, filterSubprocessors, parseFilter } from '@/lib/subprocessors/filter';
import { subprocessorsJson } from '@/lib/subprocessors/json';
import { earliestEffectiveDate, requiredNotice } from '@/lib/subprocessors/notice';
import { publicSubprocessorsAt, type PublicTimeline } from '@/lib/subprocessors/read';
import { describeChange, type TimelineChange } from '@/lib/subprocessors/timeline';
import { parseFeed } from '../helpers/feedparser';

const base = {
  purpose: 'Hosting',
  dataCategories: ['Customer records'],
  locations: ['IE'],
  transferMechanism: 'SCCs',
  website: 'https://host.example',
  processesCustomerRecords: true,
  reason: '',
  cancelledAt: null,
};
const change = (
  over: Partial<TimelineChange> & Pick<TimelineChange, 'id' | 'subprocessorId' | 'slug' | 'kind' | 'name' | 'effectiveAt' | 'announcedAt'>,
): TimelineChange => ({
  ...base,
  createdAt: over.announcedAt ?? '2025-01-01T00:00:00.000Z',
  announcementId: over.announcedAt ? 'a' : null,
  ...over,
});

const timeline: PublicTimeline = {
  lastCancelledAt: null,
  changes: [
    change({
      id: '11111111-1111-4111-8111-111111111111',
      subprocessorId: 's1',
      slug: 'host',
      kind: 'add',
      name: 'Host & Co',
      effectiveAt: '2025-04-01T00:00:00.000Z',
      announcedAt: '2025-01-01T10:00:00.000Z',
    }),
    change({
      id: '22222222-2222-4222-8222-222222222222',
      subprocessorId: 's1',
      slug: 'host',
      kind: 'update',
      name: 'Host & Co',
      locations: ['IE', 'DE'],
      effectiveAt: '2026-06-01T00:00:00.000Z',
      announcedAt: '2026-02-01T10:00:00.000Z',
      reason: 'A second <region>',
    }),
    change({
      id: '33333333-3333-4333-8333-333333333333',
      subprocessorId: 's2',
      slug: 'mailer',
      kind: 'add',
      name: 'Mailer',
      purpose: 'E-mail',
      dataCategories: ['E-mail addresses', 'Names'],
      locations: ['US'],
      processesCustomerRecords: false,
      effectiveAt: '2025-02-01T00:00:00.000Z',
      announcedAt: '2025-01-01T10:00:00.000Z',
    }),
  ],
};
const now = new Date('2026-03-01T12:00:00Z');

describe('the notice rule', () => {
  it('needs no notice for narrowing updates and removals, and counts whole days otherwise', () => {
    const host = { name: 'Host', ...base };
    expect(requiredNotice('update', host, { ...host, locations: [] }).days).toBe(0);
    expect(requiredNotice('update', host, { ...host, processesCustomerRecords: false }).days).toBe(0);
    expect(requiredNotice('update', { ...host, processesCustomerRecords: false }, { ...host, processesCustomerRecords: false, locations: ['ie'] }).days).toBe(
      0,
    );
    expect(
      requiredNotice('update', { ...host, processesCustomerRecords: false }, { ...host, processesCustomerRecords: false, dataCategories: ['Usage'] }).days,
    ).toBe(14);
    expect(requiredNotice('remove', host, host).days).toBe(0);
    expect(earliestEffectiveDate(new Date('2026-11-24T05:00:00Z'), 90)).toBe('2027-02-23');
    expect(earliestEffectiveDate(new Date('2026-11-24T00:00:00Z'), 90)).toBe('2027-02-22');
    expect(earliestEffectiveDate(new Date('2026-11-24T23:59:59Z'), 0)).toBe('2026-11-24');
  });

  it('describes what an update changes', () => {
    const host = { name: 'Host', ...base };
    expect(describeChange('update', host, { ...host, name: 'Host EU', locations: ['DE'], processesCustomerRecords: false })).toEqual([
      'Name: Host becomes Host EU',
      'Locations: adds Germany; removes Ireland',
      'Stops processing customer records',
    ]);
  });
});

describe('the public list', () => {
  const view = publicSubprocessorsAt(timeline, now);

  it('searches and filters by text, location and data category', () => {
    const all = view.current;
    expect(all.map((s) => s.slug)).toEqual(['host', 'mailer']);
    expect(filterSubprocessors(all, parseFilter({ q: 'ireland' })).map((s) => s.slug)).toEqual(['host']);
    expect(filterSubprocessors(all, parseFilter({ q: 'e-mail names' })).map((s) => s.slug)).toEqual(['mailer']);
    expect(filterSubprocessors(all, parseFilter({ location: 'us' })).map((s) => s.slug)).toEqual(['mailer']);
    expect(filterSubprocessors(all, parseFilter({ category: 'customer records' })).map((s) => s.slug)).toEqual(['host']);
    expect(filterSubprocessors(all, parseFilter({ q: 'nothing like it' }))).toEqual([]);
    expect(parseFilter({ location: 'XX', q: ['a', 'b'] })).toEqual({ q: 'a', location: '', category: '' });
    expect(filterOptions(all)).toEqual({
      locations: [
        { code: 'IE', name: 'Ireland' },
        { code: 'US', name: 'United States' },
      ],
      categories: ['Customer records', 'E-mail addresses', 'Names'],
    });
  });

  it('has stable snake_case JSON with every field of a sub-processor', () => {
    const json = subprocessorsJson(view, 'Northwind', 'https://trust.example');
    expect(json.updated_at).toBe('2026-02-01T10:00:00.000Z');
    expect(json.current[0]).toEqual({
      id: 'host',
      name: 'Host & Co',
      purpose: 'Hosting',
      data_categories: ['Customer records'],
      locations: ['IE'],
      transfer_mechanism: 'SCCs',
      website: 'https://host.example',
      processes_customer_records: true,
      status: 'active',
      effective_date: '2025-04-01',
    });
    expect(json.upcoming).toEqual([
      expect.objectContaining({
        id: 'host',
        change_id: '22222222-2222-4222-8222-222222222222',
        change: 'update',
        status: 'pending_update',
        locations: ['IE', 'DE'],
        effective_date: '2026-06-01',
        changes: ['Locations: adds Germany'],
      }),
    ]);
  });

  it('is a valid Atom feed with stable ids, escaped text and a self link', () => {
    const render = () =>
      subprocessorsFeed({
        vendor: 'Smith & <Sons>',
        baseUrl: 'https://trust.example',
        timeline,
        updates: [
          {
            id: '44444444-4444-4444-8444-444444444444',
            title: 'SOC 2 report',
            body: 'Our report is out.\n\nAsk for it.',
            publishedAt: '2026-02-15T00:00:00.000Z',
            updatedAt: '2026-02-15T00:00:00.000Z',
          },
        ],
        now,
      });
    const xml = render();
    expect(render()).toBe(xml);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    const { bozo, bozoException, feed, entries } = parseFeed(xml);
    expect(bozo, bozoException ?? '').toBe(false);
    expect(feed.id).toBe('https://trust.example/subprocessors/feed.xml');
    expect(feed.title).toBe('Smith & <Sons>: sub-processor changes and trust center updates');
    expect(feed.updated).toBe('2026-02-15T00:00:00.000Z');
    expect(feed.author).toBe('Smith & <Sons>');
    expect(feed.links).toEqual([
      { rel: 'alternate', href: 'https://trust.example/subprocessors' },
      { rel: 'self', href: 'https://trust.example/subprocessors/feed.xml' },
    ]);
    expect(entries.map((e) => e.id)).toEqual([
      'urn:uuid:44444444-4444-4444-8444-444444444444',
      'urn:uuid:22222222-2222-4222-8222-222222222222',
      'urn:uuid:11111111-1111-4111-8111-111111111111',
      'urn:uuid:33333333-3333-4333-8333-333333333333',
    ]);
    expect(entries[1].title).toBe('Change: Host & Co, effective 2026-06-01');
    expect(entries[1].content[0].type).toBe('text/html');
    expect(entries[1].content[0].value).toContain('<li>Locations: adds Germany</li>');
    expect(entries[1].content[0].value).toContain('Reason: A second &lt;region&gt;');
    expect(entries[0].content[0].value).toBe('<p>Our report is out.</p><p>Ask for it.</p>');
  });

  it('sends titles and summaries as text, so markup in a name or a news title reaches feed readers as literal text', () => {
    const markup = '<img src=x onerror=alert(1)> ]]> AT&amp;T';
    const xml = subprocessorsFeed({
      vendor: 'Northwind',
      baseUrl: 'https://trust.example',
      timeline: {
        lastCancelledAt: null,
        changes: [
          change({
            id: '55555555-5555-4555-8555-555555555555',
            subprocessorId: 's5',
            slug: 'img',
            kind: 'add',
            name: markup,
            effectiveAt: '2026-06-01T00:00:00.000Z',
            announcedAt: '2026-02-01T10:00:00.000Z',
          }),
        ],
      },
      updates: [
        {
          id: '66666666-6666-4666-8666-666666666666',
          title: markup,
          body: `Body ${markup}\u0001`,
          publishedAt: '2026-02-15T00:00:00.000Z',
          updatedAt: '2026-02-15T00:00:00.000Z',
        },
      ],
      now,
    });
    const { bozo, bozoException, entries } = parseFeed(xml);
    expect(bozo, bozoException ?? '').toBe(false);
    const [news, added] = entries;
    expect(news.title).toBe(markup);
    expect(news.titleType).toBe('text/plain');
    expect(added.title).toBe(`New sub-processor: ${markup}, effective 2026-06-01`);
    expect(added.titleType).toBe('text/plain');
    expect(added.summary).toBe(`New sub-processor: ${markup}: takes effect on 1 Jun 2026 (2026-06-01).`);
    expect(added.summaryType).toBe('text/plain');
    // The bodies are HTML that the feed builds from escaped text: the markup shows as text there too.
    expect(news.content[0].value).toBe('<p>Body &lt;img src=x onerror=alert(1)&gt; ]]&gt; AT&amp;amp;T\ufffd</p>');
    expect(added.content[0].value).not.toContain('<img');
  });
});
