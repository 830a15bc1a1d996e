import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { canonicalSha256 } from '@/lib/core/canonical-json';

/** A rendered PDF and the key of the data it was rendered from. */
export interface RenderedPdf {
  /** SHA-256 (hex) of the canonical JSON of the render input: equal input, equal key. */
  key: string;
  bytes: Buffer;
  /** SHA-256 (hex) of the bytes, the download's ETag. */
  sha256: string;
}

// Generated documents are small (tens of kB); this bounds the cache whatever their number.
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

const rendered = new LRUCache<string, RenderedPdf>({ maxSize: MAX_CACHED_BYTES, sizeCalculation: (pdf) => pdf.bytes.length });
const inFlight = new Map<string, Promise<RenderedPdf>>();

/** The cache key of a render input: SHA-256 of its RFC 8785 canonical JSON. */
export const contentKey = canonicalSha256;

/**
 * The PDF for `input`, rendered at most once per distinct input (and once at a time: requests
 * arriving while it renders wait for the same result). `input` must hold everything the
 * rendering reads, including the template's version, so a changed input is a new key.
 */
export function renderCached(input: unknown, render: () => Promise<Buffer>): Promise<RenderedPdf> {
  const key = contentKey(input);
  const hit = rendered.get(key);
  if (hit) return Promise.resolve(hit);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const job = render()
    .then((bytes) => {
      const pdf = { key, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
      rendered.set(key, pdf);
      return pdf;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

/** Drops every cached render (tests that count renders). */
export function clearRenderCache() {
  rendered.clear();
}
