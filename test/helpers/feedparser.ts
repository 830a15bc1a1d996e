import { spawnSync } from 'node:child_process';

/**
 * Reads a feed the way feed readers do, with Python's feedparser (Debian's python3-feedparser):
 * an independent parser that decodes each text construct by its type — an Atom `type="html"`
 * title comes back as (sanitized) markup, a `type="text"` one as the literal text.
 */
export interface ParsedFeed {
  /** feedparser's flag for a document that is not well-formed XML. */
  bozo: boolean;
  bozoException: string | null;
  feed: { id?: string; title?: string; titleType?: string; subtitle?: string; updated?: string; author?: string; links: { rel: string; href: string }[] };
  entries: {
    id: string;
    title: string;
    titleType: string;
    summary?: string;
    summaryType?: string;
    content: { type: string; value: string }[];
    links: { rel: string; href: string }[];
    published?: string;
    updated?: string;
  }[];
}

const SCRIPT = String.raw`
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
links = lambda x: [{"rel": l.get("rel"), "href": l.get("href")} for l in x.get("links", [])]
detail = lambda x, k: (x.get(k + "_detail") or {}).get("type")
f = d.feed
print(json.dumps({
  "bozo": bool(d.bozo),
  "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
  "feed": {"id": f.get("id"), "title": f.get("title"), "titleType": detail(f, "title"), "subtitle": f.get("subtitle"),
           "updated": f.get("updated"), "author": f.get("author"), "links": links(f)},
  "entries": [{"id": e.get("id"), "title": e.get("title"), "titleType": detail(e, "title"),
               "summary": e.get("summary"), "summaryType": detail(e, "summary"),
               "content": [{"type": c.get("type"), "value": c.get("value")} for c in e.get("content", [])],
               "links": links(e), "published": e.get("published"), "updated": e.get("updated")} for e in d.entries],
}))
`;

let python: string | undefined;

/** The first Python that has feedparser: Debian's package installs it for /usr/bin/python3 only. */
function pythonWithFeedparser(): string {
  if (python) return python;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import feedparser']).status === 0) return (python = candidate);
  }
  throw new Error("Python's feedparser was not found: install Debian's python3-feedparser (apt-get install python3-feedparser).");
}

export function parseFeed(xml: string): ParsedFeed {
  const run = spawnSync(pythonWithFeedparser(), ['-c', SCRIPT], { input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedFeed;
}
