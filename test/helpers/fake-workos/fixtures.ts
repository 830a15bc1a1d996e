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
