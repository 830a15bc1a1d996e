import 'server-only';
import { unstable_cache } from 'next/cache';
import { cache } from 'react';
import { forgetPublicFiles } from '@/lib/portal/public-files';
import { processState } from '@/lib/core/process-state';

/** What the public portal caches, by the content it shows. */
export const PORTAL_TAGS = ['settings', 'security', 'certifications', 'documents', 'subprocessors', 'updates', 'nda'] as const;
export type PortalTag = (typeof PORTAL_TAGS)[number];

// One number for everything the instance keeps of the public portal: the data read through
// cachedPublic() and the files (lib/portal/public-files.ts). Raising it retires all of them.
const portal = processState('portal-generation', () => ({ generation: 0 }));

// Changes that reach no instance through a notification (most staff changes are retired
// locally and on the others by lib/portal/public-changes.ts; scheduled sub-processor changes
// reach their effective time on their own) show within this many seconds.
const BACKSTOP_SECONDS = 60;

/**
 * A public read cached across requests, so a page view costs no database query. The result
 * passes through JSON: return plain values (ISO strings, not Dates). The cache key carries the
 * generation, so a retired copy is never read again. Within one render, React's cache() shares
 * one lookup between the metadata, header, page and footer that all read it; outside a render
 * it calls through.
 */
export function cachedPublic<T>(tag: PortalTag | PortalTag[], key: string, read: () => Promise<T>): () => Promise<T> {
  const tags = [tag].flat();
  return cache(() => unstable_cache(read, ['portal', ...tags, key, String(portal.generation)], { revalidate: BACKSTOP_SECONDS })());
}

/** Retires every public copy this instance keeps: the next view reads the database. */
export function retirePublicCopies() {
  forgetPublicFiles();
  portal.generation += 1;
}

/** After a change commits: the next public view on this instance reads fresh data. */
export function refreshPublic(...tags: PortalTag[]) {
  if (tags.length) retirePublicCopies();
}
