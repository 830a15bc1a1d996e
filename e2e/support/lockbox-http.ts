// The lockbox steps that specs running their own server take over HTTP: bob asks acme for
// access, carol answers.
import { expect } from '@playwright/test';
import { ACCOUNTS } from '../helpers';
import { json, signedIn } from './http-client';

/** bob asks acme for an hour of read access; the request's id. */
export async function bobAsksAcme(baseUrl: string, ticket: string): Promise<string> {
  const bob = await signedIn(baseUrl, ACCOUNTS.bob);
  const filed = await bob.post('/api/lockbox/requests', {
    tenant: 'acme',
    justification: 'Customer reports a problem that needs their data to investigate',
    ticket,
    durationMinutes: 60,
    access: 'read',
  });
  expect(filed.status, filed.text).toBe(201);
  return json<{ id: string }>(filed).id;
}

/** carol, acme's customer admin, approves or revokes the request. */
export async function carolAnswers(baseUrl: string, id: string, step: 'approve' | 'revoke') {
  const carol = await signedIn(baseUrl, ACCOUNTS.carol);
  const answer = await carol.post(`/api/lockbox/requests/${id}/${step}`, { comment: step === 'approve' ? 'go ahead' : 'done' });
  expect(answer.status, answer.text).toBe(200);
}
