import { describe, expect, it } from 'vitest';
import { firstParam, pageParam, singleParam } from '@/lib/core/search-params';

describe('search params', () => {
  it('singleParam takes a value given once and ignores a repeated one', () => {
    expect(singleParam('saved')).toBe('saved');
    expect(singleParam(['a', 'b'])).toBeUndefined();
    expect(singleParam(undefined)).toBeUndefined();
  });

  it('firstParam takes the first of repeated values', () => {
    expect(firstParam('q')).toBe('q');
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam(undefined)).toBeUndefined();
  });

  it('pageParam reads a whole page number from 1 to 100,000, else 1', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam(['4', '9'])).toBe(4);
    for (const bad of [undefined, '', '0', '-2', '1.5', 'x', '100001']) expect(pageParam(bad)).toBe(1);
  });
});
