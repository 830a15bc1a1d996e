import { XMLBuilder } from 'fast-xml-parser';

export interface AtomEntry {
  id: string;
  /** Plain text: sent as type="text", so markup in it reaches feed readers as the characters typed. */
  title: string;
  link: string;
  updated: Date;
  published: Date;
  /** Plain text, like the title. */
  summary?: string;
  /** HTML that the caller built from escaped text. */
  contentHtml: string;
  author: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  updated: Date;
  generator: string;
  rights: string;
  author: { name: string; uri: string };
  alternate: string;
  self: string;
  entries: AtomEntry[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates): shown as U+FFFD rather than breaking the document. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (s: string) => s.replace(NOT_XML, '\uFFFD');

/** An Atom text construct: its value escaped by the XML writer (never CDATA) and its type said. */
const textConstruct = (type: 'text' | 'html', value: string) => ({ '@type': type, '#text': xmlText(value) });

/**
 * An Atom 1.0 document (RFC 4287). Written here rather than with the `feed` package, which sends
 * every title and summary as type="html" in CDATA: a name with markup became markup in feed
 * readers, and one with "]]>" broke out of the section.
 */
export function atomXml(feed: AtomFeed): string {
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      id: feed.id,
      title: textConstruct('text', feed.title),
      updated: feed.updated.toISOString(),
      generator: feed.generator,
      author: { name: xmlText(feed.author.name), uri: feed.author.uri },
      link: [
        { '@rel': 'alternate', '@href': feed.alternate },
        { '@rel': 'self', '@href': feed.self },
      ],
      subtitle: textConstruct('text', feed.subtitle),
      rights: textConstruct('text', feed.rights),
      entry: feed.entries.map((e) => ({
        title: textConstruct('text', e.title),
        id: e.id,
        link: { '@href': e.link },
        updated: e.updated.toISOString(),
        ...(e.summary === undefined ? {} : { summary: textConstruct('text', e.summary) }),
        content: textConstruct('html', e.contentHtml),
        author: { name: xmlText(e.author) },
        published: e.published.toISOString(),
      })),
    },
  });
}
