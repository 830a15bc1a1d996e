// fast-check arbitraries for hostile input: wrong types, huge strings, unicode edge cases,
// injection strings, prototype-pollution keys, malformed bodies and wrong content types.
import fc from 'fast-check';

/** SQL that would do harm if it were ever spliced into a statement. */
export const SQL_INJECTION = [
  "' OR 1=1--",
  "'; DROP TABLE users;--",
  "1'; DELETE FROM governance_events WHERE '1'='1",
  "' UNION SELECT password FROM users--",
  '$$; SELECT pg_sleep(10); $$',
  '$1',
  '\\',
  "\\'",
  "'",
  '"',
  '%',
  '_',
  "admin'--",
  '1) OR (1=1',
  "'; COPY (SELECT '') TO PROGRAM 'id';--",
];

/** Markup and URLs that would run script if echoed without escaping. */
export const SCRIPT_INJECTION = [
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'data:text/html,<script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '<!--',
  ']]>',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '//evil.example/',
  '/\\evil.example',
  'https://evil.example/',
];

/** Strings that are hard on encoders, normalizers and PostgreSQL. */
export const UNICODE_EDGES = [
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\ude00b',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(10),
  '\u202eevil.exe\u202dtxt',
  '\u200f\u200e\u2066\u2069',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̴̡̛̺̤͙͔̣͎̯̾̓̈́͐a̵̢͚̩̥̐l̴g̶o̷',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '\u200b\u200c\u200d\ufeff',
  '\ufffe\uffff',
  '\u0085\u2028\u2029',
  '\r\n\r\n',
  '\t \t',
  'ﷺ𒐫꧅',
  'Ⅻ ﬃ Å Å',
  'İı ß ẞ',
  '\u0001\u0002\u001b[31m',
  '',
  ' ',
];

/** Keys that reach Object.prototype when an object is merged carelessly. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

export const HUGE_LENGTHS = [20_000, 60_000, 100_000, 300_000];

/** A string of `length` code units, built from a short unit so the arbitrary stays cheap. */
export const hugeString = fc
  .tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('A', 'é', '😀', '\u0000', "'", '<', '\ud800', 'ab c'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const anyUnicode = fc.string({ unit: 'binary', maxLength: 40 });

/** A hostile string: injection, unicode trouble, random code points, or a valid-looking prefix with trouble after it. */
export const evilString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_INJECTION) },
  { weight: 3, arbitrary: fc.constantFrom(...SCRIPT_INJECTION) },
  { weight: 4, arbitrary: fc.constantFrom(...UNICODE_EDGES) },
  { weight: 2, arbitrary: anyUnicode },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  // A lookup by a key from the request must not find Object.prototype's members.
  { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('valid text ', 'acme', 'x@acme.example', '2026-01-01', 'https://example.com/'),
        fc.constantFrom(...SQL_INJECTION, ...SCRIPT_INJECTION, ...UNICODE_EDGES),
      )
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: hugeString },
);

/** A value of the wrong type where a string (or anything else) is expected. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
  fc.constant([]),
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constant({ $ne: null }),
  fc.constant({ toString: 'x' }),
  fc.constant([[[[[['deep']]]]]]),
);

export const evilValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: evilString }, { weight: 2, arbitrary: wrongType });

/** Just over the limits schemas and database checks use (under the 64 kB body limit, so it reaches them). */
export const overLimitString = fc
  .tuple(fc.constantFrom(61, 64, 101, 121, 201, 255, 256, 301, 501, 1001, 2001, 4001, 5001, 10_001, 20_001, 50_001), fc.constantFrom('x', 'é', '😀', ' '))
  .map(([length, unit]) => (unit === ' ' ? `a${' '.repeat(length - 2)}b` : unit.repeat(length)));

/** What replaces one field while the others stay valid: hostile, of the wrong type, null, too long or missing. */
export const oneBadValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: evilValue },
  { weight: 2, arbitrary: overLimitString },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 0, -1, true, [], {}) },
);

/** An extra key: a prototype-pollution key, or any string. */
export const extraKey = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** An object with these own properties, `__proto__` included as a plain key (as JSON.parse makes it). */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

/** Text that is not JSON, or JSON that is truncated or oddly shaped. */
export const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    "{'a':1}",
    '{"a":1,}',
    '[1,2',
    'undefined',
    'NaN',
    '{"a":NaN}',
    '\u0000',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    '['.repeat(100_000),
    '"just a string"',
    '12345678901234567890123456789',
    'null',
    'true',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

export const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/xml',
  'text/html',
  'multipart/form-data',
  'multipart/form-data; boundary=nothing-here',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded; charset=ebcdic',
  'application/octet-stream',
  'image/png',
  '',
  '\u00e9/\u00e9',
);

/** An X-Forwarded-For address, so that rate limits keyed by address see many visitors. */
export const clientIp = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join('.'));

/** Bytes that are not what an upload claims: empty, garbage, a PDF header on junk, a truncated PNG. */
export const fileBytes = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.uint8Array({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...b])),
  fc.constant(new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF'))),
  fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
  fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
  fc.constant(new Uint8Array(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))),
  fc.constant(new Uint8Array(Buffer.from('PK\u0003\u0004garbage-xlsx'))),
  fc.constant(new Uint8Array(Buffer.from('questionId,answer,comment\n"IDA-01","yes","' + "'; DROP TABLE users;--" + '"\n"\u0000",maybe,\n'))),
);

/** A file name for an upload. */
export const fileName = fc.oneof(
  fc.constantFrom('report.pdf', 'answers.xlsx', 'answers.csv', 'logo.png', '../../etc/passwd', 'a\u0000.pdf', '<script>.pdf', '\u202efdp.exe', '.pdf', ''),
  evilString.map((s) => s.slice(0, 300)),
);
