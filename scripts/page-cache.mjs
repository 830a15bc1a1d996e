// The public portal's pages, kept in memory for a few seconds for visitors without a cookie.
// Rendering a page costs Next.js and React a few milliseconds of CPU each time, although the
// pages read no database (their data is cached); under load that is the whole cost of a page.
//
// Every page must carry a fresh Content-Security-Policy nonce, so a copy is kept as the text
// around the nonce it was rendered with, and each answer joins it with a new one. The render's
// nonce was random and never left the server, so no content in the page can have guessed it:
// what the copy's scripts may run is exactly what the render allowed.
//
// A staff change (lib/portal/cache.ts refreshPublic) bumps a generation number that retires
// every copy at once on this instance; other instances' copies expire within TTL_MS.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const PAGES = new Set(['/', '/certifications', '/security', '/subprocessors', '/documents', '/updates', '/vulnerability-disclosure', '/governance-log']);
const TTL_MS = 5_000;
const MAX_ENTRIES = 200;
const MAX_PAGE_BYTES = 1_000_000;
const GENERATION = Symbol.for('trust-center.public-generation');
// Set per response, or describing the bytes as sent: never replayed from a copy.
const NOT_KEPT = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'date', 'connection', 'keep-alive', 'set-cookie']);

const generation = () => globalThis[GENERATION] ?? 0;

/** The key of a request that may be answered from, or fill, the cache; null for any other. */
function keyOf(req) {
  if (req.method !== 'GET' || req.headers.cookie || req.headers.authorization) return null;
  // The router's own requests (RSC payloads, prefetches) get other bytes for the same URL.
  if (req.headers.rsc || Object.keys(req.headers).some((h) => h.startsWith('next-'))) return null;
  const url = req.url ?? '';
  if (url.length > 300) return null;
  const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
  if (!PAGES.has(path)) return null;
  return `${req.headers['x-forwarded-proto'] ?? ''} ${req.headers.host ?? ''} ${url}`;
}

export function createPageCache() {
  /** key → { parts, headers, policy, generation, expires } */
  const entries = new Map();

  function answer(req, res, entry) {
    const nonce = randomBytes(16).toString('base64');
    let body = Buffer.from(entry.parts.join(nonce));
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', entry.policy.join(nonce));
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body, { level: 6 });
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(body);
  }

  /** Keeps the page Next.js is about to write, if it turns out to be a plain 200 HTML page. */
  function capture(req, res, key) {
    const startedAt = generation();
    const chunks = [];
    let size = 0;
    const keep = (chunk, encoding) => {
      if (chunk == null || typeof chunk === 'function' || size > MAX_PAGE_BYTES) return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
      size += bytes.length;
      chunks.push(bytes);
    };
    const { write, end } = res;
    res.write = function (chunk, encoding, callback) {
      keep(chunk, encoding);
      return write.apply(this, arguments);
    };
    res.end = function (chunk, encoding, callback) {
      keep(chunk, encoding);
      const result = end.apply(this, arguments);
      store(key, res, chunks, size, startedAt);
      return result;
    };
  }

  function store(key, res, chunks, size, startedAt) {
    if (res.statusCode !== 200 || size > MAX_PAGE_BYTES || generation() !== startedAt) return;
    if (!String(res.getHeader('content-type') ?? '').startsWith('text/html') || res.getHeader('set-cookie')) return;
    const policy = String(res.getHeader('content-security-policy') ?? '');
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    if (!nonce) return;
    const headers = Object.entries(res.getHeaders()).filter(([name]) => !NOT_KEPT.has(name) && name !== 'content-security-policy');
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value);
    entries.set(key, {
      parts: Buffer.concat(chunks).toString('utf8').split(nonce),
      policy: policy.split(nonce),
      headers,
      generation: startedAt,
      expires: Date.now() + TTL_MS,
    });
  }

  /**
   * Answers from the cache and returns true, or prepares the request to fill it and returns
   * false (Next.js then answers it as usual).
   */
  return function servePage(req, res) {
    const key = keyOf(req);
    if (!key) return false;
    const entry = entries.get(key);
    if (entry && entry.generation === generation() && entry.expires > Date.now()) {
      answer(req, res, entry);
      return true;
    }
    if (entry) entries.delete(key);
    // Kept uncompressed; each answer from the copy is compressed for its own client.
    delete req.headers['accept-encoding'];
    capture(req, res, key);
    return false;
  };
}
