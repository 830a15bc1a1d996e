// Property-based input fuzzing of every form and JSON endpoint: wrong types, huge
// strings, unicode edge cases, missing and extra fields, SQL and script injection, prototype
// pollution keys, malformed bodies and wrong content types, sent by an actor who may call the
// endpoint (so the input reaches validation and the data layer) and by actors who may not.
//
// Properties: no 5xx; no stack trace, file path or SQL error text in any answer; a refused
// request (an error status, or a form sent back with an error code) changes nothing, as the
// governance log of every organization witnesses (every change there is recorded in the same
// transaction; refusals add only `auth.refused`).
//
// The fuzzing runs as two shards side by side (this file and input-fuzzing-2, sharing
// e2e/fuzz/suite.ts), each on a server of its own (port BASE + 10 and BASE + 12, a fresh embedded
// database), so that the random but valid changes it makes cannot disturb the specs sharing the
// main server. FUZZ_SEED (printed) replays a run; FUZZ_RUNS raises the number of runs per endpoint.
import { expect, test } from '@playwright/test';
import { HINTS } from './fuzz/hints';
import { fuzzShard, mutating } from './fuzz/suite';
import { keyOf } from './support/app-routes';

test('every state-changing endpoint has fuzzing hints, with a real value for each dynamic segment', () => {
  const missing = mutating.filter((e) => !HINTS[keyOf(e)]).map(keyOf);
  expect(missing, 'state-changing endpoints without an entry in e2e/fuzz/hints.ts (say who may call them and what they read)').toEqual([]);
  const stale = Object.keys(HINTS).filter((k) => !mutating.some((e) => keyOf(e) === k));
  expect(stale, 'entries in e2e/fuzz/hints.ts for endpoints that no longer exist').toEqual([]);
  const unfilled = mutating.flatMap((e) => e.params.filter((p) => !HINTS[keyOf(e)]?.params?.[p]).map((p) => `${keyOf(e)} [${p}]`));
  expect(unfilled, 'dynamic segments without a real value').toEqual([]);
  expect(mutating.length).toBeGreaterThan(60);
});

fuzzShard(0);
