import { LRUCache } from 'lru-cache';

/**
 * Keeps events that anyone can provoke at will (refusals, failed sign-ins) from flooding the
 * log: for each key (who, where, why), at most one event per window is written. The ones held
 * back are counted, and the next event written for the key carries that count (`suppressed`).
 *
 * The state is per process, in memory: nothing is written for a held-back refusal, so a flood
 * costs no database work. Each instance writes at most one event per key per window; a count
 * still held when the key falls out of the cache (the least recently seen of `maxKeys`) or the
 * process stops is not written.
 */
export class EventCoalescer {
  private readonly seen: LRUCache<string, { writtenAt: number; suppressed: number }>;

  constructor(
    readonly windowMs = 60_000,
    maxKeys = 10_000,
  ) {
    this.seen = new LRUCache({ max: maxKeys });
  }

  /** Whether to write an event for this key now, and how many were held back since the last one. */
  admit(key: string, now: number): { write: true; suppressed: number } | { write: false } {
    const entry = this.seen.get(key);
    if (entry && now - entry.writtenAt < this.windowMs && now >= entry.writtenAt) {
      entry.suppressed += 1;
      return { write: false };
    }
    this.seen.set(key, { writtenAt: now, suppressed: 0 });
    return { write: true, suppressed: entry?.suppressed ?? 0 };
  }

  /** An admitted event that could not be written: it counts as held back, and the next one may be written. */
  failed(key: string, suppressed: number) {
    this.seen.set(key, { writtenAt: -Infinity, suppressed: suppressed + 1 });
  }

  clear() {
    this.seen.clear();
  }
}
