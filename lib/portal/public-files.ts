import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { documentDownloads } from '@/drizzle/schema';
import { ANONYMOUS } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { arrivedOverHttps, FILE_POLICY, HSTS } from '@/lib/http/content-security-policy';
import securityHeaders from '@/lib/http/security-headers.json';

/**
 * Public documents (uploaded or generated) are the portal's heaviest responses and the same
 * bytes for everyone, so the current file of each is kept in memory and served by the HTTP
 * server before Next.js sees the request (scripts/serve.mjs). Downloads are counted in memory
 * and written to document_downloads in batches.
 *
 * The state lives on globalThis: Next.js bundles route handlers and instrumentation apart,
 * and every bundle, like the server script, must see the same cache and the same counts.
 */

/**
 * How long a cached file is served before the database is asked again. A change to the
 * documents catalogue on any instance clears the cache at once (lib/portal/public-changes.ts);
 * other changes made on another instance show by then.
 */
export const PUBLIC_FILE_TTL_MS = 60_000;
const FLUSH_EVERY_MS = 5_000;
/** Past this many counted downloads, they are written at once rather than at the next tick. */
const FLUSH_AT = 500;
const PATH = /^\/documents\/([a-z0-9][a-z0-9-]{0,62})\.pdf$/;

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

interface Store {
  files: Map<string, Cached>;
  downloads: Download[];
  flushing: Promise<number> | null;
  flusher: ReturnType<typeof setInterval> | null;
  db: (() => Promise<DbHandle>) | null;
}

const STORE = Symbol.for('trust-center.public-files');
const SERVE = Symbol.for('trust-center.serve-public-file');
const FLUSH = Symbol.for('trust-center.flush-public-downloads');

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[STORE] ??= { files: new Map(), downloads: [], flushing: null, flusher: null, db: null });
}

/** Keeps a public document's current file for the fast path. */
export function rememberPublicFile(slug: string, file: PublicFile, now = Date.now()) {
  store().files.set(slug, { ...file, cachedAt: now });
}

/** The cached current file of a public document, while fresh. */
export function cachedPublicFile(slug: string, now = Date.now()): PublicFile | null {
  const hit = store().files.get(slug);
  if (!hit || now - hit.cachedAt >= PUBLIC_FILE_TTL_MS) return null;
  return hit;
}

/** After any change to the portal's content: every public file is read afresh (a DPA's annexes depend on much of it). */
export function forgetPublicFiles() {
  store().files.clear();
}

/** Counts a public download; flushPublicDownloads() writes it. */
export function recordPublicDownload(documentId: string, documentVersionId: string | null, at: Date) {
  const s = store();
  s.downloads.push({ documentId, documentVersionId, downloadedAt: at });
  if (s.downloads.length >= FLUSH_AT && s.db) void s.db().then((db) => flushPublicDownloads(db)).catch(logFlushError);
}

/** Writes the counted downloads in one statement; returns how many. One flush at a time; failed rows are kept for the next. */
export async function flushPublicDownloads(db: DbHandle): Promise<number> {
  const s = store();
  while (s.flushing) await s.flushing;
  const batch = s.downloads.splice(0);
  if (batch.length === 0) return 0;
  s.flushing = withActor(db, ANONYMOUS, (tx) => tx.insert(documentDownloads).values(batch))
    .then(() => batch.length)
    .catch((error: unknown) => {
      // A document deleted since (foreign key violation): its counts go with it. Anything else
      // (the database is away): kept for the next flush.
      if (pgErrorCode(error) === '23503') return 0;
      s.downloads.unshift(...batch);
      throw error;
    })
    .finally(() => {
      s.flushing = null;
    });
  return s.flushing;
}

function logFlushError(error: unknown) {
  console.error(JSON.stringify({ level: 'error', event: 'downloads.flush_failed', error: error instanceof Error ? error.name : 'unknown' }));
}

/**
 * Serves GET and HEAD /documents/<slug>.pdf from the cache when it holds a fresh copy, with the
 * headers the route handler gives (ETag, 304 on If-None-Match); returns false to hand the
 * request on to Next.js.
 */
export function servePublicFile(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  const match = PATH.exec(url.includes('?') ? url.slice(0, url.indexOf('?')) : url);
  if (!match) return false;
  const file = cachedPublicFile(match[1]);
  if (!file) return false;
  const etag = `"${file.sha256}"`;
  for (const h of securityHeaders.always) res.setHeader(h.key, h.value);
  res.setHeader('Content-Security-Policy', FILE_POLICY);
  const proto = req.headers['x-forwarded-proto'];
  if (arrivedOverHttps(Array.isArray(proto) ? proto[0] : proto)) res.setHeader('Strict-Transport-Security', HSTS);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, max-age=300');
  if (etagMatches(req.headers['if-none-match'], file.sha256)) {
    res.writeHead(304).end();
    return true;
  }
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', file.content.length);
  res.setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
  res.writeHead(200);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  recordPublicDownload(file.documentId, file.versionId, new Date());
  res.end(file.content);
  return true;
}

/** Whether an If-None-Match header names this ETag (strong or weak, in a list, or *). */
export function etagMatches(ifNoneMatch: string | null | undefined, sha256: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${sha256}"`;
  });
}

/**
 * At start-up: offers the fast path to the HTTP server, and writes counted downloads every few
 * seconds (and when the server shuts down: the server calls the flush hook).
 */
export function startPublicFiles(db: () => Promise<DbHandle>) {
  const s = store();
  s.db = db;
  const g = globalThis as unknown as Record<symbol, unknown>;
  g[SERVE] = servePublicFile;
  g[FLUSH] = () => db().then((handle) => flushPublicDownloads(handle));
  if (!s.flusher) {
    s.flusher = setInterval(() => void db().then((handle) => flushPublicDownloads(handle)).catch(logFlushError), FLUSH_EVERY_MS);
    s.flusher.unref();
  }
}
