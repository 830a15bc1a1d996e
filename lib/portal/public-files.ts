import 'server-only';
import { documentDownloads } from '@/drizzle/schema';
import { ANONYMOUS } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { processState } from '@/lib/core/process-state';

/**
 * Public documents (uploaded or generated) are the portal's heaviest responses and the same
 * bytes for everyone, so the route keeps the current file of each in memory. Its downloads
 * are counted in memory and written to document_downloads in batches: every second, past
 * FLUSH_AT, and when the process is told to stop (scripts/serve.mjs gives it a moment).
 */

/**
 * How long a cached file is served before the database is asked again. A change to the
 * documents catalogue on any instance clears the cache at once (lib/portal/public-changes.ts);
 * other changes made on another instance show by then.
 */
export const PUBLIC_FILE_TTL_MS = 60_000;
const FLUSH_EVERY_MS = 1_000;
/** Past this many counted downloads, they are written at once rather than at the next tick. */
const FLUSH_AT = 500;

export interface PublicFile {
  documentId: string;
  versionId: string | null;
  filename: string;
  sha256: string;
  content: Buffer;
}

interface Cached extends PublicFile {
  cachedAt: number;
}

interface Download {
  documentId: string;
  documentVersionId: string | null;
  downloadedAt: Date;
}

const state = processState('public-files', () => ({
  files: new Map<string, Cached>(),
  downloads: [] as Download[],
  flushing: null as Promise<number> | null,
  /** Where counted downloads are written: the database of the last request that counted one. */
  countedIn: null as DbHandle | null,
  flusher: null as ReturnType<typeof setInterval> | null,
}));

/** Keeps a public document's current file in memory. */
export function rememberPublicFile(slug: string, file: PublicFile, now = Date.now()) {
  state.files.set(slug, { ...file, cachedAt: now });
}

/** The cached current file of a public document, while fresh. */
export function cachedPublicFile(slug: string, now = Date.now()): PublicFile | null {
  const hit = state.files.get(slug);
  if (!hit || now - hit.cachedAt >= PUBLIC_FILE_TTL_MS) return null;
  return hit;
}

/** After any change to the portal's content: every public file is read afresh (a DPA's annexes depend on much of it). */
export function forgetPublicFiles() {
  state.files.clear();
}

/** Counts a public download, to be written to `db` within a second. */
export function recordPublicDownload(db: DbHandle, documentId: string, documentVersionId: string | null, at: Date) {
  state.downloads.push({ documentId, documentVersionId, downloadedAt: at });
  state.countedIn = db;
  if (!state.flusher) {
    state.flusher = setInterval(flushCounted, FLUSH_EVERY_MS);
    state.flusher.unref();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, flushCounted);
  }
  if (state.downloads.length >= FLUSH_AT) flushCounted();
}

function flushCounted() {
  if (state.countedIn && state.downloads.length > 0) flushPublicDownloads(state.countedIn).catch(logFlushError);
}

/** Writes the counted downloads in one statement; returns how many. One flush at a time; failed rows are kept for the next. */
export async function flushPublicDownloads(db: DbHandle): Promise<number> {
  while (state.flushing) await state.flushing;
  const batch = state.downloads.splice(0);
  if (batch.length === 0) return 0;
  state.flushing = withActor(db, ANONYMOUS, (tx) => tx.insert(documentDownloads).values(batch))
    .then(() => batch.length)
    .catch((error: unknown) => {
      // A document deleted since (foreign key violation): its counts go with it. Anything else
      // (the database is away): kept for the next flush.
      if (pgErrorCode(error) === '23503') return 0;
      state.downloads.unshift(...batch);
      throw error;
    })
    .finally(() => {
      state.flushing = null;
    });
  return state.flushing;
}

function logFlushError(error: unknown) {
  console.error(JSON.stringify({ level: 'error', event: 'downloads.flush_failed', error: error instanceof Error ? error.name : 'unknown' }));
}

/** Whether an If-None-Match header names this ETag (strong or weak, in a list, or *). */
export function etagMatches(ifNoneMatch: string | null | undefined, sha256: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${sha256}"`;
  });
}
