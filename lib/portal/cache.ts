import 'server-only';
import { revalidateTag, unstable_cache } from 'next/cache';
import { cache } from 'react';
import { forgetPublicFiles } from '@/lib/documents/public-files';

/** What the public portal caches, by the content it shows. */
export const PORTAL_TAGS = [
  'settings',
  'security',
  'certifications',
  'documents',
  'subprocessors',
  'updates',
  'nda',
] as const;
export type PortalTag = (typeof PORTAL_TAGS)[number];

const PAGE_GENERATION = Symbol.for('trust-center.public-generation');

// A staff change expires its tag at once on this instance. Other instances, and scheduled
// sub-processor changes reaching their effective time, catch up within this many seconds.
const BACKSTOP_SECONDS = 60;

/**
 * A public read cached across requests, so a page view costs no database query. The result
 * passes through JSON: return plain values (ISO strings, not Dates). Within one render, React's
 * cache() shares one lookup between the metadata, header, page and footer that all read it (each
 * lookup of the data cache hashes its key and copies the value); outside a render it calls through.
 */
export function cachedPublic<T>(tag: PortalTag | PortalTag[], key: string, read: () => Promise<T>): () => Promise<T> {
  const tags = [tag].flat();
  return cache(unstable_cache(read, ['portal', ...tags, key], { tags: tags.map((t) => `portal:${t}`), revalidate: BACKSTOP_SECONDS }));
}

/** After a change commits: the next public view reads fresh data. Outside a request (CLI, tests) there is no cache. */
export function refreshPublic(...tags: PortalTag[]) {
  if (tags.length) {
    forgetPublicFiles();
    // Retires the pages the server keeps in memory (scripts/page-cache.mjs).
    const generation = globalThis as { [PAGE_GENERATION]?: number };
    generation[PAGE_GENERATION] = (generation[PAGE_GENERATION] ?? 0) + 1;
  }
  for (const tag of tags) {
    try {
      revalidateTag(`portal:${tag}`, { expire: 0 });
    } catch (error) {
      if (!(error instanceof Error && /static generation store|workStore|outside a request/i.test(error.message))) throw error;
    }
  }
}
