import { WorkOS } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_AGE_MS, MAX_SIGNATURE_SKEW_MS, verifyWorkosSignature } from '@/lib/identity/webhook-signature';

const secret = 'whsec_unit_test';
const body = JSON.stringify({ id: 'event_1', event: 'dsync.user.created', data: {} });
const now = new Date('2026-03-01T12:00:00.000Z');
// WorkOS's own SDK signs and checks here, independently of this app's code and test helpers.
const workos = new WorkOS('sk_test_unit', { clientId: 'client_unit' });

async function sdkHeader(payload: string, timestampMs: number, key = secret) {
  return `t=${timestampMs}, v1=${await workos.webhooks.computeSignature(String(timestampMs), payload, key)}`;
}

describe('WorkOS webhook signatures', () => {
  it('accepts what the WorkOS SDK signs and itself accepts', async () => {
    const header = await sdkHeader(body, now.getTime());
    expect(() => verifyWorkosSignature(body, header, secret, now)).not.toThrow();
    await expect(workos.webhooks.verifyHeader({ payload: body, sigHeader: header, secret, tolerance: Number.MAX_SAFE_INTEGER })).resolves.toBe(true);
  });

  it('refuses another secret, another body and a malformed header', async () => {
    const header = await sdkHeader(body, now.getTime());
    expect(() => verifyWorkosSignature(body, header, 'whsec_other', now)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => verifyWorkosSignature(`${body} `, header, secret, now)).toThrow(expect.objectContaining({ status: 401 }));
    for (const bad of [
      '',
      'garbage',
      `t=abc, v1=${'0'.repeat(64)}`,
      `t=${now.getTime()}`,
      `v1=${'0'.repeat(64)}, t=${now.getTime()}`,
      header.replace(/.$/, ''),
    ]) {
      expect(() => verifyWorkosSignature(body, bad, secret, now), bad).toThrow(expect.objectContaining({ status: 401, code: 'invalid_signature' }));
    }
  });

  it('bounds the signature date on both sides of the clock', async () => {
    const at = (offsetMs: number) => sdkHeader(body, now.getTime() + offsetMs);
    for (const ok of [0, -MAX_SIGNATURE_AGE_MS, MAX_SIGNATURE_SKEW_MS]) {
      const header = await at(ok);
      expect(() => verifyWorkosSignature(body, header, secret, now), `offset ${ok}`).not.toThrow();
    }
    for (const late of [-MAX_SIGNATURE_AGE_MS - 1, MAX_SIGNATURE_SKEW_MS + 1, 365 * 86_400_000]) {
      const header = await at(late);
      expect(() => verifyWorkosSignature(body, header, secret, now), `offset ${late}`).toThrow(expect.objectContaining({ status: 401 }));
    }
    expect(MAX_SIGNATURE_SKEW_MS).toBe(5 * 60_000);
  });
});
