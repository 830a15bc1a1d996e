import type { FakeProfile } from './server';

export const FAKE_WORKOS = {
  apiKey: 'sk_test_fake_workos_key',
  clientId: 'client_fake_workos',
  webhookSecret: 'whsec_fake_workos_secret',
};

/** The people the fake identity providers know: the seeded demo accounts (lib/seed/demo-data.ts). */
export const FAKE_PROFILES: FakeProfile[] = [
  { email: 'alice@vendor.example', organizationId: 'org_vendor', firstName: 'Alice', lastName: 'Adams' },
  { email: 'bob@vendor.example', organizationId: 'org_vendor', firstName: 'Bob', lastName: 'Brown' },
  { email: 'carol@acme.example', organizationId: 'org_acme', firstName: 'Carol', lastName: 'Clark' },
  { email: 'dan@acme.example', organizationId: 'org_acme', firstName: 'Dan', lastName: 'Diaz' },
  { email: 'erin@globex.example', organizationId: 'org_globex', firstName: 'Erin', lastName: 'Evans' },
  // Not seeded: the directory provisions her during the tests.
  { email: 'nora@acme.example', organizationId: 'org_acme', firstName: 'Nora', lastName: 'Nash' },
];

/** The environment that points an app server's WorkOS SDK at the fake WorkOS listening on `port`. */
export function fakeWorkosEnv(port: number): Record<string, string> {
  return {
    WORKOS_API_KEY: FAKE_WORKOS.apiKey,
    WORKOS_CLIENT_ID: FAKE_WORKOS.clientId,
    WORKOS_WEBHOOK_SECRET: FAKE_WORKOS.webhookSecret,
    WORKOS_API_HOSTNAME: '127.0.0.1',
    WORKOS_API_PORT: String(port),
    WORKOS_API_HTTPS: 'false',
  };
}
