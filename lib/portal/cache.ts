import 'server-only';
import { LRUCache } from 'lru-cache';
import { cache } from 'react';
import { forgetPublicFiles } from '@/lib/portal/public-files';
import { processState } from '@/lib/core/process-state';

/** What the public portal caches, by the content it shows. */
export const PORTAL_TAGS = ['settings', 'security', 'certifications', 'documents', 'subprocessors', 'updates', 'nda'] as const;
export type PortalTag = (typeof PORTAL_TAGS)[number];

// Changes that reach no instance through a notification (most staff changes are retired
// locally and on the others by lib/portal/public-changes.ts; scheduled sub-processor changes
// reach their effective time on their own) show within this many seconds.
const BACKSTOP_SECONDS = 60;
// The keys are a handful of reads and the pages of the updates list that visitors ask for.
const MAX_COPIES = 500;

// The instance's copies of public reads. The read's promise is kept, so that visitors arriving
// together while a copy is made share one database read.
const copies = processState('portal-copies', () => new LRUCache<string, Promise<unknown>>({ max: MAX_COPIES, ttl: BACKSTOP_SECONDS * 1000 }));

/** Frozen all the way down: one copy serves every visitor, so a page that changed it would change it for all. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * A public read kept in memory across requests, so a page view costs no database query and no
 * parse. The value is shared and frozen: return plain values and copy before changing them.
 * Within one render, React's cache() shares one lookup between the metadata, header, page and
 * footer that all read it; outside a render it calls through.
 */
export function cachedPublic<T>(tag: PortalTag | PortalTag[], key: string, read: () => Promise<T>): () => Promise<T> {
  const id = `${[tag].flat().join(',')}:${key}`;
  return cache(() => {
    const kept = copies.get(id) as Promise<T> | undefined;
    if (kept) return kept;
    const reading = read().then(deepFreeze);
    copies.set(id, reading);
    // A failed read is not kept: the next visitor tries again.
    reading.catch(() => {
      if (copies.peek(id) === reading) copies.delete(id);
    });
    return reading;
  });
}

/** Retires every public copy this instance keeps: the next view reads the database. */
export function retirePublicCopies() {
  forgetPublicFiles();
  copies.clear();
}

/** After a change commits: the next public view on this instance reads fresh data. */
export function refreshPublic(...tags: PortalTag[]) {
  if (tags.length) retirePublicCopies();
}
