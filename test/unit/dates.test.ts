import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isoDate, isoDateTime } from '@/lib/core/dates';

describe('dates for people', () => {
  it('shows a date as day, short month and year, in UTC', () => {
    expect(formatDate(new Date('2026-12-07T23:59:00Z'))).toBe('7 Dec 2026');
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate('2026-03-04T00:30:00+02:00')).toBe('3 Mar 2026');
  });

  it('shows a time in 24-hour UTC, and says so', () => {
    expect(formatDateTime(new Date('2026-12-07T14:05:09Z'))).toBe('7 Dec 2026, 14:05 UTC');
    expect(formatDateTime('2027-01-01T00:00:00.000Z')).toBe('1 Jan 2027, 00:00 UTC');
  });

  it('gives the machine forms', () => {
    expect(isoDate(new Date('2026-12-07T14:05:00Z'))).toBe('2026-12-07');
    expect(isoDateTime(new Date('2026-12-07T14:05:00Z'))).toBe('2026-12-07T14:05:00.000Z');
    expect(isoDateTime('2026-12-07')).toBe('2026-12-07');
  });
});
