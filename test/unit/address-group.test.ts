import { describe, expect, it } from 'vitest';
import { addressGroup } from '@/lib/rate-limit/address-group';

describe('the address group a rate limit counts as one client', () => {
  it('puts IPv6 addresses of one /64 together, however they are written', () => {
    const group = addressGroup('2001:db8:85a3:42::1');
    expect(addressGroup('2001:0db8:85a3:0042:ffff:ffff:ffff:ffff')).toBe(group);
    expect(addressGroup('2001:DB8:85A3:42:1234::9')).toBe(group);
    expect(addressGroup('[2001:db8:85a3:42::7]')).toBe(group);
    expect(addressGroup('fe80::1%eth0')).toBe(addressGroup('fe80::2'));
  });

  it('keeps different /64s apart', () => {
    expect(addressGroup('2001:db8:85a3:43::1')).not.toBe(addressGroup('2001:db8:85a3:42::1'));
    expect(addressGroup('2001:db8:85a4:42::1')).not.toBe(addressGroup('2001:db8:85a3:42::1'));
  });

  it('keeps each IPv4 address on its own, also when written IPv4-mapped', () => {
    expect(addressGroup('192.0.2.1')).toBe('192.0.2.1');
    expect(addressGroup('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressGroup('192.0.2.2')).not.toBe(addressGroup('192.0.2.1'));
  });

  it('leaves what is not an address as it is', () => {
    expect(addressGroup('unknown')).toBe('unknown');
  });
});
