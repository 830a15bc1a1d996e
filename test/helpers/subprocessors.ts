/** A valid addition, for tests to vary. */
export const ADD = {
  kind: 'add',
  name: 'Acme Mail',
  purpose: 'Transactional e-mail delivery',
  dataCategories: ['Contact details'],
  locations: ['US'],
  transferMechanism: 'EU Standard Contractual Clauses',
  website: 'https://acme-mail.example',
  processesCustomerRecords: false,
  effectiveDate: '2026-01-15',
} as const;

export const TEST_LINK_KEYS = { baseUrl: 'http://trust.test', secret: 'integration-test-secret' };
