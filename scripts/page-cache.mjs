// The public portal's pages, kept in memory for a few seconds for visitors without a cookie.
// Rendering a page costs Next.js and React a few milliseconds of CPU each time, although the
// pages read no database (their data is cached); under load that is the whole cost of a page.
//
// Every page must carry a fresh Content-Security-Policy nonce, so a copy is kept as the text
// around the nonce it was rendered with, and each answer joins it with a new one. The render's
// nonce was random and never left the server, so no content in the page can have guessed it:
// what the copy's scripts may run is exactly what the render allowed.
//
// A staff change on this instance, or a change to the documents catalogue announced by any
// instance (lib/portal/cache.ts retirePublicCopies), bumps a generation number that retires
// every copy at once; other changes made on other instances show within TTL_MS here.
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

/** The bytes around each occurrence of `separator`. */
function splitBuffer(buffer, separator) {
  const parts = [];
  let from = 0;
  for (let at = buffer.indexOf(separator); at !== -1; at = buffer.indexOf(separator, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(buffer.subarray(from));
  return parts;
}

export function createPageCache() {
  /** key → { parts, headers, policy, generation, expires } */
  const entries = new Map();

  const acceptsGzip = (accept) => /\bgzip\b/.test(String(accept ?? ''));

  /** Sends a page's bytes, compressed when the client takes gzip, as Next.js would. */
  function send(res, writeHead, end, body, gzip) {
    if (gzip) {
      body = gzipSync(body, { level: 6 });
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    writeHead.call(res, 200);
    end.call(res, body);
  }

  function answer(req, res, entry) {
    const nonce = Buffer.from(randomBytes(16).toString('base64'));
    const body = Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [nonce, part])));
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', entry.policy.join(nonce.toString()));
    send(res, res.writeHead, res.end, body, acceptsGzip(req.headers['accept-encoding']));
  }

  /**
   * Holds the page Next.js writes (asked for uncompressed) until its end: a plain 200 HTML page
   * is kept, and sent compressed if the client takes it; anything else is passed on as written.
   */
  function capture(req, res, key, gzip) {
    const startedAt = generation();
    const chunks = [];
    let head = null;
    const { writeHead, write, end } = res;
    const hold = (chunk, encoding) => {
      if (chunk == null || typeof chunk === 'function') return;
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    };
    res.writeHead = function (...args) {
      head = args;
      return this;
    };
    res.write = function (chunk, encoding, callback) {
      hold(chunk, encoding);
      const done = [encoding, callback].find((a) => typeof a === 'function');
      if (done) process.nextTick(done);
      return true;
    };
    res.end = function (chunk, encoding, callback) {
      hold(chunk, encoding);
      const done = [chunk, encoding, callback].find((a) => typeof a === 'function');
      if (done) res.once('finish', done);
      res.writeHead = writeHead;
      res.write = write;
      res.end = end;
      if (head) {
        const [status, ...rest] = head;
        res.statusCode = status;
        // writeHead(status, [message], headers): the headers become the response's own.
        const headers = rest.find((a) => a && typeof a === 'object');
        if (headers) for (const [name, value] of Array.isArray(headers) ? pairs(headers) : Object.entries(headers)) res.setHeader(name, value);
      }
      const body = Buffer.concat(chunks);
      if (keep(key, res, body, startedAt)) return send(res, writeHead, end, body, gzip);
      if (head) writeHead.call(res, res.statusCode);
      return end.call(res, body);
    };
  }

  const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);

  /** Keeps a plain 200 HTML page with a nonce in its policy; true when kept. */
  function keep(key, res, body, startedAt) {
    if (res.statusCode !== 200 || body.length > MAX_PAGE_BYTES || generation() !== startedAt) return false;
    if (!String(res.getHeader('content-type') ?? '').startsWith('text/html') || res.getHeader('set-cookie')) return false;
    const policy = String(res.getHeader('content-security-policy') ?? '');
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    if (!nonce) return false;
    const headers = Object.entries(res.getHeaders()).filter(([name]) => !NOT_KEPT.has(name) && name !== 'content-security-policy');
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value);
    entries.set(key, {
      parts: splitBuffer(body, Buffer.from(nonce)),
      policy: policy.split(nonce),
      headers,
      generation: startedAt,
      expires: Date.now() + TTL_MS,
    });
    return true;
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
    // Next.js renders it uncompressed; the copy is compressed for each client that takes it.
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    delete req.headers['accept-encoding'];
    capture(req, res, key, gzip);
    return false;
  };
}
