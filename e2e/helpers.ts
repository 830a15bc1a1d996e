import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

/** Signs in through the API, as tests other than the sign-in test should. */
export async function signIn(request: APIRequestContext, email: string) {
  const response = await request.post('/api/auth/demo', { data: { email } });
  expect(response.status(), await response.text()).toBe(200);
  return response;
}

export const ACCOUNTS = {
  alice: 'alice@vendor.example',
  bob: 'bob@vendor.example',
  grace: 'grace@vendor.example',
  heidi: 'heidi@vendor.example',
  carol: 'carol@acme.example',
  dan: 'dan@acme.example',
  erin: 'erin@globex.example',
} as const;
