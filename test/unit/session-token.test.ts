import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from '@/lib/auth/session-token';

const secret = 'unit-test-secret-unit-test-secret-0001';

describe('session tokens', () => {
  it('verifies its own tokens and yields the stored hash', () => {
    const { cookieValue, tokenHash } = issueToken(secret);
    expect(verifyToken(secret, cookieValue)).toBe(tokenHash);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never stores the token itself', () => {
    const { cookieValue, tokenHash } = issueToken(secret);
    expect(cookieValue).not.toContain(tokenHash);
    expect(tokenHash).not.toContain(cookieValue.split('.')[0]);
  });

  it('refuses another key, a changed token, and malformed values', () => {
    const { cookieValue } = issueToken(secret);
    const [token, signature] = cookieValue.split('.');
    expect(verifyToken('another-secret-another-secret-another-1', cookieValue)).toBeNull();
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyToken(secret, `${flipped}.${signature}`)).toBeNull();
    for (const bad of ['', '.', token, `${token}.`, `.${signature}`, `${cookieValue}.x`, `${token}.${signature}=`]) {
      expect(verifyToken(secret, bad), bad).toBeNull();
    }
  });

  it('issues a different token every time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => issueToken(secret).cookieValue));
    expect(seen.size).toBe(100);
  });
});
